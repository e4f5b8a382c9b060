/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * An IPv6 neighbour solicitation (RFC 4861 section 4.3), valid as section 7.1.1 requires.
 *
 * @param eth the Ethernet header, ethertype {@link EtherTypes#IPV6}
 * @param sourceIp the IPv6 source: the solicitor, or :: during duplicate address detection
 * @param destinationIp the IPv6 destination: the target's solicited-node group, or the target itself
 * @param target the address whose link-layer address is asked for, not multicast
 * @param sourceLinkLayer the source link-layer address option, or null if absent (always absent from ::)
 */
public record NeighborSolicitation(EthernetHeader eth, IpAddress sourceIp, IpAddress destinationIp, IpAddress target,
        @Nullable MacAddress sourceLinkLayer) implements Packet {
    public NeighborSolicitation {
        NeighborDiscoveryCodec.check("neighbor solicitation", requireNonNull(eth), requireNonNull(sourceIp),
            requireNonNull(destinationIp), requireNonNull(target));
        if (sourceIp.address().isAnyLocalAddress()) {
            if (sourceLinkLayer != null) {
                throw new IllegalArgumentException("neighbor solicitation from :: carries a source link-layer "
                    + "address option (" + sourceLinkLayer + ")");
            }
            if (!Ipv6Multicast.isSolicitedNode(destinationIp)) {
                throw new IllegalArgumentException("neighbor solicitation from :: is sent to " + destinationIp
                    + ", not to a solicited-node multicast address");
            }
        }
    }

    /**
     * Tells whether this is duplicate address detection: a node about to use {@link #target()} asks
     * whether anyone else has it, from the unspecified address.
     *
     * @return true if the source is ::
     */
    public boolean isDuplicateAddressDetection() {
        return sourceIp.address().isAnyLocalAddress();
    }
}
