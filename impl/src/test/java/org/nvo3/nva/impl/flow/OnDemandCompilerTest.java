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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * Destination-distribution on-demand in the compiler and in the affected NVEs: local VMs proactively,
 * remote VMs only when demanded and then with an idle timeout and a removal notice; a move touches the VM's
 * NVEs and its demanders, not every NVE hosting its VNI.
 */
public class OnDemandCompilerTest {
    private static final long METER = 7;
    private static final int IDLE = 45;
    private static final Nve NVE1 = nve(1, "192.0.2.1");
    private static final Nve NVE2 = nve(2, "192.0.2.2");
    private static final Nve NVE3 = nve(3, "2001:db8::3");
    private static final Nve NVE4 = nve(4, "192.0.2.4");
    private static final int BLUE = 5001;
    private static final Vm VM1 = vm("vm1", BLUE, "02:00:00:00:00:01", "198.51.100.1", NVE1, "tap1");
    private static final Vm VM2 = vm("vm2", BLUE, "02:00:00:00:00:02", "198.51.100.2", NVE2, "tap2");
    private static final Vm VM3 = vm("vm3", BLUE, "02:00:00:00:00:03", "198.51.100.3", NVE3, "tap3");
    private static final Map<NveId, NvePorts> PORTS = Map.of(NVE1.id(), ports("tap1", 11L),
        NVE2.id(), ports("tap2", 12L), NVE3.id(), ports("tap3", 13L), NVE4.id(), ports("tap7", 17L));
    private static final FabricSnapshot ON_DEMAND = fabric(DestinationDistribution.ON_DEMAND);

    @Test
    public void anNveGetsItsLocalDestinationsButNoRemoteOneUntilItAsks() {
        final var flows = destinations(state(PullDemands.NONE, Map.of()), NVE1);
        assertEquals(List.of(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, match(VM1), List.of(new Output(11)),
            null)), flows);
        // the miss still goes to the NVA: that is how the NVE asks
        final var all = ReferenceCompiler.compile(state(PullDemands.NONE, Map.of()), NVE1.id(), METER);
        assertTrue(all.contains(PipelineTable.L2_DESTINATION.missEntry(UnknownDestination.PULL, METER)));
    }

    @Test
    public void aDemandedRemoteVmGetsAnIdleTimedFlowThatReportsItsRemoval() {
        final var demands = PullDemands.NONE.with(NVE1.id(), VM2.id());
        final var flows = destinations(state(demands, Map.of()), NVE1);
        final var pulled = new FlowEntry(PipelineTable.L2_DESTINATION, 100, match(VM2),
            List.of(new SetTunnelDst(NVE2.underlayIp()), new Output(TUNNEL_OFPORT)), null, null, IDLE, 0, true);
        assertEquals(List.of(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, match(VM1), List.of(new Output(11)),
            null), pulled), flows);
        // NVE3 did not ask: it has only its own VM
        assertEquals(1, destinations(state(demands, Map.of()), NVE3).size());
        // the removed flow's cookie names the demand
        assertEquals(pulled.cookie(), OnDemandDestinations.cookie(VM2));
        assertEquals(Optional.of(VM2.id()), OnDemandDestinations.demandOf(state(demands, Map.of()), NVE1.id(),
            PipelineTable.L2_DESTINATION.id(), pulled.cookie().value()));
        assertEquals(Optional.empty(), OnDemandDestinations.demandOf(state(demands, Map.of()), NVE3.id(),
            PipelineTable.L2_DESTINATION.id(), pulled.cookie().value()));
        assertEquals(Optional.empty(), OnDemandDestinations.demandOf(state(demands, Map.of()), NVE1.id(),
            PipelineTable.REDIRECT.id(), pulled.cookie().value()));
    }

    @Test
    public void aDemandedVmThatMovesIsRePointedAndKeepsItsTimeout() {
        final var demands = PullDemands.NONE.with(NVE1.id(), VM2.id());
        final var moved = state(demands, Map.of(VM2.id(), learned(VM2, NVE4, "tap7", 1)));
        assertEquals(List.of(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, match(VM1), List.of(new Output(11)),
            null), new FlowEntry(PipelineTable.L2_DESTINATION, 100, match(VM2),
                List.of(new SetTunnelDst(NVE4.underlayIp()), new Output(TUNNEL_OFPORT)), null, null, IDLE, 0, true)),
            destinations(moved, NVE1));
        // at NVE4 the VM is local now: a permanent flow to its port
        assertEquals(List.of(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, match(VM2), List.of(new Output(17)),
            null)), destinations(moved, NVE4));
    }

    @Test
    public void pushGivesEveryRemoteVmWithoutTimeoutWhateverTheDemands() {
        final var push = new ForwardingState(fabric(DestinationDistribution.PUSH), Map.of(), PORTS, Set.of(),
            PullDemands.NONE.with(NVE1.id(), VM2.id()));
        final var flows = destinations(push, NVE1);
        assertEquals(3, flows.size());
        flows.forEach(flow -> assertEquals(flow.toString(), 0, flow.idleTimeout()));
        flows.forEach(flow -> assertEquals(flow.toString(), false, flow.notifyOnRemoval()));
    }

    @Test
    public void aMoveAffectsTheVmsNvesAndItsDemandersOnly() {
        final var demands = PullDemands.NONE.with(NVE1.id(), VM2.id());
        final var before = state(demands, Map.of());
        final var moved = state(demands, Map.of(VM2.id(), learned(VM2, NVE4, "tap7", 1)));
        // NVE3 hosts BLUE (vm3) but never asked for vm2: untouched
        assertEquals(Set.of(NVE1.id(), NVE2.id(), NVE4.id()), ReferenceCompiler.affectedNves(before, moved));
        // the same move with push touches every host of BLUE
        final var pushBefore = new ForwardingState(fabric(DestinationDistribution.PUSH), Map.of(), PORTS, Set.of(),
            demands);
        final var pushMoved = new ForwardingState(pushBefore.fabric(), moved.learned(), PORTS, Set.of(), demands);
        assertEquals(Set.of(NVE1.id(), NVE2.id(), NVE3.id(), NVE4.id()),
            ReferenceCompiler.affectedNves(pushBefore, pushMoved));
    }

    @Test
    public void aDemandComingOrGoingAffectsTheDemandingNveOnly() {
        final var none = state(PullDemands.NONE, Map.of());
        final var asked = state(PullDemands.NONE.with(NVE3.id(), VM1.id()), Map.of());
        assertEquals(Set.of(NVE3.id()), ReferenceCompiler.affectedNves(none, asked));
        assertEquals(Set.of(NVE3.id()), ReferenceCompiler.affectedNves(asked, none));
        // with push the demands change no flow
        final var push = fabric(DestinationDistribution.PUSH);
        assertEquals(Set.of(), ReferenceCompiler.affectedNves(new ForwardingState(push, Map.of(), PORTS, Set.of()),
            new ForwardingState(push, Map.of(), PORTS, Set.of(), asked.demands())));
    }

    @Test
    public void aMoveAffectsTheOldNveOfARedirectOfTheVm() {
        final var redirect = Set.of(new Redirect(VM2.id(), NVE3.id(), 30));
        final var before = new ForwardingState(ON_DEMAND, Map.of(), PORTS, redirect, PullDemands.NONE);
        final var moved = new ForwardingState(ON_DEMAND, Map.of(VM2.id(), learned(VM2, NVE4, "tap7", 1)), PORTS,
            redirect, PullDemands.NONE);
        assertEquals(Set.of(NVE2.id(), NVE3.id(), NVE4.id()), ReferenceCompiler.affectedNves(before, moved));
    }

    @Test
    public void changingTheDistributionOrTheIdleTimeoutAffectsEveryNve() {
        final var all = Set.of(NVE1.id(), NVE2.id(), NVE3.id(), NVE4.id());
        final var onDemand = state(PullDemands.NONE, Map.of());
        assertEquals(all, ReferenceCompiler.affectedNves(onDemand,
            ForwardingState.ofIntent(fabric(DestinationDistribution.PUSH), PORTS)));
        final var longer = snapshot(FabricSettings.DEFAULT.withDistribution(DestinationDistribution.ON_DEMAND, 600),
            ON_DEMAND.nves().values(), ON_DEMAND.networks().values(), ON_DEMAND.vms().values());
        assertEquals(all, ReferenceCompiler.affectedNves(onDemand, ForwardingState.ofIntent(longer, PORTS)));
    }

    @Test
    public void demandsOfVmsAndNvesThatLeftTheFabricGo() {
        final var demands = PullDemands.NONE.with(NVE1.id(), VM2.id()).with(NVE1.id(), new VmId("gone"))
            .with(new NveId("nve9"), VM1.id());
        assertEquals(PullDemands.NONE.with(NVE1.id(), VM2.id()), demands.retainedIn(ON_DEMAND));
        assertEquals(Set.of(NVE1.id()), demands.demandersOf(VM2.id()));
        assertEquals(PullDemands.NONE, demands.without(NVE1.id(), VM2.id()).without(NVE1.id(), new VmId("gone"))
            .without(new NveId("nve9"), VM1.id()));
    }

    private static List<FlowEntry> destinations(final ForwardingState state, final Nve nve) {
        return ReferenceCompiler.compile(state, nve.id(), METER).stream()
            .filter(flow -> flow.table() == PipelineTable.L2_DESTINATION && !flow.match().isEmpty()).toList();
    }

    private static FlowMatch match(final Vm vm) {
        return FlowMatch.of(TunnelId.of(new Vni(BLUE)), new EthDst(vm.mac()));
    }

    private static ForwardingState state(final PullDemands demands, final Map<VmId, VmLocation> learned) {
        return new ForwardingState(ON_DEMAND, learned, PORTS, Set.of(), demands);
    }

    private static FabricSnapshot fabric(final DestinationDistribution distribution) {
        return snapshot(FabricSettings.DEFAULT.withDistribution(distribution, IDLE), List.of(NVE1, NVE2, NVE3, NVE4),
            List.of(network(BLUE, OverlayMode.L2)), List.of(VM1, VM2, VM3));
    }
}
