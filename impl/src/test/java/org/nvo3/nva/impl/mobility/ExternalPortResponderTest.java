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
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.GATEWAY_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.TENANT_A;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_GATEWAY_V4;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.impl.packet.ArpCodec;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.EtherTypes;
import org.nvo3.nva.impl.packet.EthernetHeader;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.NeighborAdvertisement;
import org.nvo3.nva.impl.packet.NeighborDiscoveryFrames;

/**
 * The external router on a gateway NVE's external port: its address resolution for the routing domain's VM and
 * gateway addresses is answered with the domain's gateway MAC; anything else is not.
 */
public class ExternalPortResponderTest {
    private static final MacAddress ROUTER_MAC = MacAddress.parse("02:00:00:00:ee:01");
    private static final IpAddress ROUTER_V4 = IpAddress.parse("203.0.113.200");
    private static final IpAddress ROUTER_V6 = IpAddress.parse("2001:db8:ffff::9");
    private static final PortName EXTERNAL = new PortName("ext0");
    private static final ExternalGateway GATEWAY = new ExternalGateway(TENANT_A.id(), EXTERNAL, ROUTER_MAC,
        List.of(IpPrefix.parse("2001:db8:ffff::/48")));

    @Test
    public void theRoutersArpForAVmOfTheDomainGetsTheGatewayMac() throws Exception {
        final var reply = (ArpPacket) FrameParser.parse(ExternalPortResponder.answer(RoutedFabric.fabric(), GATEWAY,
            routerAsks(W1_V4)).orElseThrow());
        assertEquals(ArpPacket.REPLY, reply.operation());
        assertEquals(GATEWAY_MAC, reply.senderMac());
        assertEquals(W1_V4, reply.senderIp());
        assertEquals(ROUTER_MAC, reply.eth().destination());
        assertEquals(ROUTER_V4, reply.targetIp());
    }

    @Test
    public void aGatewayAddressIsAnsweredTooAndAnAddressOutsideTheDomainIsNot() throws Exception {
        final var fabric = RoutedFabric.fabric();
        assertEquals(GATEWAY_MAC, ((ArpPacket) FrameParser.parse(ExternalPortResponder.answer(fabric, GATEWAY,
            routerAsks(WEB_GATEWAY_V4)).orElseThrow())).senderMac());
        assertTrue(ExternalPortResponder.answer(fabric, GATEWAY, routerAsks(IpAddress.parse("192.0.2.77")))
            .isEmpty());
        // the router's own gratuitous ARP asks nothing
        assertTrue(ExternalPortResponder.answer(fabric, GATEWAY, arp(ROUTER_V4, ROUTER_V4)).isEmpty());
        // a domain the fabric does not have answers nothing
        final var unknown = new ExternalGateway(new RoutingDomainId("nobody"), EXTERNAL, ROUTER_MAC, List.of());
        assertTrue(ExternalPortResponder.answer(fabric, unknown, routerAsks(W1_V4)).isEmpty());
    }

    @Test
    public void theRoutersSolicitationForAVmIsAdvertisedAsTheGatewayRouter() throws Exception {
        final var solicitation = FrameParser.parse(NeighborDiscoveryFrames.solicitation(ROUTER_MAC, ROUTER_V6, DB2_V6,
            null));
        final var advertisement = (NeighborAdvertisement) FrameParser.parse(ExternalPortResponder.answer(
            RoutedFabric.fabric(), GATEWAY, solicitation).orElseThrow());
        assertEquals(GATEWAY_MAC, advertisement.targetLinkLayer());
        assertEquals(DB2_V6, advertisement.target());
        assertTrue(advertisement.router());
    }

    @Test
    public void onlyAnExternalPortOfAKnownDomainIsOne() {
        final var fabric = RoutedFabric.fabric();
        final var border = new Nve(new NveId("border"), new DatapathId(9), IpAddress.parse("192.0.2.9"),
            Nve.DEFAULT_TUNNEL_PORT, Map.of(TENANT_A.id(), GATEWAY));
        assertEquals(GATEWAY, ExternalPortResponder.gatewayOn(fabric, border, EXTERNAL).orElseThrow());
        assertTrue(ExternalPortResponder.gatewayOn(fabric, border, new PortName("tap1")).isEmpty());
        final var stranger = new ExternalGateway(new RoutingDomainId("nobody"), EXTERNAL, ROUTER_MAC, List.of());
        final var elsewhere = new Nve(new NveId("other"), new DatapathId(10), IpAddress.parse("192.0.2.10"),
            Nve.DEFAULT_TUNNEL_PORT, Map.of(stranger.domain(), stranger));
        assertTrue(ExternalPortResponder.gatewayOn(fabric, elsewhere, EXTERNAL).isEmpty());
    }

    private static org.nvo3.nva.impl.packet.Packet routerAsks(final IpAddress target) throws Exception {
        return arp(ROUTER_V4, target);
    }

    private static org.nvo3.nva.impl.packet.Packet arp(final IpAddress sender, final IpAddress target)
            throws Exception {
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, ROUTER_MAC, null, EtherTypes.ARP);
        return FrameParser.parse(ArpCodec.encode(new ArpPacket(eth, ArpPacket.REQUEST, ROUTER_MAC, sender,
            MacAddress.parse("00:00:00:00:00:00"), target)));
    }
}
