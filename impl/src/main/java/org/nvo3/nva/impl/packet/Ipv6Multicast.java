/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.util.Arrays;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * The IPv6 multicast addresses neighbour discovery uses (RFC 4291 section 2.7.1) and their Ethernet
 * addresses (RFC 2464 section 7).
 */
final class Ipv6Multicast {
    /** ff02::1, all nodes on the link. */
    static final IpAddress ALL_NODES = IpAddress.parse("ff02::1");

    private static final byte[] SOLICITED_NODE_PREFIX = IpAddress.parse("ff02::1:ff00:0").toBytes();
    private static final int SOLICITED_NODE_PREFIX_LENGTH = 13;
    private static final long ETHERNET_PREFIX = 0x3333_0000_0000L;

    private Ipv6Multicast() {
        // no instances
    }

    /**
     * Returns the solicited-node multicast address of an address: ff02::1:ff and its low 24 bits.
     *
     * @param address an IPv6 address
     * @return the solicited-node address
     */
    static IpAddress solicitedNode(final IpAddress address) {
        final var octets = address.toBytes();
        final var group = SOLICITED_NODE_PREFIX.clone();
        System.arraycopy(octets, SOLICITED_NODE_PREFIX_LENGTH, group, SOLICITED_NODE_PREFIX_LENGTH,
            octets.length - SOLICITED_NODE_PREFIX_LENGTH);
        return IpAddress.fromBytes(group);
    }

    static boolean isSolicitedNode(final IpAddress address) {
        final var octets = address.toBytes();
        return octets.length == SOLICITED_NODE_PREFIX.length && Arrays.equals(octets, 0,
            SOLICITED_NODE_PREFIX_LENGTH, SOLICITED_NODE_PREFIX, 0, SOLICITED_NODE_PREFIX_LENGTH);
    }

    /**
     * Returns the Ethernet address an IPv6 multicast group is sent to: 33:33 and the group's low 32 bits.
     *
     * @param group an IPv6 multicast address
     * @return its Ethernet address
     */
    static MacAddress ethernetFor(final IpAddress group) {
        final var octets = group.toBytes();
        long low = 0;
        for (int i = octets.length - 4; i < octets.length; i++) {
            low = low << 8 | octets[i] & 0xFF;
        }
        return new MacAddress(ETHERNET_PREFIX | low);
    }
}
