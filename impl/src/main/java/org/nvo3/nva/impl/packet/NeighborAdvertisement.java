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
 * An IPv6 neighbour advertisement (RFC 4861 section 4.4), valid as section 7.1.2 requires.
 *
 * @param eth the Ethernet header, ethertype {@link EtherTypes#IPV6}
 * @param sourceIp the IPv6 source
 * @param destinationIp the IPv6 destination: the solicitor, or all nodes (ff02::1) when unsolicited
 * @param target the advertised address, not multicast
 * @param router the R flag: the sender is a router
 * @param solicited the S flag: this answers a solicitation (never set towards a multicast destination)
 * @param override the O flag: this overrides a cached link-layer address
 * @param targetLinkLayer the target link-layer address option, or null if absent
 */
public record NeighborAdvertisement(EthernetHeader eth, IpAddress sourceIp, IpAddress destinationIp,
        IpAddress target, boolean router, boolean solicited, boolean override, @Nullable MacAddress targetLinkLayer)
        implements Packet {
    public NeighborAdvertisement {
        NeighborDiscoveryCodec.check("neighbor advertisement", requireNonNull(eth), requireNonNull(sourceIp),
            requireNonNull(destinationIp), requireNonNull(target));
        if (solicited && destinationIp.address().isMulticastAddress()) {
            throw new IllegalArgumentException("neighbor advertisement to multicast " + destinationIp
                + " has the solicited flag set");
        }
    }

    /**
     * Tells whether a node sent this on its own, to announce a new link-layer address, rather than to
     * answer a solicitation.
     *
     * @return true if the solicited flag is clear
     */
    public boolean isUnsolicited() {
        return !solicited;
    }
}
