/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Every kind of packet, tagged and untagged, comes back equal from encoding and parsing.
 */
public class RoundTripTest {
    private static final MacAddress MAC_1 = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress MAC_2 = MacAddress.parse("02:00:00:00:00:02");
    private static final List<@Nullable VlanTag> TAGS = Arrays.asList(null, new VlanTag(0, false, 0),
        new VlanTag(7, true, 4095), new VlanTag(3, false, 42));

    private static EthernetHeader eth(final MacAddress destination, final @Nullable VlanTag vlan, final int type) {
        return new EthernetHeader(destination, MAC_1, vlan, type);
    }

    private static void assertRoundTrip(final Packet packet, final byte[] frame) throws MalformedPacketException {
        assertEquals(packet.eth().length() + expectedLength(packet), frame.length);
        assertEquals(packet, FrameParser.parse(frame));
    }

    private static int expectedLength(final Packet packet) {
        return switch (packet) {
            case ArpPacket arp -> 28;
            case RarpPacket rarp -> 28;
            case NeighborSolicitation ns -> 40 + 24 + (ns.sourceLinkLayer() == null ? 0 : 8);
            case NeighborAdvertisement na -> 40 + 24 + (na.targetLinkLayer() == null ? 0 : 8);
            case OtherPacket other -> throw new AssertionError(other);
        };
    }

    @Test
    public void arpPackets() throws MalformedPacketException {
        final var packets = new ArrayList<ArpPacket>();
        for (var tag : TAGS) {
            packets.add(new ArpPacket(eth(EthernetHeader.BROADCAST, tag, EtherTypes.ARP), ArpPacket.REQUEST, MAC_1,
                IpAddress.parse("192.0.2.1"), new MacAddress(0), IpAddress.parse("192.0.2.2")));
            packets.add(new ArpPacket(eth(MAC_2, tag, EtherTypes.ARP), ArpPacket.REPLY, MAC_1,
                IpAddress.parse("198.51.100.255"), MAC_2, IpAddress.parse("0.0.0.0")));
        }
        for (var packet : packets) {
            assertRoundTrip(packet, ArpCodec.encode(packet));
        }
    }

    @Test
    public void rarpPackets() throws MalformedPacketException {
        for (var tag : TAGS) {
            for (int operation : new int[] {RarpPacket.REQUEST_REVERSE, RarpPacket.REPLY_REVERSE}) {
                final var packet = new RarpPacket(eth(EthernetHeader.BROADCAST, tag, EtherTypes.RARP), operation,
                    MAC_1, IpAddress.parse("192.0.2.9"), MAC_2, IpAddress.parse("192.0.2.10"));
                assertRoundTrip(packet, RarpCodec.encode(packet));
            }
        }
    }

    @Test
    public void neighborSolicitations() throws MalformedPacketException {
        final var target = IpAddress.parse("2001:db8::2");
        final var group = IpAddress.parse("ff02::1:ff00:2");
        for (var tag : TAGS) {
            for (var packet : List.of(
                    new NeighborSolicitation(eth(MAC_2, tag, EtherTypes.IPV6), IpAddress.parse("2001:db8::1"), group,
                        target, MAC_1),
                    new NeighborSolicitation(eth(MAC_2, tag, EtherTypes.IPV6), IpAddress.parse("fe80::1"), target,
                        target, null),
                    new NeighborSolicitation(eth(MAC_2, tag, EtherTypes.IPV6), IpAddress.parse("::"), group, target,
                        null))) {
                assertRoundTrip(packet, NeighborDiscoveryCodec.encode(packet));
            }
        }
    }

    @Test
    public void neighborAdvertisementsWithEveryFlagCombination() throws MalformedPacketException {
        final var target = IpAddress.parse("2001:db8::2");
        for (var tag : TAGS) {
            for (int flags = 0; flags < 8; flags++) {
                for (var link : Arrays.asList(MAC_1, null)) {
                    final var packet = new NeighborAdvertisement(eth(MAC_2, tag, EtherTypes.IPV6), target,
                        IpAddress.parse("2001:db8::1"), target, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0,
                        link);
                    assertRoundTrip(packet, NeighborDiscoveryCodec.encode(packet));
                }
            }
        }
    }
}
