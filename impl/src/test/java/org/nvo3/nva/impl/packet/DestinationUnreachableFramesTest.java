/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.packet.CapturedFrames.frame;
import static org.nvo3.nva.impl.packet.CapturedFrames.hex;
import static org.nvo3.nva.impl.packet.CapturedFrames.toHex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * The ICMP errors a gateway sends: read back with {@link FrameParser}, both checksums verified with a one's
 * complement sum written out here, the quoted packet compared byte by byte, and the packets that must not be
 * answered refused.
 */
public class DestinationUnreachableFramesTest {
    private static final MacAddress VM_MAC = MacAddress.parse("02:00:5e:10:00:0a");
    private static final MacAddress GATEWAY_MAC = MacAddress.parse("02:00:00:00:00:fe");
    private static final IpAddress VM_IPV4 = IpAddress.parse("198.51.100.10");
    private static final IpAddress GATEWAY_IPV4 = IpAddress.parse("198.51.100.1");
    private static final IpAddress VM_IPV6 = IpAddress.parse("2001:db8:7::10");
    private static final IpAddress GATEWAY_IPV6 = IpAddress.parse("2001:db8:7::1");
    private static final int ETHERNET = 14;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    /**
     * A UDP datagram (16 bytes of data) from the VM, 198.51.100.10, to 203.0.113.7, sent to the gateway MAC:
     * IPv4 header with DF, TTL 64 and its checksum 0xb835, computed with Python.
     */
    private static final byte[] UDP_FRAME = hex("0200000000fe" + "02005e10000a" + "0800"
        + "4500002c1c4640004011b835c633640acb007107"
        + "a1b2003500180000" + "00112233445566778899aabbccddeeff");

    private static byte[] hostUnreachable(final byte[] offending) throws MalformedPacketException {
        return DestinationUnreachableFrames.ipv4HostUnreachable(offending, GATEWAY_MAC, GATEWAY_IPV4).orElseThrow();
    }

    private static boolean answered(final byte[] offending) throws MalformedPacketException {
        return DestinationUnreachableFrames.ipv4HostUnreachable(offending, GATEWAY_MAC, GATEWAY_IPV4).isPresent();
    }

    private static byte[] addressUnreachable(final byte[] offending) throws MalformedPacketException {
        return DestinationUnreachableFrames.ipv6AddressUnreachable(offending, GATEWAY_MAC, GATEWAY_IPV6)
            .orElseThrow();
    }

    private static boolean answeredV6(final byte[] offending) throws MalformedPacketException {
        return DestinationUnreachableFrames.ipv6AddressUnreachable(offending, GATEWAY_MAC, GATEWAY_IPV6).isPresent();
    }

    /**
     * RFC 1071 once more, independently of the code under test: a 32-bit sum of 16-bit words folded at the
     * end, complemented. Over data that includes its right checksum it gives 0.
     */
    private static int onesComplementChecksum(final byte[] bytes) {
        int sum = 0;
        for (int i = 0; i < bytes.length; i += 2) {
            final int high = Byte.toUnsignedInt(bytes[i]);
            final int low = i + 1 < bytes.length ? Byte.toUnsignedInt(bytes[i + 1]) : 0;
            sum += high * 256 + low;
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return ~sum & 0xFFFF;
    }

    /** The IPv6 pseudo-header (source, destination, upper-layer length, next header 58) and the message. */
    private static byte[] withPseudoHeader(final IpAddress source, final IpAddress destination,
            final byte[] message) {
        return ByteBuffer.allocate(40 + message.length).put(source.toBytes()).put(destination.toBytes())
            .putInt(message.length).putInt(58).put(message).array();
    }

    private static byte[] edit(final byte[] frame, final int offset, final String replacement) {
        final var edited = frame.clone();
        final var bytes = hex(replacement);
        System.arraycopy(bytes, 0, edited, offset, bytes.length);
        return edited;
    }

    private static byte[] ipv6Frame(final String source, final String destination, final int nextHeader,
            final String payload) {
        final var bytes = hex(payload);
        return ByteBuffer.allocate(ETHERNET + IPV6_HEADER + bytes.length).put(GATEWAY_MAC.toBytes())
            .put(VM_MAC.toBytes()).putShort((short) 0x86DD).putInt(0x6000_0000).putShort((short) bytes.length)
            .put((byte) nextHeader).put((byte) 64).put(IpAddress.parse(source).toBytes())
            .put(IpAddress.parse(destination).toBytes()).put(bytes).array();
    }

    private static byte[] ipv6Frame(final int nextHeader, final String payload) {
        return ipv6Frame(VM_IPV6.toString(), "2001:db8:9::7", nextHeader, payload);
    }

    @Test
    public void answersAnIpv4PacketWithHostUnreachableFromTheGateway() throws MalformedPacketException {
        final var reply = hostUnreachable(UDP_FRAME);
        // derived with Python: IPv4 TOS 0xc0, total length 56, TTL 64, ICMP, checksum 0x2593; ICMP type 3
        // code 1, checksum 0x5aff, unused word, the 20-byte header and the 8-byte UDP header
        assertEquals("02005e10000a" + "0200000000fe" + "0800" + "45c00038000000004001" + "2593" + "c6336401c633640a"
            + "0301" + "5aff" + "00000000" + "4500002c1c4640004011b835c633640acb007107" + "a1b2003500180000",
            toHex(reply));

        final var parsed = (OtherPacket) FrameParser.parse(reply);
        assertEquals(new EthernetHeader(VM_MAC, GATEWAY_MAC, null, EtherTypes.IPV4), parsed.eth());
        assertEquals(GATEWAY_IPV4, parsed.sourceIp());
        assertEquals(VM_IPV4, parsed.destinationIp());

        final var ip = Arrays.copyOfRange(reply, ETHERNET, ETHERNET + IPV4_HEADER);
        assertEquals(0x45, ip[0] & 0xFF);
        assertEquals(reply.length - ETHERNET, (ip[2] & 0xFF) << 8 | ip[3] & 0xFF);
        assertEquals(64, ip[8] & 0xFF);
        assertEquals(1, ip[9]);
        assertEquals(0, onesComplementChecksum(ip));

        final var icmp = Arrays.copyOfRange(reply, ETHERNET + IPV4_HEADER, reply.length);
        assertEquals(3, icmp[0]);
        assertEquals(1, icmp[1]);
        assertEquals(0, onesComplementChecksum(icmp));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(icmp, 4, 8));
        assertArrayEquals(Arrays.copyOfRange(UDP_FRAME, ETHERNET, ETHERNET + IPV4_HEADER + 8),
            Arrays.copyOfRange(icmp, 8, icmp.length));
    }

    @Test
    public void quotesTheOptionsAndNothingPastTheDatagram() throws MalformedPacketException {
        // header length 24 (a router alert option), total length 26: two bytes of data, then Ethernet padding
        final var shortWithOption = hex("0200000000fe" + "02005e10000a" + "0800"
            + "4600001a000000004011" + "0000" + "c633640acb007107" + "94040000" + "abcd" + "00".repeat(20));
        final var reply = hostUnreachable(shortWithOption);
        final var icmp = Arrays.copyOfRange(reply, ETHERNET + IPV4_HEADER, reply.length);
        assertEquals(8 + 26, icmp.length);
        assertArrayEquals(Arrays.copyOfRange(shortWithOption, ETHERNET, ETHERNET + 26),
            Arrays.copyOfRange(icmp, 8, icmp.length));
        assertEquals(0, onesComplementChecksum(icmp));
        assertEquals(0, onesComplementChecksum(Arrays.copyOfRange(reply, ETHERNET, ETHERNET + IPV4_HEADER)));

        final var longWithOption = hex("0200000000fe" + "02005e10000a" + "0800"
            + "46000030000000004011" + "0000" + "c633640acb007107" + "94040000" + "ab".repeat(24));
        final var longReply = hostUnreachable(longWithOption);
        final var quoted = Arrays.copyOfRange(longReply, ETHERNET + IPV4_HEADER + 8, longReply.length);
        assertArrayEquals(Arrays.copyOfRange(longWithOption, ETHERNET, ETHERNET + 24 + 8), quoted);
    }

    @Test
    public void answersATaggedFrameWithTheSameTag() throws MalformedPacketException {
        final int tci = 5 << 13 | 300;
        final var reply = hostUnreachable(CapturedFrames.tagged(UDP_FRAME, tci));
        assertEquals(toHex(CapturedFrames.tagged(hostUnreachable(UDP_FRAME), tci)), toHex(reply));
        assertEquals(VlanTag.fromTci(tci), FrameParser.parse(reply).eth().vlan());
    }

    @Test
    public void answersNoIcmpv4ErrorButOtherIcmp() throws MalformedPacketException {
        final var icmp = edit(UDP_FRAME, ETHERNET + 9, "01");
        for (int type : List.of(3, 4, 5, 11, 12)) {
            assertFalse("type " + type, answered(edit(icmp, ETHERNET + IPV4_HEADER, String.format("%02x", type))));
        }
        for (int type : List.of(0, 8, 13)) {
            assertTrue("type " + type, answered(edit(icmp, ETHERNET + IPV4_HEADER, String.format("%02x", type))));
        }
    }

    @Test
    public void answersAFirstFragmentOnly() throws MalformedPacketException {
        assertTrue(answered(edit(UDP_FRAME, ETHERNET + 6, "2000")));
        assertFalse(answered(edit(UDP_FRAME, ETHERNET + 6, "2001")));
        assertFalse(answered(edit(UDP_FRAME, ETHERNET + 6, "00b9")));
    }

    @Test
    public void answersNoIpv4PacketToOrFromAGroup() throws MalformedPacketException {
        assertFalse(answered(edit(UDP_FRAME, 0, "ffffffffffff")));
        assertFalse(answered(edit(UDP_FRAME, 0, "01005e000001")));
        assertFalse(answered(edit(UDP_FRAME, 6, "01005e000001")));
        final int destination = ETHERNET + 16;
        assertFalse(answered(edit(UDP_FRAME, destination, "e0000001")));
        assertFalse(answered(edit(UDP_FRAME, destination, "ffffffff")));
        final int source = ETHERNET + 12;
        assertFalse(answered(edit(UDP_FRAME, source, "00000000")));
        assertFalse(answered(edit(UDP_FRAME, source, "7f000001")));
        assertFalse(answered(edit(UDP_FRAME, source, "e0000001")));
        assertFalse(answered(edit(UDP_FRAME, source, "ffffffff")));
    }

    @Test
    public void refusesWhatIsNotAnIpv4PacketOrGateway() {
        assertThrows(IllegalArgumentException.class, () -> answered(frame(CapturedFrames.ARP_REQUEST)));
        assertThrows(IllegalArgumentException.class, () -> answered(frame(CapturedFrames.ICMPV6_ECHO_REQUEST)));
        assertThrows(MalformedPacketException.class, () -> answered(Arrays.copyOf(UDP_FRAME, ETHERNET + 30)));
        final var icmpWithoutType = edit(edit(UDP_FRAME, ETHERNET + 2, "0014"), ETHERNET + 9, "01");
        final var error = assertThrows(MalformedPacketException.class, () -> answered(icmpWithoutType));
        assertEquals("ICMPv4 message of 0 bytes has no type", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DestinationUnreachableFrames.ipv4HostUnreachable(
            UDP_FRAME, MacAddress.parse("01:00:5e:00:00:01"), GATEWAY_IPV4));
        assertThrows(IllegalArgumentException.class, () -> DestinationUnreachableFrames.ipv4HostUnreachable(
            UDP_FRAME, GATEWAY_MAC, GATEWAY_IPV6));
    }

    @Test
    public void answersTheCapturedEchoRequestWithAddressUnreachable() throws MalformedPacketException {
        final var offending = frame(CapturedFrames.ICMPV6_ECHO_REQUEST);
        final var reply = addressUnreachable(offending);
        final var parsed = (OtherPacket) FrameParser.parse(reply);
        assertEquals(new EthernetHeader(VM_MAC, GATEWAY_MAC, null, EtherTypes.IPV6), parsed.eth());
        assertEquals(GATEWAY_IPV6, parsed.sourceIp());
        assertEquals(VM_IPV6, parsed.destinationIp());

        // IPv6 header: version 6, payload length 8 + the 104-byte echo request, ICMPv6, hop limit 64
        assertEquals("60000000" + "0070" + "3a" + "40", toHex(Arrays.copyOfRange(reply, ETHERNET, ETHERNET + 8)));
        final var message = Arrays.copyOfRange(reply, ETHERNET + IPV6_HEADER, reply.length);
        assertEquals(8 + 104, message.length);
        // type 1 code 3, the checksum computed with Python over the pseudo-header and the message
        assertEquals("0103" + "ae7a" + "00000000", toHex(Arrays.copyOf(message, 8)));
        assertEquals(0, onesComplementChecksum(withPseudoHeader(GATEWAY_IPV6, VM_IPV6, message)));
        assertArrayEquals(Arrays.copyOfRange(offending, ETHERNET, offending.length),
            Arrays.copyOfRange(message, 8, message.length));
    }

    @Test
    public void quotesAsMuchAsFitsInTheMinimumMtu() throws MalformedPacketException {
        final var large = ipv6Frame(17, "ab".repeat(1400));
        final var reply = addressUnreachable(large);
        assertEquals(1280, reply.length - ETHERNET);
        final var message = Arrays.copyOfRange(reply, ETHERNET + IPV6_HEADER, reply.length);
        assertEquals(0, onesComplementChecksum(withPseudoHeader(GATEWAY_IPV6, VM_IPV6, message)));
        assertArrayEquals(Arrays.copyOfRange(large, ETHERNET, ETHERNET + 1280 - IPV6_HEADER - 8),
            Arrays.copyOfRange(message, 8, message.length));

        final var padded = Arrays.copyOf(ipv6Frame(59, ""), 60 + 4);
        assertEquals(ETHERNET + IPV6_HEADER + 8 + IPV6_HEADER, addressUnreachable(padded).length);
    }

    @Test
    public void answersATaggedIpv6FrameWithTheSameTag() throws MalformedPacketException {
        final var offending = frame(CapturedFrames.ICMPV6_ECHO_REQUEST);
        assertEquals(toHex(CapturedFrames.tagged(addressUnreachable(offending), 42)),
            toHex(addressUnreachable(CapturedFrames.tagged(offending, 42))));
    }

    @Test
    public void answersNoIcmpv6ErrorOrRedirectButInformationalMessages() throws MalformedPacketException {
        for (int type : List.of(1, 2, 3, 4, 127, 137)) {
            assertFalse("type " + type, answeredV6(ipv6Frame(58, String.format("%02x", type) + "00000000000000")));
        }
        for (int type : List.of(128, 129, 135)) {
            assertTrue("type " + type, answeredV6(ipv6Frame(58, String.format("%02x", type) + "00000000000000")));
        }
    }

    @Test
    public void findsTheIcmpv6TypeBehindExtensionHeaders() throws MalformedPacketException {
        // hop-by-hop (8 bytes), then a first fragment (offset 0, more fragments), then ICMPv6 type 1
        final var hopByHop = "2c00" + "010400000000";
        final var firstFragment = "3a00" + "0001" + "12345678";
        assertFalse(answeredV6(ipv6Frame(0, hopByHop + firstFragment + "0104000000000000")));
        assertTrue(answeredV6(ipv6Frame(0, hopByHop + firstFragment + "8000000000000000")));
        // destination options (16 bytes) and an authentication header (12 bytes) before a time exceeded
        final var destinationOptions = "3301" + "0000".repeat(7);
        final var authentication = "3a01" + "0000" + "0000000100000001";
        assertFalse(answeredV6(ipv6Frame(60, destinationOptions + authentication + "0300000000000000")));
        // a later fragment of anything
        assertFalse(answeredV6(ipv6Frame(44, "1100" + "0009" + "12345678" + "abababababababab")));
        assertTrue(answeredV6(ipv6Frame(44, "1100" + "0001" + "12345678" + "abababababababab")));
        // an extension header longer than the packet
        final var error = assertThrows(MalformedPacketException.class,
            () -> answeredV6(ipv6Frame(43, "3a02" + "000000000000")));
        assertEquals("IPv6 extension header 43 at offset 0 runs past the 8-byte payload", error.getMessage());
    }

    @Test
    public void answersNoIpv6PacketToOrFromAGroupOrTheUnspecifiedAddress() throws MalformedPacketException {
        final var udp = ipv6Frame(17, "abababababababab");
        assertTrue(answeredV6(udp));
        assertFalse(answeredV6(edit(udp, 0, "333300000001")));
        assertFalse(answeredV6(edit(udp, 0, "ffffffffffff")));
        assertFalse(answeredV6(edit(udp, 6, "333300000001")));
        assertFalse(answeredV6(ipv6Frame(VM_IPV6.toString(), "ff02::1", 17, "abababababababab")));
        assertFalse(answeredV6(ipv6Frame("::", "2001:db8:9::7", 17, "abababababababab")));
        assertFalse(answeredV6(ipv6Frame("ff02::1", "2001:db8:9::7", 17, "abababababababab")));
        assertFalse(answeredV6(ipv6Frame("::1", "2001:db8:9::7", 17, "abababababababab")));
        // an IPv4-mapped source, which IpAddress reads as IPv4
        assertFalse(answeredV6(edit(udp, ETHERNET + 8, "00000000000000000000ffffc633640a")));
        assertTrue(answeredV6(ipv6Frame("fe80::1", "2001:db8:9::7", 17, "abababababababab")));
    }

    @Test
    public void refusesWhatIsNotAnIpv6PacketOrGateway() {
        assertThrows(IllegalArgumentException.class, () -> answeredV6(UDP_FRAME));
        assertThrows(MalformedPacketException.class,
            () -> answeredV6(Arrays.copyOf(frame(CapturedFrames.ICMPV6_ECHO_REQUEST), ETHERNET + 50)));
        assertThrows(MalformedPacketException.class, () -> answeredV6(ipv6Frame(58, "")));
        final var echo = frame(CapturedFrames.ICMPV6_ECHO_REQUEST);
        assertThrows(IllegalArgumentException.class, () -> DestinationUnreachableFrames.ipv6AddressUnreachable(
            echo, GATEWAY_MAC, GATEWAY_IPV4));
        assertThrows(IllegalArgumentException.class, () -> DestinationUnreachableFrames.ipv6AddressUnreachable(
            echo, GATEWAY_MAC, IpAddress.parse("ff02::1")));
        assertThrows(IllegalArgumentException.class, () -> DestinationUnreachableFrames.ipv6AddressUnreachable(
            echo, MacAddress.parse("33:33:00:00:00:01"), GATEWAY_IPV6));
    }
}
