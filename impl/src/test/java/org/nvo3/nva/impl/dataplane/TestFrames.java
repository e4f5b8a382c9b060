/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import java.nio.ByteBuffer;

/**
 * Frames for tests, built byte by byte: Ethernet headers with the first bytes of a body, enough for
 * {@link PacketKind#classify}. Not parsers: nothing here reads a frame.
 */
public final class TestFrames {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] SOURCE = {2, 0, 0, 0, 0, 0x11};

    private TestFrames() {
        // no instances
    }

    /** A broadcast ARP request (28-byte body, opcode 1) for 192.0.2.2 from 192.0.2.1. */
    public static byte[] arpRequest() {
        return ethernet(0x0806, new byte[] {0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 0x11, (byte) 192, 0, 2, 1,
            0, 0, 0, 0, 0, 0, (byte) 192, 0, 2, 2});
    }

    /** A RARP request (ethertype 0x8035) as a hypervisor announces a migrated VM. */
    public static byte[] rarp() {
        return ethernet(0x8035, new byte[] {0, 1, 8, 0, 6, 4, 0, 3, 2, 0, 0, 0, 0, 0x11, 0, 0, 0, 0,
            2, 0, 0, 0, 0, 0x11, 0, 0, 0, 0});
    }

    /**
     * An IPv6 packet whose next header is {@code nextHeader} and whose payload starts with
     * {@code firstPayloadByte} (the ICMPv6 type when next header is 58).
     */
    public static byte[] ipv6(final int nextHeader, final int firstPayloadByte) {
        final var ip = ByteBuffer.allocate(40 + 24);
        ip.put((byte) 0x60).put(new byte[3]).putShort((short) 24).put((byte) nextHeader).put((byte) 255);
        ip.put(new byte[32]);
        ip.put((byte) firstPayloadByte);
        return ethernet(0x86DD, ip.array());
    }

    /** A neighbour solicitation (ICMPv6 type 135). */
    public static byte[] neighbourSolicitation() {
        return ipv6(58, 135);
    }

    /** An IPv4 UDP packet (ethertype 0x0800), 20-byte header and 8 bytes of UDP. */
    public static byte[] ipv4() {
        return ethernet(0x0800, new byte[28]);
    }

    /** Puts one 802.1Q tag (TPID {@code tpid}, VLAN 10) before the frame's ethertype. */
    public static byte[] tagged(final int tpid, final byte[] frame) {
        final var tagged = ByteBuffer.allocate(frame.length + 4);
        tagged.put(frame, 0, 12).putShort((short) tpid).putShort((short) 10).put(frame, 12, frame.length - 12);
        return tagged.array();
    }

    public static byte[] ethernet(final int ethertype, final byte[] body) {
        return ByteBuffer.allocate(14 + body.length).put(BROADCAST).put(SOURCE).putShort((short) ethertype)
            .put(body).array();
    }
}
