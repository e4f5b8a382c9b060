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
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.Ports;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FakeOverlay;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.flow.Redirect;
import org.nvo3.nva.impl.packet.ArpFrames;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.RarpFrames;
import org.nvo3.nva.impl.packet.RarpPacket;

/**
 * The mobility service, its data plane handler and the flow compiler together, on a fake OpenFlow
 * overlay: where a packet goes before and after a VM announces itself at a new NVE.
 */
public class MobilityForwardingTest {
    private static final long TUNNEL = 1;
    private static final MacAddress VM1_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress VM2_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final IpAddress VM2_IP = IpAddress.parse("10.0.0.2");
    private static final Map<NveId, NvePorts> PORTS = MobilityFabric.ports();

    /** Knows the ports above, and the LOCAL port as br-int (as OVS names it); acknowledges every re-sync at once. */
    private static final class FakeNves implements NveProgramming {
        @Override
        public CompletableFuture<java.time.Instant> resync(final NveId nve) {
            return CompletableFuture.completedFuture(T0.plusMillis(2));
        }

        @Override
        public Optional<PortName> portName(final NveId nve, final long ofport) {
            return ofport == Ports.LOCAL ? Optional.of(new PortName("br-int")) : MobilityFabric.portName(nve, ofport);
        }

        @Override
        public void useFlowSource(final DesiredFlowSource source) {
            // the test compiles itself
        }
    }

    private final List<PacketOut> sent = new ArrayList<>();
    private final Map<NveId, Long> rejections = new java.util.HashMap<>();
    private MobilityService service;
    private ForwardingStates states;
    private MobilityFlowSource source;
    private MobilityDataplaneHandler handler;

    @Before
    public void start() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var nves = new FakeNves();
        final var wired = MobilityFabric.wire(clock, nves);
        service = wired.service();
        states = wired.states();
        source = wired.source();
        final PacketSender sender = new PacketSender() {
            @Override
            public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
                sent.add(packet);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
                sent.add(packet);
                return CompletableFuture.completedFuture(null);
            }
        };
        handler = new MobilityDataplaneHandler(service, nves, sender, source, clock, rejections::put);
        service.fabricChanged(fabric());
        PORTS.forEach((nve, ports) -> source.desired(nve, ports, 1L));
    }

    private FakeOverlay overlay() {
        return new FakeOverlay(states.stateOf(service.current()), 1L);
    }

    private void punt(final NveId nve, final long inPort, final byte[] frame) {
        final var dpid = service.current().fabric().nve(nve).orElseThrow().datapathId();
        handler.packetIn(new PacketIn(dpid, nve, 0, inPort, 0, PuntReason.TABLE_MISS, Frame.of(frame)));
    }

    private List<Sent> deliveries(final NveId from, final Packet packet) {
        return overlay().send(from, packet).stream()
            .filter(delivery -> delivery.emission() instanceof Sent)
            .map(delivery -> (Sent) delivery.emission())
            .toList();
    }

    @Test
    public void aGratuitousArpAtANewNveRepointsThePeersAndTheOldNveRedirects() throws Exception {
        final var toVm2 = Packet.ethernet(5, VM1_MAC, VM2_MAC);
        final var before = overlay().at(N1, toVm2).sent();
        assertEquals("towards n2's VTEP with VNI 5001", List.of(IpAddress.parse("192.0.2.2")),
            before.stream().map(Sent::tunDst).toList());
        assertEquals(5001, before.getFirst().tunId());
        assertEquals(List.of(5L), deliveries(N1, toVm2).stream().map(Sent::port).toList());

        // the VM's new port at n3 is unknown to the flows: its GARP is punted by the table miss
        assertTrue(overlay().at(N3, Packet.ethernet(7, VM2_MAC, VM1_MAC)).sent().isEmpty());
        punt(N3, 7, ArpFrames.gratuitous(VM2_MAC, VM2_IP, null));

        final var location = service.current().state().location(VM2).orElseThrow();
        assertEquals(N3, location.nve());
        assertEquals(MoveTrigger.GRATUITOUS_ARP, location.learnedFrom());
        final var after = overlay().at(N1, toVm2).sent();
        assertEquals(List.of(IpAddress.parse("2001:db8:ff::3")), after.stream().map(Sent::tunDst).toList());
        assertEquals("delivered on n3's new port", List.of(7L),
            deliveries(N1, toVm2).stream().map(Sent::port).toList());

        // in flight: a packet that still reaches n2 over the overlay goes back out towards n3
        final var inFlight = overlay().at(N2, toVm2.arrivingOverTunnel(TUNNEL, 5001)).sent();
        assertEquals(1, inFlight.size());
        assertEquals("out of the port it came in on", TUNNEL, inFlight.getFirst().port());
        assertEquals(IpAddress.parse("2001:db8:ff::3"), inFlight.getFirst().tunDst());
        assertEquals(5001, inFlight.getFirst().tunId());

        // vm2 reaches vm1 from its new port
        assertEquals(List.of(5L), deliveries(N3, Packet.ethernet(7, VM2_MAC, VM1_MAC)).stream()
            .map(Sent::port).toList());

        final var migration = service.current().state().migration("vm2@1").orElseThrow();
        assertEquals(MigrationState.CONVERGED, migration.state());
        assertEquals(Duration.ofMillis(2), migration.convergence().orElseThrow());
    }

    @Test
    public void aGarpForAVmFromThePortOfAnotherVniChangesNothingAndIsCounted() throws Exception {
        final var stateBefore = service.current().state();
        punt(N1, 6, ArpFrames.gratuitous(VM2_MAC, VM2_IP, null));

        assertEquals(stateBefore, service.current().state());
        assertEquals(1, handler.rejectedAnnouncements(N1));
        assertEquals("published", Map.of(N1, 1L), rejections);
        assertEquals(List.of(5L), deliveries(N1, Packet.ethernet(5, VM1_MAC, VM2_MAC)).stream()
            .map(Sent::port).toList());
    }

    @Test
    public void whatTheHostSendsFromBrIntsLocalPortIsNoAnnouncementAndNotCounted() throws Exception {
        final var stateBefore = service.current().state();
        // the host's own br-int interface announces its address: not a VM, not a spoof
        punt(N1, Ports.LOCAL, ArpFrames.gratuitous(MacAddress.parse("02:00:00:00:00:fe"),
            IpAddress.parse("198.51.100.254"), null));
        punt(N1, Ports.LOCAL, ArpFrames.gratuitous(VM2_MAC, VM2_IP, null));

        assertEquals(stateBefore, service.current().state());
        assertEquals(0, handler.rejectedAnnouncements(N1));
        assertEquals("nothing published", Map.of(), rejections);
        assertEquals("nothing answered", List.of(), sent);
    }

    @Test
    public void aRarpMovesTheVmAndIsAnsweredWithItsIpv4Address() throws Exception {
        punt(N3, 7, RarpFrames.selfAnnouncement(VM2_MAC, null));

        assertEquals(N3, service.current().state().location(VM2).orElseThrow().nve());
        assertEquals(1, sent.size());
        assertEquals(List.of(new org.nvo3.nva.impl.flow.FlowAction.Output(7)), sent.getFirst().actions());
        final var reply = (RarpPacket) FrameParser.parse(sent.getFirst().frame().bytes());
        assertEquals(VM2_IP, reply.targetIp());
    }

    @Test
    public void theRemovalOfTheRedirectFlowEndsTheRedirectWithItsPacketCount() throws Exception {
        punt(N3, 7, ArpFrames.gratuitous(VM2_MAC, VM2_IP, null));
        final var redirect = new Redirect(VM2, N2, service.current().fabric().settings().redirectSeconds());
        final long cookie = FlowCompiler.redirectCookie(states.stateOf(service.current()), redirect).orElseThrow()
            .value();

        handler.flowExpired(new FlowExpiry(new DatapathId(0xa002), N2, PipelineTable.REDIRECT.id(), 100, cookie,
            ExpiryReason.HARD_TIMEOUT, 12, 1200, Duration.ofSeconds(30)));

        final var migration = service.current().state().migration("vm2@1").orElseThrow();
        assertEquals(MigrationState.REDIRECT_EXPIRED, migration.state());
        assertEquals(12, migration.redirectedPackets());
        final var inFlight = overlay().at(N2, Packet.ethernet(5, VM1_MAC, VM2_MAC).arrivingOverTunnel(TUNNEL, 5001));
        assertTrue("no redirect any more", inFlight.sent().isEmpty());
    }
}
