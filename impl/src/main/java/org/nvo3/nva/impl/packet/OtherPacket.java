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

/**
 * Any frame that is not ARP, RARP or neighbour discovery: still telling for NVA, as traffic from a known
 * MAC on a new port or towards an unknown destination.
 *
 * @param eth the Ethernet header
 * @param sourceIp the IPv4 or IPv6 source address, or null if the frame carries neither
 * @param destinationIp the IPv4 or IPv6 destination address, null exactly when {@code sourceIp} is
 */
public record OtherPacket(EthernetHeader eth, @Nullable IpAddress sourceIp, @Nullable IpAddress destinationIp)
        implements Packet {
    public OtherPacket {
        requireNonNull(eth);
        if ((sourceIp == null) != (destinationIp == null)) {
            throw new IllegalArgumentException("an IP packet has both a source and a destination, not only "
                + (sourceIp == null ? destinationIp : sourceIp));
        }
    }
}
