/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.packet.ArpCodec;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.EtherTypes;
import org.nvo3.nva.impl.packet.EthernetHeader;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.RarpFrames;
import org.nvo3.nva.impl.packet.RarpPacket;

public class DirectoryResponderTest {
    private static final MacAddress VM1_MAC = MacAddress.parse("02:00:00:00:00:01");

    private static byte[] arpRequest(final String target) {
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, VM1_MAC, null, EtherTypes.ARP);
        return ArpCodec.encode(new ArpPacket(eth, ArpPacket.REQUEST, VM1_MAC, IpAddress.parse("10.0.0.1"),
            MacAddress.parse("00:00:00:00:00:00"), IpAddress.parse(target)));
    }

    @Test
    public void anArpRequestIsAnsweredWithTheMacOfTheVmInTheAskersVni() throws Exception {
        final var asker = fabric().vm(VM1).orElseThrow();
        final var answer = DirectoryResponder.answer(fabric(), asker, FrameParser.parse(arpRequest("10.0.0.2")));
        final var reply = (ArpPacket) FrameParser.parse(answer.orElseThrow());
        assertEquals(ArpPacket.REPLY, reply.operation());
        assertEquals(MacAddress.parse("02:00:00:00:00:02"), reply.senderMac());
        assertEquals(IpAddress.parse("10.0.0.2"), reply.senderIp());
        assertEquals(VM1_MAC, reply.eth().destination());
    }

    @Test
    public void anAddressOfAnotherVniOrNobodyIsNotAnswered() throws Exception {
        final var asker = fabric().vm(VM3).orElseThrow();
        // 10.0.0.2 exists only in VNI 5001; vm3 is in 5002
        assertTrue(DirectoryResponder.answer(fabric(), asker, FrameParser.parse(arpRequest("10.0.0.2"))).isEmpty());
        assertTrue(DirectoryResponder.answer(fabric(), asker, FrameParser.parse(arpRequest("10.0.0.9"))).isEmpty());
    }

    @Test
    public void aRarpSelfAnnouncementGetsTheVmsIpv4Address() throws Exception {
        final var asker = fabric().vm(VM1).orElseThrow();
        final var answer = DirectoryResponder.answer(fabric(), asker,
            FrameParser.parse(RarpFrames.selfAnnouncement(VM1_MAC, null)));
        final var reply = (RarpPacket) FrameParser.parse(answer.orElseThrow());
        assertEquals(RarpPacket.REPLY_REVERSE, reply.operation());
        assertEquals(VM1_MAC, reply.targetMac());
        assertEquals(IpAddress.parse("10.0.0.1"), reply.targetIp());
    }
}
