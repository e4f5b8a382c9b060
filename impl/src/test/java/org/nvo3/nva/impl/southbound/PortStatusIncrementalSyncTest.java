/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.FlowScope;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ReferenceCompiler;
import org.nvo3.nva.impl.flow.ScopedFlows;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPortReason;

/**
 * Port-status is incremental, through the whole southbound with an emulated switch: n1 of the standard fabric
 * (vm-a on tap-a) has vm-b learned on its port tap-b, which the switch does not have yet. When tap-b is added,
 * the southbound re-compiles only vm-b's scope (the flow source's port-change scopes) and sends only vm-b's
 * flow-mods, without a flow-stats request (a full synchronisation would read the switch's flows); when tap-a
 * goes, only vm-a's scope. A port no VM is placed on sends no flow-mod at all. The switch then holds exactly the
 * desired flows.
 */
public class PortStatusIncrementalSyncTest extends AbstractSouthboundComponentTest {
    private static final NveId N1 = new NveId("n1");
    private static final VmId VM_A = new VmId("vm-a");
    private static final VmId VM_B = new VmId("vm-b");
    private static final SwitchPort VXLAN0 = new SwitchPort(1, "vxlan0", MacAddress.parse("02:00:00:00:01:01"));
    private static final SwitchPort TAP_A = new SwitchPort(2, "tap-a", MacAddress.parse("02:00:00:00:01:02"));
    private static final SwitchPort TAP_B = new SwitchPort(3, "tap-b", MacAddress.parse("02:00:00:00:01:03"));
    private static final SwitchPort TAP_Z = new SwitchPort(9, "tap-z", MacAddress.parse("02:00:00:00:01:09"));
    private static final Map<VmId, VmLocation> LEARNED = Map.of(VM_B, new VmLocation(VM_B, N1,
        new PortName("tap-b"), 1, MoveTrigger.GRATUITOUS_ARP, Instant.EPOCH, false));

    /** The scopes the southbound asked the flow source for, in order. */
    private final List<NveScopes> compiled = Collections.synchronizedList(new ArrayList<>());
    /** The port-change scopes the flow source answered, in order. */
    private final List<NveScopes> portChanges = Collections.synchronizedList(new ArrayList<>());

    @Before
    public void useLearnedLocations() {
        southbound.useFlowSource(new DesiredFlowSource() {
            @Override
            public ScopedFlows desired(final NveId nve, final NvePorts ports, final @Nullable Long meter,
                    final NveScopes scopes) {
                compiled.add(scopes);
                return FlowCompiler.compileScopes(state(nve, ports), nve, meter, scopes);
            }

            @Override
            public NveScopes portChangeScopes(final NveId nve, final NvePorts before, final NvePorts after) {
                final var scopes = FlowCompiler.portChangeScopes(state(nve, after), nve, before, after);
                portChanges.add(scopes);
                return scopes;
            }
        });
    }

    @Test
    public void aVmPortAddedOrDeletedSyncsOnlyThatVmsFlowsWithoutReadingTheSwitch() throws Exception {
        try (var n1 = connectSynced(List.of(VXLAN0, TAP_A))) {
            final int statsRequests = flowStatsRequests(n1);
            final int flowMods = n1.flowModsTotal();
            final var before = desired(List.of(VXLAN0, TAP_A));
            final var after = desired(List.of(VXLAN0, TAP_A, TAP_B));
            final var change = FlowDiff.between(after, before);
            assertTrue("vm-b's flows at n1 depend on tap-b", change.size() > 0);
            compiled.clear();
            portChanges.clear();

            final var synced = row("n1").orElseThrow().getLastSync();
            n1.injectPortStatus(OFPortReason.ADD, TAP_B);
            awaitHolding(n1, after, synced);

            assertEquals("no flow-stats request: not a full sync", statsRequests, flowStatsRequests(n1));
            assertEquals("only vm-b's flow-mods", change.size(), n1.flowModsTotal() - flowMods);
            final var vmB = NveScopes.of(Set.of(new FlowScope.OfVm(VM_B)));
            assertEquals(List.of(vmB), portChanges);
            assertEquals("only vm-b's scope re-compiled", List.of(vmB), compiled);

            // tap-a goes: vm-a's scope only, still without reading the switch
            final int flowModsBefore = n1.flowModsTotal();
            final var withoutTapA = desired(List.of(VXLAN0, TAP_B));
            compiled.clear();
            portChanges.clear();

            final var syncedAgain = row("n1").orElseThrow().getLastSync();
            n1.injectPortStatus(OFPortReason.DELETE, TAP_A);
            awaitHolding(n1, withoutTapA, syncedAgain);

            assertEquals(statsRequests, flowStatsRequests(n1));
            assertEquals(FlowDiff.between(withoutTapA, after).size(), n1.flowModsTotal() - flowModsBefore);
            final var vmA = NveScopes.of(Set.of(new FlowScope.OfVm(VM_A)));
            assertEquals(List.of(vmA), compiled);
        }
    }

    @Test
    public void aPortNoVmIsPlacedOnSendsNoFlowMod() throws Exception {
        try (var n1 = connectSynced(List.of(VXLAN0, TAP_A))) {
            final int statsRequests = flowStatsRequests(n1);
            final int flowMods = n1.flowModsTotal();
            final var lastSync = row("n1").orElseThrow().getLastSync();
            compiled.clear();

            n1.injectPortStatus(OFPortReason.ADD, TAP_Z);
            fixture.signal().await("n1 synced after the port-status",
                () -> !Objects.equals(lastSync, row("n1").orElseThrow().getLastSync()));

            assertEquals(List.of(NveScopes.NONE), portChanges);
            assertEquals(List.of(NveScopes.NONE), compiled);
            assertEquals("no flow-mod", flowMods, n1.flowModsTotal());
            assertEquals("no flow-stats request", statsRequests, flowStatsRequests(n1));
        }
    }

    private EmulatedSwitch connectSynced(final List<SwitchPort> ports) throws Exception {
        final var emulated = EmulatedSwitch.builder(clients, southbound.address(), 1).ports(ports).connect();
        final int flows = desired(ports).size();
        fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getLastSync).isPresent()
            && row("n1").orElseThrow().getFlowCount().intValue() == flows);
        return emulated;
    }

    /**
     * Waits until a synchronisation after the last one acknowledged brings the switch to exactly these flows (by
     * cookie): its barrier reply came after every flow-mod it sent.
     */
    private void awaitHolding(final EmulatedSwitch n1, final List<FlowEntry> flows, final @Nullable Object lastSync)
            throws Exception {
        final var cookies = flows.stream().map(flow -> flow.cookie().value()).collect(Collectors.toSet());
        fixture.signal().await("n1 holds the desired flows", () -> cookies.equals(n1.table().flows().stream()
                .map(flow -> flow.cookie().getValue()).collect(Collectors.toSet()))
            && row("n1").orElseThrow().getFlowCount().intValue() == flows.size()
            && !Objects.equals(lastSync, row("n1").orElseThrow().getLastSync()));
        assertEquals(flows.size(), n1.table().flows().size());
    }

    private ForwardingState state(final NveId nve, final NvePorts ports) {
        return new ForwardingState(fixture.directory().snapshot(), LEARNED, Map.of(nve, ports), Set.of());
    }

    private List<FlowEntry> desired(final List<SwitchPort> ports) {
        final var numbers = new HashMap<String, Long>();
        ports.forEach(port -> numbers.put(port.name(), port.number()));
        return ReferenceCompiler.compile(state(N1, NvePorts.described(numbers)), N1, PuntMeterSettings.METER_ID);
    }

    private static int flowStatsRequests(final EmulatedSwitch emulated) {
        return (int) emulated.received().stream().filter(OFFlowStatsRequest.class::isInstance).count();
    }
}
