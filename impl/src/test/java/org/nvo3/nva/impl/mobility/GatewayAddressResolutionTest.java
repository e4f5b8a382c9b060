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
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.GATEWAY_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.N1;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_GATEWAY_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_GATEWAY_V6;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.flow.FakeOverlay;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.packet.ArpCodec;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.EtherTypes;
import org.nvo3.nva.impl.packet.EthernetHeader;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.NeighborAdvertisement;
import org.nvo3.nva.impl.packet.NeighborDiscoveryFrames;

/**
 * A VM of an L3 network resolves its gateway address on a fake overlay: its NVE punts the ARP request or
 * neighbour solicitation instead of flooding it, NVA answers with a packet-out to the VM's port carrying the
 * routing domain's gateway MAC, and a packet the VM then sends to that MAC is routed by its NVE.
 */
public class GatewayAddressResolutionTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final long W1_PORT = 5;

    private final RecordingPacketSender sender = new RecordingPacketSender();
    private final List<RecordingPacketSender.SentOut> sent = sender.sent();
    private MobilityService service;
    private ForwardingStates states;
    private MobilityDataplaneHandler handler;

    @Before
    public void start() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var nves = new RoutedFabricNves(T0.plusMillis(1));
        final var wired = MobilityFabric.wire(clock, nves);
        service = wired.service();
        states = wired.states();
        handler = new MobilityDataplaneHandler(service, nves, sender, wired.source(), clock, (nve, count) -> { });
        service.fabricChanged(RoutedFabric.fabric());
        RoutedFabric.ports().forEach((nve, ports) -> wired.source().desired(nve, ports, 1L));
    }

    private FakeOverlay overlay() {
        return new FakeOverlay(states.stateOf(service.current()), 1L);
    }

    private void punt(final NveId nve, final long inPort, final byte[] frame) {
        final var dpid = service.current().fabric().nve(nve).orElseThrow().datapathId();
        handler.packetIn(new PacketIn(dpid, nve, PipelineTable.ARP_ND_RESPONDER.id(), inPort, 0, PuntReason.ACTION,
            Frame.of(frame), (long) WEB.value()));
    }

    /** The one answer NVA sent: into n1, out of w1's port. */
    private byte[] answerToW1() {
        assertEquals(1, sent.size());
        assertEquals(N1, sent.getFirst().nve());
        assertEquals(List.of(new Output(W1_PORT)), sent.getFirst().packetOut().actions());
        return sent.getFirst().packetOut().frame().bytes();
    }

    private List<Sent> deliveries(final NveId from, final Packet packet) {
        return overlay().send(from, packet).stream()
            .filter(delivery -> delivery.emission() instanceof Sent)
            .map(delivery -> (Sent) delivery.emission())
            .toList();
    }

    @Test
    public void aVmArpsForItsGatewayAndRoutesThroughTheMacNvaAnswered() throws Exception {
        final var asking = overlay().at(N1, Packet.arpRequest(W1_PORT, W1_MAC, W1_V4, WEB_GATEWAY_V4));
        assertEquals("punted to NVA, not flooded", List.of(PipelineTable.ARP_ND_RESPONDER),
            asking.punted().stream().map(Punted::table).toList());
        assertTrue(asking.sent().isEmpty());

        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, W1_MAC, null, EtherTypes.ARP);
        punt(N1, W1_PORT, ArpCodec.encode(new ArpPacket(eth, ArpPacket.REQUEST, W1_MAC, W1_V4,
            MacAddress.parse("00:00:00:00:00:00"), WEB_GATEWAY_V4)));

        final var reply = (ArpPacket) FrameParser.parse(answerToW1());
        assertEquals(ArpPacket.REPLY, reply.operation());
        assertEquals(GATEWAY_MAC, reply.senderMac());
        assertEquals(WEB_GATEWAY_V4, reply.senderIp());
        assertEquals(W1_MAC, reply.eth().destination());

        final var routed = deliveries(N1, Packet.ipv4(W1_PORT, W1_MAC, reply.senderMac(), DB2_V4, 64));
        assertEquals("db2's port on n2", List.of(6L), routed.stream().map(Sent::port).toList());
        assertEquals(GATEWAY_MAC, routed.getFirst().packet().ethSrc());
        assertEquals(DB2_MAC, routed.getFirst().packet().ethDst());
    }

    @Test
    public void aVmSolicitsItsIpv6GatewayAndRoutesThroughTheMacNvaAdvertised() throws Exception {
        final var asking = overlay().at(N1, Packet.neighbourDiscovery(W1_PORT, W1_MAC,
            Icmpv6Type.NEIGHBOR_SOLICITATION, WEB_GATEWAY_V6));
        assertEquals("punted to NVA, not flooded", List.of(PipelineTable.ARP_ND_RESPONDER),
            asking.punted().stream().map(Punted::table).toList());

        punt(N1, W1_PORT, NeighborDiscoveryFrames.solicitation(W1_MAC, W1_V6, WEB_GATEWAY_V6, null));

        final var advertisement = (NeighborAdvertisement) FrameParser.parse(answerToW1());
        assertEquals(GATEWAY_MAC, advertisement.targetLinkLayer());
        assertEquals(WEB_GATEWAY_V6, advertisement.sourceIp());
        assertEquals(W1_V6, advertisement.destinationIp());
        assertTrue(advertisement.router());

        final var routed = deliveries(N1, Packet.ipv6(W1_PORT, W1_MAC, advertisement.targetLinkLayer(), DB2_V6,
            64));
        assertEquals("db2's port on n2", List.of(6L), routed.stream().map(Sent::port).toList());
        assertEquals(DB2_MAC, routed.getFirst().packet().ethDst());
    }
}
