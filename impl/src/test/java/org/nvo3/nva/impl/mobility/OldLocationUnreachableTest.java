/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.IpFrames.ICMP;
import static org.nvo3.nva.impl.mobility.IpFrames.UDP;
import static org.nvo3.nva.impl.mobility.IpFrames.UDP_DATAGRAM;
import static org.nvo3.nva.impl.mobility.IpFrames.ipv4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB1_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB1_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.GATEWAY_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.N1;
import static org.nvo3.nva.impl.mobility.RoutedFabric.N2;
import static org.nvo3.nva.impl.mobility.RoutedFabric.N3;
import static org.nvo3.nva.impl.mobility.RoutedFabric.TUNNEL;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_GATEWAY_V4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.flow.FakeOverlay;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.flow.Redirect;
import org.nvo3.nva.impl.packet.ArpFrames;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.OtherPacket;

/**
 * Old-location-policy icmp-unreachable end to end on a fake overlay: after w2 moved from n2 to n3, n2 punts a
 * packet still sent to w2; the data plane handler takes it for no announcement (nothing rejected, nothing
 * moved, no warning), NVA sends the sender an ICMP host unreachable by packet-out into n2, which the overlay
 * delivers to the sender's port, and the migration records the counts when n2's redirect flow is removed.
 */
public class OldLocationUnreachableTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final long METER = 1;

    private final RecordingPacketSender sender = new RecordingPacketSender();
    private final List<RecordingPacketSender.SentOut> sent = sender.sent();
    private final Map<NveId, Long> rejections = new HashMap<>();
    private MobilityService service;
    private ForwardingStates states;
    private MobilityDataplaneHandler handler;
    private OldLocationPackets oldLocations;

    @Before
    public void start() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var nves = new RoutedFabricNves(T0.plusMillis(1));
        final var wired = MobilityFabric.wire(clock, nves);
        service = wired.service();
        states = wired.states();
        oldLocations = new OldLocationPackets(service, states, sender);
        handler = new MobilityDataplaneHandler(service, nves, sender, wired.source(), clock, rejections::put,
            oldLocations::redirectEnded);
        service.fabricChanged(RoutedFabric.fabric());
        RoutedFabric.ports().forEach((nve, ports) -> wired.source().desired(nve, ports, METER));

        // w2 announces itself on its new port on n3
        packetIn(N3, PipelineTable.CLASSIFY.id(), 7, null, ArpFrames.gratuitous(W2_MAC, W2_V4, null));
        assertEquals(N3, service.current().state().location(W2).orElseThrow().nve());
        sent.clear();
    }

    private FakeOverlay overlay() {
        return new FakeOverlay(states.stateOf(service.current()), METER);
    }

    /** A packet-in handed to both listeners, as MobilityComponent wires them. */
    private void packetIn(final NveId nve, final int table, final long inPort, final @Nullable Long tunnelId,
            final byte[] frame) {
        final var dpid = service.current().fabric().nve(nve).orElseThrow().datapathId();
        final var packetIn = new PacketIn(dpid, nve, table, inPort, 0, PuntReason.ACTION, Frame.of(frame), tunnelId);
        handler.packetIn(packetIn);
        oldLocations.packetIn(packetIn);
    }

    /** What n2's REDIRECT table punts: a packet to w2 from the VXLAN port, in w2's VNI. */
    private void stillSentToW2(final byte[] frame) {
        packetIn(N2, PipelineTable.REDIRECT.id(), TUNNEL, (long) WEB.value(), frame);
    }

    @Test
    public void aPacketStillSentToTheMovedVmIsAnsweredWithHostUnreachableThatReachesItsSender() throws Exception {
        // db1's packet to w2, routed at n1 by a host route not yet re-pointed, reaches n2, which punts it
        final var inFlight = Packet.ipv4(6, GATEWAY_MAC, W2_MAC, W2_V4, 63).arrivingOverTunnel(TUNNEL, WEB.value());
        assertEquals(List.of(new Punted(PipelineTable.REDIRECT, METER)), overlay().at(N2, inFlight).punted());
        final var before = service.current().state();

        stillSentToW2(ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, UDP, UDP_DATAGRAM));

        assertEquals("no rejected announcement", 0, handler.rejectedAnnouncements(N2));
        assertEquals(Map.of(), rejections);
        assertSame("nothing moved", before, service.current().state());
        assertEquals(1, sent.size());
        final var out = sent.getFirst();
        assertEquals("into the old NVE", N2, out.nve());
        assertEquals(List.of(SetTunnelId.of(DB), new SetTunnelDst(IpAddress.parse("192.0.2.1")), new Output(TUNNEL)),
            out.packetOut().actions());
        final var icmp = (OtherPacket) FrameParser.parse(out.packetOut().frame().bytes());
        assertEquals(GATEWAY_MAC, icmp.eth().source());
        assertEquals(DB1_MAC, icmp.eth().destination());
        assertEquals(WEB_GATEWAY_V4, icmp.sourceIp());

        // n1 takes the error from the VXLAN port in db's VNI and delivers it to db1's port
        final var arriving = Packet.ipv4(0, GATEWAY_MAC, DB1_MAC, DB1_V4, 64).arrivingOverTunnel(TUNNEL, DB.value());
        assertEquals(List.of(6L), overlay().at(N1, arriving).sent().stream().map(Sent::port).toList());
    }

    @Test
    public void theMigrationRecordsThePacketsNvaGotAndTheErrorsItSentWhenTheRedirectEnds() throws Exception {
        stillSentToW2(ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, UDP, UDP_DATAGRAM));
        // an ICMP error is counted, not answered
        stillSentToW2(ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, ICMP, IpFrames.ICMP_UNREACHABLE));
        assertEquals(1, sent.size());
        assertEquals(1, oldLocations.unansweredPackets(N2));
        final var redirect = service.current().state().redirect(W2, N2).orElseThrow();
        assertEquals(new OldLocationCounts(2, 1), oldLocations.countsOf(redirect));

        final long cookie = FlowCompiler.redirectCookie(states.stateOf(service.current()),
            new Redirect(W2, N2, service.current().fabric().settings().redirectSeconds())).orElseThrow().value();
        handler.flowExpired(new FlowExpiry(new DatapathId(0xb002), N2, PipelineTable.REDIRECT.id(), 100, cookie,
            ExpiryReason.HARD_TIMEOUT, 5, 500, Duration.ofSeconds(30)));

        final var migration = service.current().state().migration(redirect.migrationId()).orElseThrow();
        assertEquals(MigrationState.REDIRECT_EXPIRED, migration.state());
        assertEquals("the flow's count: the punt meter may drop some", 5, migration.redirectedPackets());
        assertEquals(new OldLocationCounts(2, 1), migration.oldLocation());
        assertEquals("handed over", OldLocationCounts.NONE, oldLocations.countsOf(redirect));
    }

    @Test
    public void aMalformedPacketFromTheRedirectTableIsNoAnnouncementNorAWarnedMalformedPacket() {
        final var before = service.current().state();
        final var frame = ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, UDP, UDP_DATAGRAM);
        stillSentToW2(Arrays.copyOf(frame, 30));

        assertEquals(0, handler.malformedPackets());
        assertEquals(0, handler.rejectedAnnouncements(N2));
        assertSame(before, service.current().state());
        assertTrue(sent.isEmpty());
        assertEquals("counted as unanswered", 1, oldLocations.unansweredPackets(N2));
        assertEquals(new OldLocationCounts(1, 0),
            oldLocations.countsOf(service.current().state().redirect(W2, N2).orElseThrow()));
    }
}
