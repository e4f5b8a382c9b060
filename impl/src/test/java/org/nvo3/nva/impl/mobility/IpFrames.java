/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Untagged IPv4 and IPv6 frames a VM sends, for the tests of the answers to packets still sent to a moved
 * VM. The IPv4 header checksum is left 0: NVA quotes the header, it does not check it.
 */
final class IpFrames {
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;
    /** A UDP header (ports 41394 to 53, length 16) and 8 bytes of data. */
    static final String UDP_DATAGRAM = "a1b2003500100000" + "0011223344556677";
    /** An ICMPv4 echo request (type 8). */
    static final String ICMP_ECHO = "0800f7ff00000000";
    /** An ICMPv4 destination unreachable (type 3, code 1) quoting nothing in particular. */
    static final String ICMP_UNREACHABLE = "0301fcfe00000000";
    /** An ICMPv6 destination unreachable (type 1, code 3). */
    static final String ICMPV6_UNREACHABLE = "0103000000000000";

    private IpFrames() {
        // factories only
    }

    /**
     * An IPv4 frame, TTL 63.
     *
     * @param src the Ethernet source
     * @param dst the Ethernet destination
     * @param from the IPv4 source
     * @param to the IPv4 destination
     * @param protocol the IP protocol
     * @param payload the payload, in hex
     * @return the frame
     */
    static byte[] ipv4(final MacAddress src, final MacAddress dst, final IpAddress from, final IpAddress to,
            final int protocol, final String payload) {
        final var bytes = HexFormat.of().parseHex(payload);
        return ByteBuffer.allocate(14 + 20 + bytes.length).put(dst.toBytes()).put(src.toBytes())
            .putShort((short) 0x0800).put((byte) 0x45).put((byte) 0).putShort((short) (20 + bytes.length))
            .putInt(0).put((byte) 63).put((byte) protocol).putShort((short) 0).put(from.toBytes()).put(to.toBytes())
            .put(bytes).array();
    }

    /**
     * An IPv6 frame, hop limit 63.
     *
     * @param src the Ethernet source
     * @param dst the Ethernet destination
     * @param from the IPv6 source
     * @param to the IPv6 destination
     * @param nextHeader the next header
     * @param payload the payload, in hex
     * @return the frame
     */
    static byte[] ipv6(final MacAddress src, final MacAddress dst, final IpAddress from, final IpAddress to,
            final int nextHeader, final String payload) {
        final var bytes = HexFormat.of().parseHex(payload);
        return ByteBuffer.allocate(14 + 40 + bytes.length).put(dst.toBytes()).put(src.toBytes())
            .putShort((short) 0x86DD).putInt(0x6000_0000).putShort((short) bytes.length).put((byte) nextHeader)
            .put((byte) 63).put(from.toBytes()).put(to.toBytes()).put(bytes).array();
    }
}
