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
import static org.nvo3.nva.impl.packet.CapturedFrames.toHex;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

public class RarpFramesTest {
    private static final MacAddress VM = MacAddress.parse("52:54:00:12:34:56");
    private static final MacAddress RESPONDER = MacAddress.parse("02:00:00:00:0a:0a");
    private static final IpAddress VM_IP = IpAddress.parse("192.0.2.55");
    private static final IpAddress ANY = IpAddress.parse("0.0.0.0");

    @Test
    public void announcesAsQemuDoes() {
        assertEquals(toHex(CapturedFrames.QEMU_RARP), toHex(RarpFrames.selfAnnouncement(VM, null)));
    }

    @Test
    public void answersQemusAnnouncementWithTheVmsAddress() throws MalformedPacketException {
        final var request = (RarpPacket) FrameParser.parse(CapturedFrames.QEMU_RARP);
        final var frame = RarpFrames.replyTo(request, VM_IP, RESPONDER, ANY);
        assertEquals("525400123456" + "020000000a0a" + "8035" + "0001080006040004"
            + "020000000a0a" + "00000000" + "525400123456" + "c0000237", toHex(frame));
        final var reply = (RarpPacket) FrameParser.parse(frame);
        assertEquals(new RarpPacket(new EthernetHeader(VM, RESPONDER, null, EtherTypes.RARP),
            RarpPacket.REPLY_REVERSE, RESPONDER, ANY, VM, VM_IP), reply);
    }

    @Test
    public void answersATaggedAnnouncementWithTheSameTag() throws MalformedPacketException {
        final var request = (RarpPacket) FrameParser.parse(RarpFrames.selfAnnouncement(VM, new VlanTag(0, false, 77)));
        final var reply = (RarpPacket) FrameParser.parse(RarpFrames.replyTo(request, VM_IP, RESPONDER,
            IpAddress.parse("192.0.2.1")));
        assertEquals(new VlanTag(0, false, 77), reply.eth().vlan());
        assertEquals(IpAddress.parse("192.0.2.1"), reply.senderIp());
        assertEquals(VM_IP, reply.targetIp());
    }

    @Test
    public void answersOnlyRequestsWithIpv4() throws MalformedPacketException {
        final var request = (RarpPacket) FrameParser.parse(CapturedFrames.QEMU_RARP);
        assertThrows(IllegalArgumentException.class,
            () -> RarpFrames.replyTo(request, IpAddress.parse("2001:db8::5"), RESPONDER, ANY));
        assertThrows(IllegalArgumentException.class,
            () -> RarpFrames.replyTo(request, VM_IP, EthernetHeader.BROADCAST, ANY));
        final var reply = (RarpPacket) FrameParser.parse(RarpFrames.replyTo(request, VM_IP, RESPONDER, ANY));
        assertThrows(IllegalArgumentException.class, () -> RarpFrames.replyTo(reply, VM_IP, RESPONDER, ANY));
    }
}
