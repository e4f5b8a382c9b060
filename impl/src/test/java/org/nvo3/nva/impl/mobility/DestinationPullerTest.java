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
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FakeOverlay;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.flow.PullDemands;

/**
 * Destination-distribution on-demand end to end on a fake overlay: a packet to a remote VM misses and is
 * punted, the pull installs the NVE's flow and sends the punted packet on once the barrier is back, the flow
 * follows the VM when it moves, and after the switch reports it idle the next packet misses again.
 */
public class DestinationPullerTest {
    private static final long TUNNEL = 1;
    private static final long METER = 1;
    private static final int IDLE = 60;
    private static final MacAddress VM1_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress VM2_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final Vni BLUE = new Vni(5001);
    private static final Map<NveId, NvePorts> PORTS = MobilityFabric.ports();
    private static final Packet VM1_TO_VM2 = Packet.ethernet(5, VM1_MAC, VM2_MAC);

    /** Knows the ports above; every re-sync waits for the test to hand out the barrier replies. */
    private static final class HeldNves implements NveProgramming {
        final List<NveId> resyncs = new ArrayList<>();
        final List<CompletableFuture<Instant>> pending = new ArrayList<>();

        @Override
        public CompletableFuture<Instant> resync(final NveId nve) {
            resyncs.add(nve);
            final var barrier = new CompletableFuture<Instant>();
            pending.add(barrier);
            return barrier;
        }

        @Override
        public Optional<PortName> portName(final NveId nve, final long ofport) {
            return MobilityFabric.portName(nve, ofport);
        }

        @Override
        public void useFlowSource(final DesiredFlowSource source) {
            // the test compiles itself
        }

        void barriersBack() {
            final var replies = List.copyOf(pending);
            pending.clear();
            replies.forEach(reply -> reply.complete(T0.plusMillis(1)));
        }
    }

    private final HeldNves nves = new HeldNves();
    private final List<PacketOut> sent = new ArrayList<>();
    private final Map<NveId, Long> published = new HashMap<>();
    private MobilityService service;
    private ForwardingStates states;
    private MobilityFlowSource source;
    private DestinationPuller puller;

    @Before
    public void start() {
        start(DestinationDistribution.ON_DEMAND);
    }

    private void start(final DestinationDistribution distribution) {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var wired = MobilityFabric.wire(clock, nves);
        service = wired.service();
        states = wired.states();
        source = wired.source();
        final PacketSender sender = new PacketSender() {
            @Override
            public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
                throw new AssertionError("sent by datapath id: " + packet);
            }

            @Override
            public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
                assertEquals(N1, nve);
                sent.add(packet);
                return CompletableFuture.completedFuture(null);
            }
        };
        puller = new DestinationPuller(service, states, sender, published::put);
        service.fabricChanged(fabric(FabricSettings.DEFAULT.withDistribution(distribution, IDLE)));
        PORTS.forEach((nve, ports) -> source.desired(nve, ports, METER));
        nves.barriersBack();
        nves.resyncs.clear();
    }

    private FakeOverlay overlay() {
        return new FakeOverlay(states.stateOf(service.current()), METER);
    }

    private static byte[] frame(final MacAddress dst, final MacAddress src) {
        final byte[] frame = new byte[60];
        System.arraycopy(dst.toBytes(), 0, frame, 0, 6);
        System.arraycopy(src.toBytes(), 0, frame, 6, 6);
        frame[12] = 0x08;
        return frame;
    }

    private static PacketIn miss(final long inPort, final byte[] frame, final long tunId) {
        return new PacketIn(new DatapathId(0xa001), N1, PipelineTable.L2_DESTINATION.id(), inPort, 0,
            PuntReason.TABLE_MISS, Frame.of(frame), tunId);
    }

    @Test
    public void aRemoteVmIsPulledOnAMissFollowedWhenItMovesAndForgottenWhenIdle() {
        assertEquals("no flow for vm2 at n1 yet: to the NVA",
            List.of(new Punted(PipelineTable.L2_DESTINATION, METER)), overlay().at(N1, VM1_TO_VM2).punted());

        final var frame = frame(VM2_MAC, VM1_MAC);
        puller.packetIn(miss(5, frame, BLUE.value()));
        assertEquals(List.of(N1), nves.resyncs);
        assertEquals("the punted packet waits for the barrier", List.of(), sent);
        assertEquals(PullDemands.NONE.with(N1, VM2), service.current().state().demands());

        nves.barriersBack();
        assertEquals("sent on towards vm2's VTEP in its VNI", List.of(PacketOut.toTunnel(TUNNEL,
            IpAddress.parse("192.0.2.2"), BLUE, Frame.of(frame))), sent);
        final var pulled = overlay().at(N1, VM1_TO_VM2);
        assertEquals(pulled.toString(), 1, pulled.sent().size());
        final var out = pulled.sent().getFirst();
        assertEquals(TUNNEL, out.port());
        assertEquals(BLUE.value(), out.tunId());
        assertEquals(IpAddress.parse("192.0.2.2"), out.tunDst());
        final var flow = pulled.path().getLast();
        assertEquals(IDLE, flow.idleTimeout());
        assertTrue(flow.notifyOnRemoval());
        final var deliveries = overlay().send(N1, VM1_TO_VM2);
        assertEquals(deliveries.toString(), 1, deliveries.size());
        assertEquals(N2, deliveries.getFirst().nve());
        assertTrue("delivered on vm2's port at n2: " + deliveries,
            deliveries.getFirst().emission() instanceof Sent delivered && delivered.port() == 5);

        // vm2 moves to n3: n1, which demanded it, is re-pointed
        service.moveRequested(garp(VM2, N3, "vm2-new", T0));
        assertTrue("n1 demanded vm2: " + nves.resyncs, nves.resyncs.containsAll(List.of(N1, N2, N3)));
        nves.barriersBack();
        assertEquals(List.of(IpAddress.parse("2001:db8:ff::3")),
            overlay().at(N1, VM1_TO_VM2).sent().stream().map(Sent::tunDst).toList());

        // a flow deleted (not idle) keeps the demand; idle ends it and the next packet misses again
        final var dpid = new DatapathId(0xa001);
        puller.flowExpired(new FlowExpiry(dpid, N1, flow.table().id(), flow.priority(), flow.cookie().value(),
            ExpiryReason.DELETE, 0, 0, Duration.ZERO));
        assertEquals(PullDemands.NONE.with(N1, VM2), service.current().state().demands());
        puller.flowExpired(new FlowExpiry(dpid, N1, flow.table().id(), flow.priority(), flow.cookie().value(),
            ExpiryReason.IDLE_TIMEOUT, 3, 180, Duration.ofSeconds(IDLE)));
        assertEquals(PullDemands.NONE, service.current().state().demands());
        assertEquals(List.of(new Punted(PipelineTable.L2_DESTINATION, METER)),
            overlay().at(N1, VM1_TO_VM2).punted());
    }

    @Test
    public void anUnknownDestinationIsDroppedAndCounted() {
        puller.packetIn(miss(5, frame(MacAddress.parse("02:00:00:00:00:99"), VM1_MAC), BLUE.value()));
        // vm4 is in the directory but placed nowhere
        puller.packetIn(miss(5, frame(MacAddress.parse("02:00:00:00:00:04"), VM1_MAC), BLUE.value()));
        // vm2's MAC in another VNI is nobody
        puller.packetIn(miss(6, frame(VM2_MAC, VM1_MAC), 5002));
        assertEquals(3, puller.unknownDestinations(N1));
        assertEquals(Map.of(N1, 3L), published);
        assertEquals(List.of(), nves.resyncs);
        assertEquals(List.of(), sent);
        assertEquals(PullDemands.NONE, service.current().state().demands());
    }

    @Test
    public void broadcastOverlayAndOtherPuntsNeverPull() {
        puller.packetIn(miss(5, frame(MacAddress.parse("ff:ff:ff:ff:ff:ff"), VM1_MAC), BLUE.value()));
        puller.packetIn(miss(5, frame(MacAddress.parse("33:33:00:00:00:01"), VM1_MAC), BLUE.value()));
        puller.packetIn(miss(TUNNEL, frame(VM2_MAC, VM1_MAC), BLUE.value()));
        puller.packetIn(new PacketIn(new DatapathId(0xa001), N1, PipelineTable.CLASSIFY.id(), 5, 0,
            PuntReason.TABLE_MISS, Frame.of(frame(VM2_MAC, VM1_MAC)), (long) BLUE.value()));
        puller.packetIn(new PacketIn(new DatapathId(0xa001), N1, PipelineTable.L2_DESTINATION.id(), 5, 0,
            PuntReason.TABLE_MISS, Frame.of(frame(VM2_MAC, VM1_MAC))));
        assertEquals(List.of(), nves.resyncs);
        assertEquals(0, puller.unknownDestinations(N1));
        assertEquals(PullDemands.NONE, service.current().state().demands());
    }

    @Test
    public void aFailedSyncDropsThePuntedPacket() {
        puller.packetIn(miss(5, frame(VM2_MAC, VM1_MAC), BLUE.value()));
        nves.pending.getFirst().completeExceptionally(new IllegalStateException("n1 disconnected"));
        assertEquals(List.of(), sent);
    }

    @Test
    public void demandsOfAVmThatLeavesTheFabricGo() {
        puller.packetIn(miss(5, frame(VM2_MAC, VM1_MAC), BLUE.value()));
        assertEquals(PullDemands.NONE.with(N1, VM2), service.current().state().demands());
        final var before = service.current().fabric();
        final var vms = new HashMap<>(before.vms());
        vms.remove(VM2);
        service.fabricChanged(new FabricSnapshot(before.settings(), before.nves(), before.networks(), vms));
        assertEquals(PullDemands.NONE, service.current().state().demands());
    }

    @Test
    public void withPushAMissForAKnownRemoteVmIsRepairedButNotDemanded() {
        nves.pending.clear();
        sent.clear();
        start(DestinationDistribution.PUSH);
        assertEquals("push: n1 has vm2 already", Set.of(IpAddress.parse("192.0.2.2")),
            Set.copyOf(overlay().at(N1, VM1_TO_VM2).sent().stream().map(Sent::tunDst).toList()));
        puller.packetIn(miss(5, frame(VM2_MAC, VM1_MAC), BLUE.value()));
        nves.barriersBack();
        assertEquals(List.of(N1), nves.resyncs);
        assertEquals(1, sent.size());
        assertEquals(PullDemands.NONE, service.current().state().demands());
    }
}
