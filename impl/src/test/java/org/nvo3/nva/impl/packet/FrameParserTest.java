/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.packet.CapturedFrames.frame;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

public class FrameParserTest {
    private static final MacAddress MAC_A = MacAddress.parse("02:00:5e:10:00:0a");
    private static final MacAddress MAC_B = MacAddress.parse("02:00:5e:10:00:0b");
    private static final IpAddress IP_A = IpAddress.parse("198.51.100.10");
    private static final IpAddress IP_B = IpAddress.parse("198.51.100.11");
    private static final IpAddress ANY = IpAddress.parse("0.0.0.0");
    private static final MacAddress ZERO = new MacAddress(0);

    private static Packet parse(final byte[] frame) throws MalformedPacketException {
        return FrameParser.parse(frame);
    }

    @Test
    public void parsesTheCapturedArpRequest() throws MalformedPacketException {
        final var frame = frame(CapturedFrames.ARP_REQUEST);
        assertEquals("ffffffffffff02005e10000a0806000108000604000102005e10000ac633640a000000000000c633640b",
            CapturedFrames.toHex(frame));
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, MAC_A, null, EtherTypes.ARP);
        final var arp = (ArpPacket) parse(frame);
        assertEquals(new ArpPacket(eth, ArpPacket.REQUEST, MAC_A, IP_A, ZERO, IP_B), arp);
        assertTrue(arp.isRequest());
        assertFalse(arp.isGratuitous());
        assertFalse(arp.isProbe());
    }

    @Test
    public void parsesTheCapturedArpReply() throws MalformedPacketException {
        final var arp = (ArpPacket) parse(frame(CapturedFrames.ARP_REPLY));
        assertEquals(new ArpPacket(new EthernetHeader(MAC_A, MAC_B, null, EtherTypes.ARP), ArpPacket.REPLY, MAC_B,
            IP_B, MAC_A, IP_A), arp);
        assertEquals(ArpPacket.REPLY, arp.operation());
        assertFalse(arp.isGratuitous());
    }

    @Test
    public void gratuitousRequestFromArpingIsGratuitousAndItsPaddingIgnored() throws MalformedPacketException {
        final var frame = frame(CapturedFrames.GRATUITOUS_REQUEST);
        assertEquals(58, frame.length);
        final var arp = (ArpPacket) parse(frame);
        assertEquals(new ArpPacket(new EthernetHeader(EthernetHeader.BROADCAST, MAC_A, null, EtherTypes.ARP),
            ArpPacket.REQUEST, MAC_A, IP_A, EthernetHeader.BROADCAST, IP_A), arp);
        assertTrue(arp.isGratuitous());
        assertFalse(arp.isProbe());
    }

    @Test
    public void gratuitousReplyFromArpingIsGratuitous() throws MalformedPacketException {
        final var arp = (ArpPacket) parse(CapturedFrames.gratuitousReply());
        assertEquals(ArpPacket.REPLY, arp.operation());
        assertEquals(IP_A, arp.senderIp());
        assertTrue(arp.isGratuitous());
    }

    @Test
    public void probeWithSenderZeroIsNotGratuitous() throws MalformedPacketException {
        final var arp = (ArpPacket) parse(frame(CapturedFrames.ARP_PROBE));
        assertEquals(new ArpPacket(new EthernetHeader(EthernetHeader.BROADCAST, MAC_A, null, EtherTypes.ARP),
            ArpPacket.REQUEST, MAC_A, ANY, ZERO, IP_B), arp);
        assertTrue(arp.isProbe());
        assertFalse(arp.isGratuitous());
        // the same form with 0.0.0.0 as both sender and target is no announcement either
        assertFalse(new ArpPacket(arp.eth(), ArpPacket.REQUEST, MAC_A, ANY, ZERO, ANY).isGratuitous());
    }

    @Test
    public void parsesTheCapturedNeighborSolicitation() throws MalformedPacketException {
        final var ns = (NeighborSolicitation) parse(frame(CapturedFrames.NEIGHBOR_SOLICITATION));
        assertEquals(new NeighborSolicitation(
            new EthernetHeader(MacAddress.parse("33:33:ff:00:00:11"), MAC_A, null, EtherTypes.IPV6),
            IpAddress.parse("2001:db8:7::10"), IpAddress.parse("ff02::1:ff00:11"), IpAddress.parse("2001:db8:7::11"),
            MAC_A), ns);
        assertFalse(ns.isDuplicateAddressDetection());
    }

    @Test
    public void parsesTheCapturedNeighborAdvertisement() throws MalformedPacketException {
        final var na = (NeighborAdvertisement) parse(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT));
        assertEquals(new NeighborAdvertisement(new EthernetHeader(MAC_A, MAC_B, null, EtherTypes.IPV6),
            IpAddress.parse("2001:db8:7::11"), IpAddress.parse("2001:db8:7::10"), IpAddress.parse("2001:db8:7::11"),
            false, true, true, MAC_B), na);
        assertFalse(na.isUnsolicited());
    }

    @Test
    public void parsesAUnicastSolicitationFromALinkLocalAddress() throws MalformedPacketException {
        final var ns = (NeighborSolicitation) parse(frame(CapturedFrames.UNICAST_SOLICITATION));
        assertEquals(IpAddress.parse("fe80::5eff:fe10:b"), ns.sourceIp());
        assertEquals(IpAddress.parse("2001:db8:7::10"), ns.destinationIp());
        assertEquals(IpAddress.parse("2001:db8:7::10"), ns.target());
        assertEquals(MAC_B, ns.sourceLinkLayer());
        assertEquals(MAC_A, ns.eth().destination());
    }

    @Test
    public void parsesAnAdvertisementWithoutOptions() throws MalformedPacketException {
        final var na = (NeighborAdvertisement) parse(frame(CapturedFrames.ADVERTISEMENT_WITHOUT_OPTION));
        assertEquals(IpAddress.parse("2001:db8:7::10"), na.target());
        assertTrue(na.solicited());
        assertFalse(na.override());
        assertFalse(na.router());
        assertNull(na.targetLinkLayer());
    }

    @Test
    public void otherIcmpv6IsOtherTrafficWithItsAddresses() throws MalformedPacketException {
        final var echo = (OtherPacket) parse(frame(CapturedFrames.ICMPV6_ECHO_REQUEST));
        assertEquals(new OtherPacket(new EthernetHeader(MAC_B, MAC_A, null, EtherTypes.IPV6),
            IpAddress.parse("2001:db8:7::10"), IpAddress.parse("2001:db8:7::11")), echo);
        final var routerSolicitation = (OtherPacket) parse(frame(CapturedFrames.ROUTER_SOLICITATION));
        assertEquals(IpAddress.parse("fe80::5eff:fe10:b"), routerSolicitation.sourceIp());
        assertEquals(IpAddress.parse("ff02::2"), routerSolicitation.destinationIp());
    }

    @Test
    public void everyCapturedFrameParses() throws MalformedPacketException {
        for (int i = 0; i < CapturedFrames.count(); i++) {
            final var packet = parse(frame(i));
            assertTrue("frame " + i + ": " + packet, packet.eth().source().equals(MAC_A)
                || packet.eth().source().equals(MAC_B));
        }
    }

    @Test
    public void parsesQemusRarpAnnouncement() throws MalformedPacketException {
        final var vm = MacAddress.parse("52:54:00:12:34:56");
        final var rarp = (RarpPacket) parse(CapturedFrames.QEMU_RARP);
        assertEquals(new RarpPacket(new EthernetHeader(EthernetHeader.BROADCAST, vm, null, EtherTypes.RARP),
            RarpPacket.REQUEST_REVERSE, vm, ANY, vm, ANY), rarp);
        assertTrue(rarp.isSelfAnnouncement());
    }

    @Test
    public void rarpAskingForAnotherMacIsNoSelfAnnouncement() {
        final var vm = MacAddress.parse("52:54:00:12:34:56");
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, vm, null, EtherTypes.RARP);
        assertFalse(new RarpPacket(eth, RarpPacket.REQUEST_REVERSE, vm, ANY, MAC_A, ANY).isSelfAnnouncement());
        assertFalse(new RarpPacket(eth, RarpPacket.REPLY_REVERSE, vm, ANY, vm, ANY).isSelfAnnouncement());
        assertFalse(new RarpPacket(eth, RarpPacket.REQUEST_REVERSE, vm, IP_A, vm, ANY).isSelfAnnouncement());
        assertFalse(new RarpPacket(eth, RarpPacket.REQUEST_REVERSE, vm, ANY, vm, IP_A).isSelfAnnouncement());
    }

    @Test
    public void parsesIpv4TrafficWithItsAddresses() throws MalformedPacketException {
        // 198.51.100.10 -> 198.51.100.11 UDP, 28 bytes, padded to 60 bytes on the wire
        final var frame = CapturedFrames.hex("02005e10000b02005e10000a0800" + "4500001c000040004011" + "0000"
            + "c633640a" + "c633640b" + "d4310035000800000000" + "00".repeat(16));
        assertEquals(new OtherPacket(new EthernetHeader(MAC_B, MAC_A, null, EtherTypes.IPV4), IP_A, IP_B),
            parse(frame));
    }

    @Test
    public void otherEthertypesAreOtherPacketsWithoutAddresses() throws MalformedPacketException {
        // LLDP
        final var frame = CapturedFrames.hex("0180c200000e02005e10000a88cc" + "0207040200005e10000a");
        assertEquals(new OtherPacket(new EthernetHeader(MacAddress.parse("01:80:c2:00:00:0e"), MAC_A, null, 0x88cc),
            null, null), parse(frame));
    }

    @Test
    public void recordsASingle8021qTag() throws MalformedPacketException {
        final int tci = 5 << 13 | 0x1000 | 42;
        final var arp = (ArpPacket) parse(CapturedFrames.tagged(frame(CapturedFrames.ARP_REQUEST), tci));
        assertEquals(new VlanTag(5, true, 42), arp.eth().vlan());
        assertEquals(EtherTypes.ARP, arp.eth().etherType());
        assertEquals(18, arp.eth().length());
        assertEquals(IP_B, arp.targetIp());

        final var ns = (NeighborSolicitation) parse(CapturedFrames.tagged(frame(CapturedFrames.NEIGHBOR_SOLICITATION),
            7));
        assertEquals(new VlanTag(0, false, 7), ns.eth().vlan());
        assertEquals(IpAddress.parse("2001:db8:7::11"), ns.target());

        final var rarp = (RarpPacket) parse(CapturedFrames.tagged(CapturedFrames.QEMU_RARP, 100));
        assertTrue(rarp.isSelfAnnouncement());
        assertEquals(100, rarp.eth().vlan().vlanId());

        final var echo = (OtherPacket) parse(CapturedFrames.tagged(frame(CapturedFrames.ICMPV6_ECHO_REQUEST), 4095));
        assertEquals(IpAddress.parse("2001:db8:7::11"), echo.destinationIp());
    }

    @Test
    public void aSecondTagIsNotLookedInto() throws MalformedPacketException {
        // 802.1Q in 802.1Q: only the outer tag is recorded, the payload is not recognised as ARP
        final var twice = CapturedFrames.tagged(CapturedFrames.tagged(frame(CapturedFrames.ARP_REQUEST), 20), 10);
        final var packet = (OtherPacket) parse(twice);
        assertEquals(10, packet.eth().vlan().vlanId());
        assertEquals(EtherTypes.VLAN, packet.eth().etherType());
        assertNull(packet.sourceIp());
    }

    @Test
    public void leavesTheFrameAsItWas() throws MalformedPacketException {
        final var frame = frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        parse(frame);
        assertEquals(CapturedFrames.toHex(frame(CapturedFrames.NEIGHBOR_SOLICITATION)), CapturedFrames.toHex(frame));
    }
}
