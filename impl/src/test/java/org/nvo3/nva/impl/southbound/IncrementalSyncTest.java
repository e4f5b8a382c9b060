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
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.flow.FlowAction;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.FlowScope;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.flow.ReferenceCompiler;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;

/**
 * Incremental synchronisation through the whole southbound with an emulated switch: n1 of the standard
 * fabric (vm-a on tap-a; vm-b of its VNI on n2) learns vm-b on its port tap-b. Re-synchronising only the
 * changed scopes sends only vm-b's flow-mods, reads no flows, and leaves the switch with exactly the full
 * desired set; a refused flow-mod falls back to a full synchronisation; a flow the switch removed by itself
 * is no longer counted as held.
 */
public class IncrementalSyncTest extends AbstractSouthboundComponentTest {
    private static final NveId N1 = new NveId("n1");
    private static final VmId VM_B = new VmId("vm-b");
    private static final List<SwitchPort> PORTS = List.of(
        new SwitchPort(1, "vxlan0", MacAddress.parse("02:00:00:00:01:01")),
        new SwitchPort(2, "tap-a", MacAddress.parse("02:00:00:00:01:02")),
        new SwitchPort(3, "tap-b", MacAddress.parse("02:00:00:00:01:03")));
    private static final NvePorts N1_PORTS = new NvePorts(Map.of(new PortName("vxlan0"), 1L,
        new PortName("tap-a"), 2L, new PortName("tap-b"), 3L));

    private final AtomicReference<Map<VmId, VmLocation>> learned = new AtomicReference<>(Map.of());

    @Before
    public void useLearnedLocations() {
        southbound.useFlowSource((nve, ports, meter, scopes) -> FlowCompiler.compileScopes(
            new ForwardingState(fixture.directory().snapshot(), learned.get(), Map.of(nve, ports), Set.of()), nve,
            meter, scopes));
    }

    @Test
    public void aMoveResyncsOnlyTheMovedVmsFlowsWithoutReadingTheSwitch() throws Exception {
        try (var n1 = connectSynced()) {
            final int statsRequests = flowStatsRequests(n1);
            final int flowMods = n1.flowModsTotal();
            final var before = state();
            learnVmBOnN1();
            final var after = state();
            final var scopes = FlowCompiler.changedScopes(before, after).get(N1);
            assertEquals(NveScopes.of(Set.of(new FlowScope.OfVm(VM_B))), scopes);

            await(southbound.resync(N1, scopes));

            assertEquals("no flow-stats request", statsRequests, flowStatsRequests(n1));
            final var change = FlowDiff.between(desired(after), desired(before));
            assertEquals("vm-b's admission added, its destination re-pointed to tap-b", 2, change.size());
            assertEquals("only vm-b's flow-mods", change.size(), n1.flowModsTotal() - flowMods);
            assertHoldsExactly(n1, after);
        }
    }

    @Test
    public void aRefusedFlowModFallsBackToAFullSync() throws Exception {
        try (var n1 = connectSynced()) {
            final int statsRequests = flowStatsRequests(n1);
            final var before = state();
            learnVmBOnN1();
            final var after = state();
            n1.rejectFlowMods(1);

            await(southbound.resync(N1, FlowCompiler.changedScopes(before, after).get(N1)));

            assertEquals("the fallback read the switch's flows", statsRequests + 1, flowStatsRequests(n1));
            assertHoldsExactly(n1, after);
            // incremental syncs go on from the full one: moving vm-b back reads nothing
            final int statsAfterFullSyncs = flowStatsRequests(n1);
            final var moved = state();
            learned.set(Map.of());
            await(southbound.resync(N1, FlowCompiler.changedScopes(moved, state()).get(N1)));
            assertEquals(statsAfterFullSyncs, flowStatsRequests(n1));
            assertHoldsExactly(n1, state());
        }
    }

    @Test
    public void aFlowTheSwitchRemovedByItselfIsAddedAgainByTheNextIncrementalSync() throws Exception {
        try (var n1 = connectSynced()) {
            final int statsRequests = flowStatsRequests(n1);
            final BlockingQueue<FlowExpiry> expiries = new LinkedBlockingQueue<>();
            southbound.addListener(new DataplaneListener() {
                @Override
                public void flowExpired(final FlowExpiry expiry) {
                    expiries.add(expiry);
                }
            });
            final var vmA = desired(state()).stream()
                .filter(flow -> flow.table() == PipelineTable.L2_DESTINATION && flow.priority() > 0)
                .filter(flow -> flow.actions().contains(new FlowAction.Output(2)))
                .findFirst().orElseThrow();
            // as a hard timeout would: the switch drops the flow and says so
            n1.table().apply(FlowModTranslator.delete(vmA));
            n1.injectFlowRemoved(OFFlowRemovedReason.HARD_TIMEOUT, vmA.table().id(), vmA.priority(),
                vmA.cookie().value(), 0, 0, 30);
            // the southbound heard of the removal (after taking the flow out of what the session holds)
            final var expiry = expiries.poll(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(vmA.cookie().value(), expiry == null ? 0 : expiry.cookie());

            await(southbound.resync(N1, NveScopes.of(Set.of(new FlowScope.OfVm(new VmId("vm-a"))))));

            assertEquals("no flow-stats request", statsRequests, flowStatsRequests(n1));
            assertHoldsExactly(n1, state());
        }
    }

    private EmulatedSwitch connectSynced() throws Exception {
        final var emulated = EmulatedSwitch.builder(clients, southbound.address(), 1).ports(PORTS).connect();
        final int flows = desired(state()).size();
        fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getLastSync).isPresent()
            && row("n1").orElseThrow().getFlowCount().intValue() == flows);
        return emulated;
    }

    private void learnVmBOnN1() {
        learned.set(Map.of(VM_B, new VmLocation(VM_B, N1, new PortName("tap-b"), 1, MoveTrigger.GRATUITOUS_ARP,
            Instant.EPOCH, false)));
    }

    private ForwardingState state() {
        return new ForwardingState(fixture.directory().snapshot(), learned.get(), Map.of(N1, N1_PORTS), Set.of());
    }

    private static List<FlowEntry> desired(final ForwardingState state) {
        return ReferenceCompiler.compile(state, N1, PuntMeterSettings.METER_ID);
    }

    /** The switch holds the desired flows: same cookies, and a full sync finds nothing to change. */
    private void assertHoldsExactly(final EmulatedSwitch n1, final ForwardingState state) throws Exception {
        final var cookies = desired(state).stream().map(flow -> flow.cookie().value()).collect(Collectors.toSet());
        assertEquals(cookies, n1.table().flows().stream().map(flow -> flow.cookie().getValue())
            .collect(Collectors.toSet()));
        assertEquals(cookies.size(), n1.table().flows().size());
        final int flowMods = n1.flowModsTotal();
        final int statsRequests = flowStatsRequests(n1);
        await(southbound.resync(N1));
        assertTrue("a full sync read the switch", flowStatsRequests(n1) > statsRequests);
        assertEquals("a full sync found nothing to change", flowMods, n1.flowModsTotal());
    }

    private static int flowStatsRequests(final EmulatedSwitch emulated) {
        return (int) emulated.received().stream().filter(OFFlowStatsRequest.class::isInstance).count();
    }
}
