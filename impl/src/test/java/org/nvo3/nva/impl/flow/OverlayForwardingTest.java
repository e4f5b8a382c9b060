/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.flow.TestFabric.TUNNEL_OFPORT;
import static org.nvo3.nva.impl.flow.TestFabric.learned;
import static org.nvo3.nva.impl.flow.TestFabric.network;
import static org.nvo3.nva.impl.flow.TestFabric.nve;
import static org.nvo3.nva.impl.flow.TestFabric.ports;
import static org.nvo3.nva.impl.flow.TestFabric.snapshot;
import static org.nvo3.nva.impl.flow.TestFabric.vm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.FakeOverlay.Delivery;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * What the compiled flows do to packets, on {@link FakePipeline} switches joined by {@link FakeOverlay}:
 * forwarding in a VNI, a move with its redirect, tenant isolation, and address resolution going to the NVA.
 */
public class OverlayForwardingTest {
    private static final long METER = 7;
    private static final Nve NVE1 = nve(1, "192.0.2.1");
    private static final Nve NVE2 = nve(2, "192.0.2.2");
    private static final Nve NVE3 = nve(3, "192.0.2.3");
    private static final int BLUE = 5001;
    private static final int RED = 5002;
    private static final int ROUTED = 5003;
    private static final Vm VM1 = vm("vm1", BLUE, "02:00:00:00:00:01", "198.51.100.1", NVE1, "tap1");
    private static final Vm VM2 = vm("vm2", BLUE, "02:00:00:00:00:02", "198.51.100.2", NVE2, "tap2");
    private static final Vm VM5 = vm("vm5", BLUE, "02:00:00:00:00:05", "198.51.100.5", NVE1, "tap5");
    /** RED's VMs reuse BLUE's MACs and addresses. */
    private static final Vm RED1 = vm("red1", RED, "02:00:00:00:00:01", "198.51.100.1", NVE1, "tap3");
    private static final Vm RED2 = vm("red2", RED, "02:00:00:00:00:02", "198.51.100.2", NVE2, "tap4");
    private static final Vm ROUTED1 = vm("routed1", ROUTED, "02:00:00:00:00:31", "198.51.100.31", NVE1, "tap6");
    private static final Map<NveId, NvePorts> PORTS = Map.of(
        NVE1.id(), ports("tap1", 11L, "tap3", 13L, "tap5", 15L, "tap6", 16L),
        NVE2.id(), ports("tap2", 12L, "tap4", 14L),
        NVE3.id(), ports("tap9", 19L));

    @Test
    public void beforeTheMoveVm1ReachesVm2AtNve2() {
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        final var packet = Packet.ethernet(11, VM1.mac(), VM2.mac());

        final var atNve1 = overlay.at(NVE1.id(), packet).sent();
        assertEquals(1, atNve1.size());
        assertEquals(TUNNEL_OFPORT, atNve1.getFirst().port());
        assertEquals(BLUE, atNve1.getFirst().tunId());
        assertEquals(NVE2.underlayIp(), atNve1.getFirst().tunDst());

        assertEquals(List.of(vmPort(NVE2, 12, BLUE)), endpoints(overlay.send(NVE1.id(), packet)));
    }

    @Test
    public void afterVm2IsLearnedAtNve3PacketsGoThereAndInFlightOnesAreRedirected() {
        final var moved = Map.of(VM2.id(), learned(VM2, NVE3, "tap9", 1));
        final var redirect = new Redirect(VM2.id(), NVE2.id(), 30);
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, moved, Set.of(redirect)), METER);

        final var fromVm1 = Packet.ethernet(11, VM1.mac(), VM2.mac());
        final var atNve1 = overlay.at(NVE1.id(), fromVm1).sent();
        assertEquals(1, atNve1.size());
        assertEquals(NVE3.underlayIp(), atNve1.getFirst().tunDst());
        assertEquals(List.of(vmPort(NVE3, 19, BLUE)), endpoints(overlay.send(NVE1.id(), fromVm1)));

        // a sender that still believes vm2 is at NVE2
        final var inFlight = fromVm1.arrivingOverTunnel(TUNNEL_OFPORT, BLUE);
        final var atNve2 = overlay.at(NVE2.id(), inFlight);
        assertEquals(1, atNve2.sent().size());
        final var redirected = atNve2.sent().getFirst();
        assertEquals(TUNNEL_OFPORT, redirected.port());
        assertEquals(BLUE, redirected.tunId());
        assertEquals(NVE3.underlayIp(), redirected.tunDst());
        final var redirectFlow = atNve2.path().get(1);
        assertEquals(PipelineTable.REDIRECT, redirectFlow.table());
        assertEquals(30, redirectFlow.hardTimeout());
        assertTrue(redirectFlow.notifyOnRemoval());
        assertEquals(List.of(vmPort(NVE3, 19, BLUE)), endpoints(overlay.send(NVE2.id(), inFlight)));
    }

    @Test
    public void withoutTheRedirectTheOldNveDropsInFlightPacketsInsteadOfBouncingThem() {
        final var moved = Map.of(VM2.id(), learned(VM2, NVE3, "tap9", 1));
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, moved, Set.of()), METER);
        final var inFlight = Packet.ethernet(11, VM1.mac(), VM2.mac()).arrivingOverTunnel(TUNNEL_OFPORT, BLUE);
        // NVE2 no longer hosts BLUE: the tunnel packet is not admitted, the NVA sees it
        assertEquals(List.of(new Punted(PipelineTable.CLASSIFY, METER)), overlay.at(NVE2.id(), inFlight).emissions());

        // with another BLUE VM still on NVE2 the packet is admitted, and split horizon drops it
        final var vm6 = vm("vm6", BLUE, "02:00:00:00:00:06", "198.51.100.6", NVE2, "tap2");
        final var fabric = fabric(UnknownDestination.PULL, List.of(VM1, VM2, VM5, RED1, RED2, ROUTED1, vm6));
        final var stillHosting = new FakeOverlay(new ForwardingState(fabric, moved, PORTS, Set.of()), METER);
        final var outcome = stillHosting.at(NVE2.id(), inFlight);
        assertTrue(outcome.emissions().toString(), outcome.dropped());
        assertEquals(PipelineTable.L2_DESTINATION, outcome.path().getLast().table());
    }

    @Test
    public void aRedirectChainFollowsTheVmToItsCurrentNve() {
        final var redirects = Set.of(new Redirect(VM2.id(), NVE2.id(), 30), new Redirect(VM2.id(), NVE3.id(), 30));
        final var atNve1 = Map.of(VM2.id(), learned(VM2, NVE1, "tap7", 2));
        final var connected = new HashMap<>(PORTS);
        connected.put(NVE1.id(), ports("tap1", 11L, "tap3", 13L, "tap5", 15L, "tap6", 16L, "tap7", 17L));
        final var overlay = new FakeOverlay(new ForwardingState(fabric(UnknownDestination.PULL), atNve1, connected,
            redirects), METER);
        final var stale = Packet.ethernet(12, VM5.mac(), VM2.mac()).arrivingOverTunnel(TUNNEL_OFPORT, BLUE);
        assertEquals(List.of(vmPort(NVE1, 17, BLUE)), endpoints(overlay.send(NVE2.id(), stale)));
        assertEquals(List.of(vmPort(NVE1, 17, BLUE)), endpoints(overlay.send(NVE3.id(), stale)));
    }

    @Test
    public void nothingCrossesVnisEvenWithOverlappingMacsAndAddresses() {
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        assertEquals(List.of(vmPort(NVE2, 12, BLUE)),
            endpoints(overlay.send(NVE1.id(), Packet.ethernet(11, VM1.mac(), VM2.mac()))));
        assertEquals(List.of(vmPort(NVE2, 14, RED)),
            endpoints(overlay.send(NVE1.id(), Packet.ethernet(13, RED1.mac(), RED2.mac()))));
        // BLUE's vm1 MAC from RED's port is RED's red1
        assertEquals(List.of(vmPort(NVE2, 14, RED)),
            endpoints(overlay.send(NVE1.id(), Packet.ethernet(13, VM1.mac(), VM2.mac()))));
        // a RED packet arriving over the overlay is delivered in RED only
        final var redFromTunnel = Packet.ethernet(99, RED2.mac(), RED1.mac()).arrivingOverTunnel(TUNNEL_OFPORT, RED);
        assertEquals(List.of(vmPort(NVE1, 13, RED)), endpoints(overlay.send(NVE1.id(), redFromTunnel)));
        // an ARP in RED for an address BLUE also has is punted with its VNI, never answered across
        final var arp = overlay.at(NVE1.id(), Packet.arpRequest(13, RED1.mac(), RED1.ips().iterator().next(),
            VM2.ips().iterator().next()));
        assertEquals(List.of(new Punted(PipelineTable.ARP_ND_RESPONDER, METER)), arp.emissions());
        assertEquals(new TunnelId(RED), arp.path().get(1).match().get(MatchField.TUNNEL_ID));
    }

    @Test
    public void addressResolutionAndAnnouncementsArePuntedNeverFlooded() {
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        final var vm1Ip = VM1.ips().iterator().next();
        final var packets = List.of(
            Packet.arpRequest(11, VM1.mac(), vm1Ip, VM2.ips().iterator().next()),
            Packet.arpRequest(11, VM1.mac(), vm1Ip, vm1Ip),
            Packet.rarp(11, VM1.mac()),
            Packet.neighbourDiscovery(11, VM1.mac(), Icmpv6Type.NEIGHBOR_SOLICITATION, IpAddress.parse("2001:db8::2")),
            Packet.neighbourDiscovery(11, VM1.mac(), Icmpv6Type.NEIGHBOR_ADVERTISEMENT,
                IpAddress.parse("2001:db8::1")));
        for (var packet : packets) {
            assertEquals(packet.toString(), List.of(new Delivery(NVE1.id(), new Punted(PipelineTable.ARP_ND_RESPONDER,
                METER))), overlay.send(NVE1.id(), packet));
        }
    }

    @Test
    public void aVmOnAnUnknownPortOrWithAnotherMacReachesOnlyTheNva() {
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        // vm2's GARP from a port NVE1 does not know it on: the NVA learns the move from it
        assertEquals(List.of(new Punted(PipelineTable.CLASSIFY, METER)), overlay.at(NVE1.id(),
            Packet.arpRequest(15, VM2.mac(), VM2.ips().iterator().next(), VM2.ips().iterator().next())).emissions());
        // vm1's port sending with vm2's MAC
        assertEquals(List.of(new Punted(PipelineTable.CLASSIFY, METER)), overlay.at(NVE1.id(),
            Packet.ethernet(11, VM2.mac(), VM1.mac())).emissions());
        // a VNI NVE1 does not host arriving over the overlay
        assertEquals(List.of(new Punted(PipelineTable.CLASSIFY, METER)), overlay.at(NVE1.id(),
            Packet.ethernet(99, VM2.mac(), VM1.mac()).arrivingOverTunnel(TUNNEL_OFPORT, 6000)).emissions());
    }

    @Test
    public void localVmsAreReachedWithoutTheOverlay() {
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        final var outcome = overlay.at(NVE1.id(), Packet.ethernet(11, VM1.mac(), VM5.mac()));
        assertEquals(1, outcome.sent().size());
        assertEquals(15, outcome.sent().getFirst().port());
        assertEquals(null, outcome.sent().getFirst().tunDst());
    }

    @Test
    public void unknownDestinationsArePulledOrDropped() {
        final var unknown = Packet.ethernet(11, VM1.mac(), MacAddress.parse("02:00:00:00:00:99"));
        final var pull = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        assertEquals(List.of(new Punted(PipelineTable.L2_DESTINATION, METER)), pull.at(NVE1.id(), unknown).emissions());
        final var drop = new FakeOverlay(state(UnknownDestination.DROP, Map.of(), Set.of()), METER);
        assertTrue(drop.at(NVE1.id(), unknown).dropped());
    }

    @Test
    public void anL3NetworksVmOnlyReachesTheNvaForNow() {
        final var overlay = new FakeOverlay(state(UnknownDestination.PULL, Map.of(), Set.of()), METER);
        assertEquals(List.of(new Punted(PipelineTable.CLASSIFY, METER)), overlay.at(NVE1.id(),
            Packet.ethernet(16, ROUTED1.mac(), VM1.mac())).emissions());
    }

    @Test
    public void anIpv6UnderlayCarriesTheSameOverlay() {
        final var nve1 = nve(1, "2001:db8::1");
        final var nve2 = nve(2, "2001:db8::2");
        final var vm1 = vm("vm1", BLUE, "02:00:00:00:00:01", "198.51.100.1", nve1, "tap1");
        final var vm2 = vm("vm2", BLUE, "02:00:00:00:00:02", "198.51.100.2", nve2, "tap2");
        final var fabric = snapshot(List.of(nve1, nve2), List.of(network(BLUE, OverlayMode.L2)), List.of(vm1, vm2));
        final var overlay = new FakeOverlay(ForwardingState.ofIntent(fabric, Map.of(nve1.id(), ports("tap1", 11L),
            nve2.id(), ports("tap2", 12L))), null);
        final var packet = Packet.ethernet(11, vm1.mac(), vm2.mac());
        assertEquals(IpAddress.parse("2001:db8::2"), overlay.at(nve1.id(), packet).sent().getFirst().tunDst());
        assertEquals(List.of(vmPort(nve2, 12, BLUE)), endpoints(overlay.send(nve1.id(), packet)));
    }

    /** A packet leaving a VM port: the NVE, the port and the VNI it was forwarded in. */
    private record VmPort(NveId nve, long port, long vni) {
    }

    private static VmPort vmPort(final Nve nve, final long port, final long vni) {
        return new VmPort(nve.id(), port, vni);
    }

    private static List<Object> endpoints(final List<Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.emission() instanceof Sent sent
            ? new VmPort(delivery.nve(), sent.port(), sent.tunId()) : delivery).map(Object.class::cast).toList();
    }

    private static ForwardingState state(final UnknownDestination unknown,
            final Map<VmId, VmLocation> learned, final Set<Redirect> redirects) {
        return new ForwardingState(fabric(unknown), learned, PORTS, redirects);
    }

    private static FabricSnapshot fabric(final UnknownDestination unknown) {
        return fabric(unknown, List.of(VM1, VM2, VM5, RED1, RED2, ROUTED1));
    }

    private static FabricSnapshot fabric(final UnknownDestination unknown, final List<Vm> vms) {
        return snapshot(new FabricSettings(30, 5, 180, unknown, false), List.of(NVE1, NVE2, NVE3),
            List.of(network(BLUE, OverlayMode.L2), network(RED, OverlayMode.L2), network(ROUTED, OverlayMode.L3)),
            vms);
    }
}
