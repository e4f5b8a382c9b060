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
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.packet.CapturedFrames.frame;
import static org.nvo3.nva.impl.packet.CapturedFrames.toHex;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

public class NeighborDiscoveryFramesTest {
    private static final MacAddress MAC_A = MacAddress.parse("02:00:5e:10:00:0a");
    private static final MacAddress MAC_B = MacAddress.parse("02:00:5e:10:00:0b");
    private static final IpAddress IP_A = IpAddress.parse("2001:db8:7::10");
    private static final IpAddress IP_B = IpAddress.parse("2001:db8:7::11");
    private static final IpAddress ALL_NODES = IpAddress.parse("ff02::1");

    private static NeighborSolicitation solicitation(final byte[] frame) throws MalformedPacketException {
        return (NeighborSolicitation) FrameParser.parse(frame);
    }

    private static NeighborAdvertisement advertisement(final byte[] frame) throws MalformedPacketException {
        return (NeighborAdvertisement) FrameParser.parse(frame);
    }

    @Test
    public void answersTheCapturedSolicitationExactlyAsLinuxDid() throws MalformedPacketException {
        final var answer = NeighborDiscoveryFrames.advertisementFor(
            solicitation(frame(CapturedFrames.NEIGHBOR_SOLICITATION)), MAC_B);
        assertEquals(toHex(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT)), toHex(answer));
    }

    @Test
    public void solicitsExactlyAsLinuxDid() {
        assertEquals(toHex(frame(CapturedFrames.NEIGHBOR_SOLICITATION)),
            toHex(NeighborDiscoveryFrames.solicitation(MAC_A, IP_A, IP_B, null)));
    }

    @Test
    public void answersAtTheSolicitorsLinkLayerAddressWithHopLimit255() throws MalformedPacketException {
        final var answer = NeighborDiscoveryFrames.advertisementFor(
            solicitation(frame(CapturedFrames.UNICAST_SOLICITATION)), MAC_A);
        assertEquals(255, answer[14 + 7] & 0xFF);
        final var na = advertisement(answer);
        assertEquals(new NeighborAdvertisement(new EthernetHeader(MAC_B, MAC_A, null, EtherTypes.IPV6), IP_A,
            IpAddress.parse("fe80::5eff:fe10:b"), IP_A, false, true, true, MAC_A), na);
    }

    @Test
    public void answersASolicitationWithoutSourceLinkLayerAddressAtItsEthernetSource() throws MalformedPacketException {
        final var eth = new EthernetHeader(MAC_B, MacAddress.parse("02:00:00:00:00:99"), null, EtherTypes.IPV6);
        final var request = new NeighborSolicitation(eth, IP_A, IP_B, IP_B, null);
        final var na = advertisement(NeighborDiscoveryFrames.advertisementFor(request, MAC_B));
        assertEquals(MacAddress.parse("02:00:00:00:00:99"), na.eth().destination());
        assertEquals(IP_A, na.destinationIp());
        assertTrue(na.solicited());
    }

    @Test
    public void answersDuplicateAddressDetectionToAllNodesUnsolicited() throws MalformedPacketException {
        final var dad = solicitation(NeighborDiscoveryFrames.solicitation(MAC_A, IpAddress.parse("::"), IP_B, null));
        assertTrue(dad.isDuplicateAddressDetection());
        assertNull(dad.sourceLinkLayer());
        final var na = advertisement(NeighborDiscoveryFrames.advertisementFor(dad, MAC_B));
        assertEquals(ALL_NODES, na.destinationIp());
        assertEquals(MacAddress.parse("33:33:00:00:00:01"), na.eth().destination());
        assertEquals(IP_B, na.sourceIp());
        // RFC 4861 7.2.4: an answer to :: goes to all nodes without the solicited flag
        assertFalse(na.solicited());
        assertTrue(na.override());
        assertEquals(MAC_B, na.targetLinkLayer());
    }

    @Test
    public void answersATaggedSolicitationWithTheSameTag() throws MalformedPacketException {
        final var request = CapturedFrames.tagged(frame(CapturedFrames.NEIGHBOR_SOLICITATION), 42);
        final var answer = NeighborDiscoveryFrames.advertisementFor(solicitation(request), MAC_B);
        assertEquals(toHex(CapturedFrames.tagged(frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT), 42)), toHex(answer));
    }

    @Test
    public void buildsAnUnsolicitedAdvertisement() throws MalformedPacketException {
        final var mac = MacAddress.parse("02:00:00:00:00:07");
        final var ip = IpAddress.parse("2001:db8::7");
        final var frame = NeighborDiscoveryFrames.unsolicitedAdvertisement(mac, ip, null);
        // hand-derived: 33:33:00:00:00:01, IPv6 hop limit 255 to ff02::1, type 136, flags O, TLLA; the
        // checksum 0xf918 was computed separately with Python over the pseudo-header and message
        assertEquals("333300000001020000000007" + "86dd" + "6000000000203aff" + "20010db8000000000000000000000007"
            + "ff020000000000000000000000000001" + "8800" + "f918" + "20000000"
            + "20010db8000000000000000000000007" + "0201020000000007", toHex(frame));
        final var na = advertisement(frame);
        assertTrue(na.isUnsolicited());
        assertTrue(na.override());
        assertFalse(na.router());
        assertEquals(ip, na.target());
        assertEquals(mac, na.targetLinkLayer());
        assertEquals(ALL_NODES, na.destinationIp());
        assertEquals(new VlanTag(1, false, 300), advertisement(
            NeighborDiscoveryFrames.unsolicitedAdvertisement(mac, ip, new VlanTag(1, false, 300))).eth().vlan());
    }

    @Test
    public void refusesGroupMacsAndIpv4Addresses() throws MalformedPacketException {
        final var request = solicitation(frame(CapturedFrames.NEIGHBOR_SOLICITATION));
        assertThrows(IllegalArgumentException.class,
            () -> NeighborDiscoveryFrames.advertisementFor(request, MacAddress.parse("33:33:00:00:00:01")));
        assertThrows(IllegalArgumentException.class,
            () -> NeighborDiscoveryFrames.unsolicitedAdvertisement(MAC_A, IpAddress.parse("192.0.2.1"), null));
        assertThrows(IllegalArgumentException.class,
            () -> NeighborDiscoveryFrames.solicitation(MAC_A, IP_A, IpAddress.parse("192.0.2.1"), null));
    }
}
