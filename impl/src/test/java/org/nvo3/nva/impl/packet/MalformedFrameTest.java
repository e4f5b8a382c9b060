/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.packet.CapturedFrames.frame;
import static org.nvo3.nva.impl.packet.CapturedFrames.prefix;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;

/**
 * Bad frames give a {@link MalformedPacketException} that says what is wrong, never another exception.
 */
public class MalformedFrameTest {
    private static final int ND_OPTION = 24;

    private static String reason(final byte[] frame) {
        return assertThrows(MalformedPacketException.class, () -> FrameParser.parse(frame)).getMessage();
    }

    private static byte[] withByte(final byte[] frame, final int offset, final int value) {
        final var copy = frame.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    @Test
    public void everyTruncationOfAnExactFrameIsMalformed() {
        final var exact = List.of(CapturedFrames.ARP_REQUEST, CapturedFrames.ARP_REPLY,
            CapturedFrames.NEIGHBOR_SOLICITATION, CapturedFrames.NEIGHBOR_ADVERTISEMENT,
            CapturedFrames.ICMPV6_ECHO_REQUEST, CapturedFrames.ROUTER_SOLICITATION, CapturedFrames.UNICAST_SOLICITATION,
            CapturedFrames.ADVERTISEMENT_WITHOUT_OPTION);
        for (int index : exact) {
            for (var frame : List.of(frame(index), CapturedFrames.tagged(frame(index), 42))) {
                for (int length = 0; length < frame.length; length++) {
                    final var cut = prefix(frame, length);
                    assertThrows("frame " + index + " cut to " + length, MalformedPacketException.class,
                        () -> FrameParser.parse(cut));
                }
            }
        }
    }

    @Test
    public void truncationsWithinThePaddingStillParse() throws MalformedPacketException {
        for (var frame : List.of(frame(CapturedFrames.GRATUITOUS_REQUEST), frame(CapturedFrames.ARP_PROBE),
                CapturedFrames.QEMU_RARP, CapturedFrames.tagged(CapturedFrames.QEMU_RARP, 5))) {
            final var whole = FrameParser.parse(frame);
            final int packetEnd = whole.eth().length() + 28;
            for (int length = 0; length < frame.length; length++) {
                final var cut = prefix(frame, length);
                if (length < packetEnd) {
                    assertThrows(MalformedPacketException.class, () -> FrameParser.parse(cut));
                } else {
                    assertEquals(whole, FrameParser.parse(cut));
                }
            }
        }
    }

    @Test
    public void saysHowShortATruncatedFrameIs() {
        final var request = frame(CapturedFrames.ARP_REQUEST);
        assertEquals("Ethernet frame of 0 bytes is shorter than 14", reason(new byte[0]));
        assertEquals("Ethernet frame of 13 bytes is shorter than 14", reason(prefix(request, 13)));
        assertEquals("ARP packet of 20 bytes is shorter than 28", reason(prefix(request, 34)));
        assertEquals("ARP packet of 0 bytes is shorter than 28", reason(prefix(request, 14)));
        assertEquals("RARP packet of 27 bytes is shorter than 28", reason(prefix(CapturedFrames.QEMU_RARP, 41)));
        final var tagged = CapturedFrames.tagged(request, 42);
        assertEquals("802.1Q-tagged Ethernet frame of 16 bytes is shorter than 18", reason(prefix(tagged, 16)));
        assertEquals("ARP packet of 20 bytes is shorter than 28", reason(prefix(tagged, 38)));

        final var solicitation = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        assertEquals("IPv6 packet of 26 bytes is shorter than its 40-byte header", reason(prefix(solicitation, 40)));
        assertEquals("IPv6 payload length 32 exceeds the 16 bytes after the header", reason(prefix(solicitation, 70)));
        assertEquals("IPv6 payload length 32 exceeds the 31 bytes after the header",
            reason(prefix(CapturedFrames.tagged(solicitation, 1), 89)));
    }

    @Test
    public void rejectsArpThatIsNotEthernetIpv4() {
        final var request = frame(CapturedFrames.ARP_REQUEST);
        assertEquals("ARP hardware type 6 is not Ethernet (1)", reason(withByte(request, 15, 6)));
        assertEquals("ARP protocol type 0x86dd is not IPv4 (0x0800)",
            reason(withByte(withByte(request, 16, 0x86), 17, 0xdd)));
        assertEquals("ARP hardware address length 8 is not 6 (Ethernet)", reason(withByte(request, 18, 8)));
        assertEquals("ARP protocol address length 16 is not 4 (IPv4)", reason(withByte(request, 19, 16)));
        assertEquals("RARP hardware address length 0 is not 6 (Ethernet)",
            reason(withByte(CapturedFrames.QEMU_RARP, 18, 0)));
        assertEquals("ARP protocol address length 6 is not 4 (IPv4)",
            reason(withByte(CapturedFrames.tagged(request, 42), 23, 6)));
    }

    @Test
    public void rejectsOperationsOfTheOtherProtocol() {
        assertEquals("ARP operation 3 is neither request (1) nor reply (2)",
            reason(withByte(frame(CapturedFrames.ARP_REQUEST), 21, 3)));
        assertEquals("ARP operation 0 is neither request (1) nor reply (2)",
            reason(withByte(frame(CapturedFrames.ARP_REQUEST), 21, 0)));
        assertEquals("RARP operation 1 is neither request reverse (3) nor reply reverse (4)",
            reason(withByte(CapturedFrames.QEMU_RARP, 21, 1)));
    }

    @Test
    public void rejectsABadChecksum() {
        final var solicitation = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        final var changedTarget = withByte(solicitation, 14 + 40 + 8 + 15, 0x12);
        assertTrue(reason(changedTarget), reason(changedTarget).startsWith(
            "neighbor solicitation has ICMPv6 checksum 0xbdd2, expected 0x"));
        assertEquals("neighbor advertisement has ICMPv6 checksum 0x0000, expected 0x2c16",
            reason(withByte(withByte(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT), 56, 0), 57, 0)));
        // the pseudo-header counts: the same message from another source fails
        final var otherSource = withByte(solicitation, 14 + 8 + 15, 0x77);
        assertTrue(reason(otherSource), reason(otherSource).contains("has ICMPv6 checksum 0xbdd2"));
        final var tagged = withByte(CapturedFrames.tagged(solicitation, 9), 18 + 40 + 9, 0);
        assertTrue(reason(tagged), reason(tagged).contains("has ICMPv6 checksum 0xbdd2"));
    }

    @Test
    public void rejectsAHopLimitBelow255() {
        assertEquals("neighbor advertisement has hop limit 64, not 255: it may come from beyond the link (RFC 4861)",
            reason(Ipv6FrameEdits.withHeaderByte(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT), 7, 64)));
        assertEquals("neighbor solicitation has hop limit 254, not 255: it may come from beyond the link (RFC 4861)",
            reason(Ipv6FrameEdits.withHeaderByte(CapturedFrames.tagged(frame(CapturedFrames.NEIGHBOR_SOLICITATION),
                3), 7, 254)));
    }

    @Test
    public void rejectsANonZeroCode() {
        assertEquals("neighbor solicitation has ICMPv6 code 1, not 0",
            reason(Ipv6FrameEdits.withMessage(frame(CapturedFrames.NEIGHBOR_SOLICITATION), m -> m.put(1, (byte) 1))));
    }

    @Test
    public void rejectsAMessageShorterThan24Bytes() {
        assertEquals("neighbor solicitation of 20 bytes is shorter than 24",
            reason(Ipv6FrameEdits.withMessage(frame(CapturedFrames.NEIGHBOR_SOLICITATION), m -> m.limit(20))));
        assertEquals("neighbor advertisement of 1 bytes is shorter than 24",
            reason(Ipv6FrameEdits.withMessage(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT), m -> m.limit(1))));
    }

    @Test
    public void rejectsAZeroLengthOption() {
        final var solicitation = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        assertEquals("neighbor solicitation option of type 1 at offset 24 has length 0",
            reason(Ipv6FrameEdits.withMessage(solicitation, m -> m.put(ND_OPTION + 1, (byte) 0))));
        // also when it follows a good option, and for an option type nobody reads
        assertEquals("neighbor advertisement option of type 14 at offset 32 has length 0",
            reason(Ipv6FrameEdits.withMessage(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT),
                m -> appended(m, new byte[] {14, 0, 1, 2, 3, 4, 5, 6}))));
    }

    @Test
    public void rejectsAnOptionRunningPastTheEnd() {
        final var solicitation = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        assertEquals("neighbor solicitation option of type 1 at offset 24 is 8 bytes long but only 6 bytes remain",
            reason(Ipv6FrameEdits.withMessage(solicitation, m -> m.limit(30))));
        assertEquals("neighbor solicitation option of type 1 at offset 24 is 16 bytes long but only 8 bytes remain",
            reason(Ipv6FrameEdits.withMessage(solicitation, m -> m.put(ND_OPTION + 1, (byte) 2))));
        assertEquals("neighbor solicitation ends with 1 byte at offset 24, too short for an option's type and length",
            reason(Ipv6FrameEdits.withMessage(solicitation, m -> m.limit(25))));
    }

    @Test
    public void skipsUnknownOptionsAndReadsTheLinkLayerAddressAfterThem() throws MalformedPacketException {
        final var solicitation = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        // a nonce option (RFC 3971, type 14, 8 bytes) before the source link-layer address option
        final var withNonce = Ipv6FrameEdits.withMessage(solicitation, m -> {
            final var option = new byte[8];
            m.get(ND_OPTION, option);
            m.put(ND_OPTION, new byte[] {14, 1, 9, 9, 9, 9, 9, 9});
            appended(m, option);
        });
        assertEquals(FrameParser.parse(solicitation), FrameParser.parse(withNonce));
    }

    @Test
    public void rejectsRuleBreakingNeighborDiscovery() {
        final var solicitation = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        assertEquals("neighbor solicitation from :: carries a source link-layer address option (02:00:5e:10:00:0a)",
            reason(Ipv6FrameEdits.withSource(solicitation, IpAddress.parse("::"))));
        assertEquals("neighbor solicitation target ff02::1 is a multicast address",
            reason(Ipv6FrameEdits.withMessage(solicitation, m -> m.put(8, IpAddress.parse("ff02::1").toBytes()))));
        assertEquals("neighbor advertisement to multicast ff02::1 has the solicited flag set",
            reason(Ipv6FrameEdits.withDestination(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT),
                IpAddress.parse("ff02::1"))));
        // ::ffff:198.51.100.1, which IpAddress holds as the IPv4 address it maps
        final var mapped = solicitation.clone();
        System.arraycopy(CapturedFrames.hex("00000000000000000000ffffc6336401"), 0, mapped, 14 + 8, 16);
        assertEquals("neighbor solicitation from 198.51.100.1 to ff02::1:ff00:11 uses an IPv4-mapped address",
            reason(mapped));
    }

    @Test
    public void rejectsAnIpv6HeaderOfAnotherVersion() {
        assertEquals("IPv6 packet (ethertype 0x86dd) has IP version 4",
            reason(withByte(frame(CapturedFrames.ICMPV6_ECHO_REQUEST), 14, 0x45)));
    }

    @Test
    public void rejectsBadIpv4Lengths() {
        final var udp = CapturedFrames.hex("02005e10000b02005e10000a0800" + "4500001c000040004011" + "0000"
            + "c633640a" + "c633640b" + "d431003500080000");
        assertEquals("IPv4 packet of 19 bytes is shorter than 20", reason(prefix(udp, 33)));
        assertEquals("IPv4 packet (ethertype 0x0800) has IP version 6", reason(withByte(udp, 14, 0x65)));
        assertEquals("IPv4 header length 16 is shorter than 20", reason(withByte(udp, 14, 0x44)));
        assertEquals("IPv4 total length 29 exceeds the 28 bytes of the packet", reason(withByte(udp, 17, 29)));
        assertEquals("IPv4 total length 19 is shorter than its 20-byte header", reason(withByte(udp, 17, 19)));
        assertEquals("IPv4 total length 28 is shorter than its 32-byte header", reason(withByte(udp, 14, 0x48)));
    }

    private static ByteBuffer appended(final ByteBuffer message, final byte[] bytes) {
        final int end = message.limit();
        message.limit(end + bytes.length);
        message.put(end, bytes);
        return message;
    }
}
