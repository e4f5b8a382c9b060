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
import static org.nvo3.nva.impl.packet.CapturedFrames.toHex;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

public class ArpFramesTest {
    private static final MacAddress MAC_B = MacAddress.parse("02:00:5e:10:00:0b");

    private static ArpPacket arp(final byte[] frame) throws MalformedPacketException {
        return (ArpPacket) FrameParser.parse(frame);
    }

    @Test
    public void answersTheCapturedRequestExactlyAsLinuxDid() throws MalformedPacketException {
        final var reply = ArpFrames.replyTo(arp(frame(CapturedFrames.ARP_REQUEST)), MAC_B);
        assertEquals(toHex(frame(CapturedFrames.ARP_REPLY)), toHex(reply));
    }

    @Test
    public void answersTheCapturedProbeExactlyAsLinuxDid() throws MalformedPacketException {
        final var reply = ArpFrames.replyTo(arp(frame(CapturedFrames.ARP_PROBE)), MAC_B);
        assertEquals(toHex(frame(CapturedFrames.ARP_PROBE_REPLY)), toHex(reply));
    }

    @Test
    public void answersATaggedRequestWithTheSameTag() throws MalformedPacketException {
        final var request = CapturedFrames.tagged(frame(CapturedFrames.ARP_REQUEST), 3 << 13 | 42);
        final var reply = ArpFrames.replyTo(arp(request), MAC_B);
        assertEquals(toHex(CapturedFrames.tagged(frame(CapturedFrames.ARP_REPLY), 3 << 13 | 42)), toHex(reply));
    }

    @Test
    public void answersOnlyRequests() throws MalformedPacketException {
        final var reply = arp(frame(CapturedFrames.ARP_REPLY));
        assertThrows(IllegalArgumentException.class, () -> ArpFrames.replyTo(reply, MAC_B));
        final var request = arp(frame(CapturedFrames.ARP_REQUEST));
        assertThrows(IllegalArgumentException.class, () -> ArpFrames.replyTo(request, EthernetHeader.BROADCAST));
    }

    @Test
    public void buildsAnRfc5227Announcement() throws MalformedPacketException {
        final var mac = MacAddress.parse("02:00:00:00:00:07");
        final var ip = IpAddress.parse("192.0.2.7");
        final var frame = ArpFrames.gratuitous(mac, ip, null);
        assertEquals("ffffffffffff0200000000070806" + "0001080006040001" + "020000000007c0000207"
            + "000000000000c0000207", toHex(frame));
        final var arp = arp(frame);
        assertTrue(arp.isGratuitous());
        assertEquals(mac, arp.eth().source());

        final var tagged = arp(ArpFrames.gratuitous(mac, ip, new VlanTag(0, false, 9)));
        assertTrue(tagged.isGratuitous());
        assertEquals(new VlanTag(0, false, 9), tagged.eth().vlan());
    }

    @Test
    public void announcesOnlyIpv4FromAUnicastMac() {
        final var mac = MacAddress.parse("02:00:00:00:00:07");
        assertThrows(IllegalArgumentException.class, () -> ArpFrames.gratuitous(mac, IpAddress.parse("2001:db8::7"),
            null));
        assertThrows(IllegalArgumentException.class, () -> ArpFrames.gratuitous(MacAddress.parse("01:00:5e:00:00:01"),
            IpAddress.parse("192.0.2.7"), null));
    }
}
