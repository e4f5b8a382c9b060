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
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * The records' own rules, which decoding reports as malformed packets.
 */
public class PacketRecordsTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final EthernetHeader ARP_ETH = new EthernetHeader(EthernetHeader.BROADCAST, MAC, null,
        EtherTypes.ARP);
    private static final EthernetHeader IPV6_ETH = new EthernetHeader(MAC, MAC, null, EtherTypes.IPV6);
    private static final IpAddress V4 = IpAddress.parse("192.0.2.1");
    private static final IpAddress V6 = IpAddress.parse("2001:db8::1");

    private static String rejection(final Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }

    @Test
    public void vlanTagReadsAndWritesItsTci() {
        assertEquals(new VlanTag(5, true, 42), VlanTag.fromTci(0xB02A));
        assertEquals(0xB02A, new VlanTag(5, true, 42).tci());
        for (int tci : new int[] {0, 1, 0x0FFF, 0x1000, 0xE000, 0xFFFF}) {
            assertEquals(tci, VlanTag.fromTci(tci).tci());
        }
        assertEquals("802.1Q VLAN id 4096 is outside 0..4095", rejection(() -> new VlanTag(0, false, 4096)));
        assertEquals("802.1Q priority 8 is outside 0..7", rejection(() -> new VlanTag(8, false, 1)));
        rejection(() -> VlanTag.fromTci(0x10000));
    }

    @Test
    public void ethernetHeaderTakesItsTagAsVlanOnly() {
        assertEquals(14, ARP_ETH.length());
        assertEquals(18, new EthernetHeader(MAC, MAC, new VlanTag(0, false, 1), EtherTypes.ARP).length());
        assertEquals("an 802.1Q tag is given as vlan, not as ethertype 0x8100",
            rejection(() -> new EthernetHeader(MAC, MAC, null, EtherTypes.VLAN)));
        rejection(() -> new EthernetHeader(MAC, MAC, null, 0x10000));
    }

    @Test
    public void arpAndRarpAreEthernetIpv4WithTheirOwnOperations() {
        assertEquals("ARP operation 3 is neither request (1) nor reply (2)",
            rejection(() -> new ArpPacket(ARP_ETH, 3, MAC, V4, MAC, V4)));
        assertEquals("RARP operation 1 is neither request reverse (3) nor reply reverse (4)",
            rejection(() -> new RarpPacket(new EthernetHeader(MAC, MAC, null, EtherTypes.RARP), 1, MAC, V4, MAC, V4)));
        assertEquals("ARP packet in a frame of ethertype 0x8035, not 0x0806",
            rejection(() -> new ArpPacket(new EthernetHeader(MAC, MAC, null, EtherTypes.RARP), 1, MAC, V4, MAC, V4)));
        assertEquals("ARP addresses 2001:db8::1 and 192.0.2.1 must both be IPv4",
            rejection(() -> new ArpPacket(ARP_ETH, 1, MAC, V6, MAC, V4)));
    }

    @Test
    public void duplicateAddressDetectionHasNoLinkLayerAddressAndGoesToTheSolicitedNodeGroup() {
        final var group = IpAddress.parse("ff02::1:ff00:1");
        final var any = IpAddress.parse("::");
        assertTrue(new NeighborSolicitation(IPV6_ETH, any, group, V6, null).isDuplicateAddressDetection());
        assertEquals("neighbor solicitation from :: carries a source link-layer address option (02:00:00:00:00:01)",
            rejection(() -> new NeighborSolicitation(IPV6_ETH, any, group, V6, MAC)));
        assertEquals("neighbor solicitation from :: is sent to 2001:db8::1, not to a solicited-node multicast address",
            rejection(() -> new NeighborSolicitation(IPV6_ETH, any, V6, V6, null)));
    }

    @Test
    public void neighborDiscoveryTargetsAreUnicastIpv6() {
        assertEquals("neighbor solicitation target ff02::1 is a multicast address",
            rejection(() -> new NeighborSolicitation(IPV6_ETH, V6, V6, IpAddress.parse("ff02::1"), MAC)));
        assertEquals("neighbor advertisement addresses 2001:db8::1, 2001:db8::1 and 192.0.2.1 must all be IPv6",
            rejection(() -> new NeighborAdvertisement(IPV6_ETH, V6, V6, V4, false, true, true, MAC)));
        assertEquals("neighbor advertisement in a frame of ethertype 0x0806, not 0x86dd",
            rejection(() -> new NeighborAdvertisement(ARP_ETH, V6, V6, V6, false, true, true, MAC)));
    }

    @Test
    public void anAdvertisementToAGroupIsNeverSolicited() {
        final var allNodes = IpAddress.parse("ff02::1");
        assertTrue(new NeighborAdvertisement(IPV6_ETH, V6, allNodes, V6, false, false, true, MAC).isUnsolicited());
        assertFalse(new NeighborAdvertisement(IPV6_ETH, V6, V6, V6, false, true, true, MAC).isUnsolicited());
        assertEquals("neighbor advertisement to multicast ff02::1 has the solicited flag set",
            rejection(() -> new NeighborAdvertisement(IPV6_ETH, V6, allNodes, V6, false, true, true, MAC)));
    }

    @Test
    public void otherPacketsHaveBothAddressesOrNone() {
        assertEquals("an IP packet has both a source and a destination, not only 192.0.2.1",
            rejection(() -> new OtherPacket(ARP_ETH, V4, null)));
        rejection(() -> new OtherPacket(ARP_ETH, null, V4));
    }

    @Test
    public void ipv6MulticastAddressesForNeighborDiscovery() {
        assertEquals(IpAddress.parse("ff02::1:ff00:11"),
            Ipv6Multicast.solicitedNode(IpAddress.parse("2001:db8:7::11")));
        assertEquals(IpAddress.parse("ff02::1:ffab:cdef"),
            Ipv6Multicast.solicitedNode(IpAddress.parse("fe80::1:2:3:4:12ab:cdef")));
        assertTrue(Ipv6Multicast.isSolicitedNode(IpAddress.parse("ff02::1:ff12:3456")));
        assertFalse(Ipv6Multicast.isSolicitedNode(IpAddress.parse("ff02::1")));
        assertFalse(Ipv6Multicast.isSolicitedNode(IpAddress.parse("ff02::2:ff12:3456")));
        assertFalse(Ipv6Multicast.isSolicitedNode(V4));
        assertEquals(MacAddress.parse("33:33:ff:00:00:11"),
            Ipv6Multicast.ethernetFor(IpAddress.parse("ff02::1:ff00:11")));
        assertEquals(MacAddress.parse("33:33:00:00:00:01"), Ipv6Multicast.ethernetFor(Ipv6Multicast.ALL_NODES));
    }
}
