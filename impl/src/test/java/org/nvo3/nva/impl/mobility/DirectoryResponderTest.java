/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.packet.ArpCodec;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.EtherTypes;
import org.nvo3.nva.impl.packet.EthernetHeader;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.NeighborAdvertisement;
import org.nvo3.nva.impl.packet.NeighborDiscoveryFrames;
import org.nvo3.nva.impl.packet.RarpFrames;
import org.nvo3.nva.impl.packet.RarpPacket;

public class DirectoryResponderTest {
    private static final MacAddress VM1_MAC = MacAddress.parse("02:00:00:00:00:01");

    private static byte[] arpRequest(final String target) {
        return arpRequest(VM1_MAC, IpAddress.parse("10.0.0.1"), IpAddress.parse(target));
    }

    private static byte[] arpRequest(final MacAddress mac, final IpAddress sender, final IpAddress target) {
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, mac, null, EtherTypes.ARP);
        return ArpCodec.encode(new ArpPacket(eth, ArpPacket.REQUEST, mac, sender,
            MacAddress.parse("00:00:00:00:00:00"), target));
    }

    private static Vm routed(final VmId vm) {
        return RoutedFabric.fabric().vm(vm).orElseThrow();
    }

    private static ArpPacket arpAnswer(final VmId asker, final IpAddress sender, final IpAddress target)
            throws Exception {
        final var vm = routed(asker);
        final var answer = DirectoryResponder.answer(RoutedFabric.fabric(), vm,
            FrameParser.parse(arpRequest(vm.mac(), sender, target)));
        return (ArpPacket) FrameParser.parse(answer.orElseThrow());
    }

    private static NeighborAdvertisement ndAnswer(final VmId asker, final IpAddress source, final IpAddress target)
            throws Exception {
        final var vm = routed(asker);
        final var answer = DirectoryResponder.answer(RoutedFabric.fabric(), vm,
            FrameParser.parse(NeighborDiscoveryFrames.solicitation(vm.mac(), source, target, null)));
        return (NeighborAdvertisement) FrameParser.parse(answer.orElseThrow());
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

    @Test
    public void anArpRequestForTheGatewayOfItsL3NetworkIsAnsweredWithTheDomainsGatewayMac() throws Exception {
        final var reply = arpAnswer(RoutedFabric.W1, RoutedFabric.W1_V4, RoutedFabric.WEB_GATEWAY_V4);
        assertEquals(ArpPacket.REPLY, reply.operation());
        assertEquals(RoutedFabric.GATEWAY_MAC, reply.senderMac());
        assertEquals(RoutedFabric.WEB_GATEWAY_V4, reply.senderIp());
        assertEquals(RoutedFabric.W1_MAC, reply.targetMac());
        assertEquals(RoutedFabric.W1_V4, reply.targetIp());
        assertEquals(new EthernetHeader(RoutedFabric.W1_MAC, RoutedFabric.GATEWAY_MAC, null, EtherTypes.ARP),
            reply.eth());

        // every subnet of the network has its gateway address, all on the one anycast gateway MAC
        final var other = arpAnswer(RoutedFabric.W1, IpAddress.parse("100.64.1.9"),
            RoutedFabric.WEB_OTHER_GATEWAY_V4);
        assertEquals(RoutedFabric.GATEWAY_MAC, other.senderMac());
        assertEquals(RoutedFabric.WEB_OTHER_GATEWAY_V4, other.senderIp());
    }

    @Test
    public void aSolicitationForTheIpv6GatewayIsAnsweredWithTheGatewayMacAsARouter() throws Exception {
        final var advertisement = ndAnswer(RoutedFabric.W1, RoutedFabric.W1_V6, RoutedFabric.WEB_GATEWAY_V6);
        assertEquals(RoutedFabric.GATEWAY_MAC, advertisement.targetLinkLayer());
        assertEquals(RoutedFabric.WEB_GATEWAY_V6, advertisement.sourceIp());
        assertEquals(RoutedFabric.WEB_GATEWAY_V6, advertisement.target());
        assertEquals(RoutedFabric.W1_V6, advertisement.destinationIp());
        assertEquals(new EthernetHeader(RoutedFabric.W1_MAC, RoutedFabric.GATEWAY_MAC, null, EtherTypes.IPV6),
            advertisement.eth());
        assertTrue("a router's advertisement", advertisement.router());
        assertTrue(advertisement.solicited());
        assertTrue(advertisement.override());
    }

    @Test
    public void aProbeOrDuplicateAddressDetectionOfTheGatewayAddressIsDefended() throws Exception {
        final var probeReply = arpAnswer(RoutedFabric.DB1, IpAddress.parse("0.0.0.0"), RoutedFabric.DB_GATEWAY_V4);
        assertEquals(RoutedFabric.GATEWAY_MAC, probeReply.senderMac());
        assertEquals(RoutedFabric.DB_GATEWAY_V4, probeReply.senderIp());

        final var dad = ndAnswer(RoutedFabric.W2, IpAddress.parse("::"), RoutedFabric.WEB_GATEWAY_V6);
        assertEquals(RoutedFabric.GATEWAY_MAC, dad.targetLinkLayer());
        assertEquals("to all nodes", IpAddress.parse("ff02::1"), dad.destinationIp());
        assertFalse(dad.solicited());
    }

    @Test
    public void aVmOfAnL3NetworkAskingForAnotherVmOfItsSubnetStillGetsThatVmsMac() throws Exception {
        final var reply = arpAnswer(RoutedFabric.W1, RoutedFabric.W1_V4, RoutedFabric.W2_V4);
        assertEquals(RoutedFabric.W2_MAC, reply.senderMac());
        assertEquals(RoutedFabric.W2_V4, reply.senderIp());

        final var advertisement = ndAnswer(RoutedFabric.W1, RoutedFabric.W1_V6, RoutedFabric.W2_V6);
        assertEquals(RoutedFabric.W2_MAC, advertisement.targetLinkLayer());
        assertEquals(RoutedFabric.W2_V6, advertisement.sourceIp());
        assertFalse("a host's advertisement", advertisement.router());
    }

    @Test
    public void noGatewayIsAnsweredForAnotherNetworkOrAnL2Network() throws Exception {
        final var fabric = RoutedFabric.fabric();
        final var w1 = routed(RoutedFabric.W1);
        // db's gateway is not web's, though both networks are in one routing domain; nor is a VM of db web's
        assertTrue(DirectoryResponder.answer(fabric, w1, FrameParser.parse(arpRequest(w1.mac(), RoutedFabric.W1_V4,
            RoutedFabric.DB_GATEWAY_V4))).isEmpty());
        assertTrue(DirectoryResponder.answer(fabric, w1, FrameParser.parse(arpRequest(w1.mac(), RoutedFabric.W1_V4,
            RoutedFabric.DB1_V4))).isEmpty());
        // an L2 network has no gateway: nothing answers for the address web's gateway has, or any other
        final var b1 = routed(RoutedFabric.B1);
        assertTrue(DirectoryResponder.answer(fabric, b1, FrameParser.parse(arpRequest(b1.mac(), RoutedFabric.B1_V4,
            RoutedFabric.WEB_GATEWAY_V4))).isEmpty());
        assertTrue(DirectoryResponder.answer(fabric, b1, FrameParser.parse(arpRequest(b1.mac(), RoutedFabric.B1_V4,
            IpAddress.parse("10.0.0.254")))).isEmpty());
    }
}
