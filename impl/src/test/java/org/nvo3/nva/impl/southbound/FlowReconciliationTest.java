/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.RandomFlows;
import org.nvo3.nva.impl.flow.SampleFlows;
import org.nvo3.nva.impl.southbound.InstalledFlow.Owned;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.ver13.OFFactoryVer13;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class FlowReconciliationTest {
    private static final OFFactoryVer13 FACTORY = OFFactoryVer13.INSTANCE;

    @Test
    public void aFreshBridgeLosesItsNormalFlowThenGetsThePipeline() {
        final var bridge = new SimulatedFlowTable();
        bridge.install(normalFlow(0));

        final var reconciliation = FlowReconciliation.of(SampleFlows.all(), bridge.entries());
        assertEquals(1, reconciliation.foreign().size());
        final var flowMods = reconciliation.flowMods();
        assertEquals(OFFlowModCommand.DELETE_STRICT, flowMods.getFirst().getCommand());
        assertEquals(U64.ZERO, flowMods.getFirst().getCookie());
        assertEquals(SampleFlows.all().size() + 1, flowMods.size());

        bridge.apply(flowMods);
        assertConverged(SampleFlows.all(), bridge);
    }

    @Test
    public void aSwitchThatHoldsTheDesiredFlowsGetsNothing() {
        final var bridge = new SimulatedFlowTable();
        SampleFlows.all().forEach(entry -> bridge.install(LoxiMessages.statsOf(FlowModTranslator.add(entry))));
        final var reconciliation = FlowReconciliation.of(SampleFlows.all(), bridge.entries());
        assertTrue(reconciliation.isEmpty());
        assertEquals(List.of(), reconciliation.flowMods());
    }

    @Test
    public void aTimeoutChangeReachesTheSwitch() {
        final var installed = SampleFlows.toLocalVm();
        final var desired = new FlowEntry(installed.table(), installed.priority(), installed.match(),
            installed.actions(), null, null, 0, 45, true);
        final var bridge = new SimulatedFlowTable();
        bridge.install(LoxiMessages.statsOf(FlowModTranslator.add(installed)));
        bridge.apply(FlowReconciliation.of(List.of(desired), bridge.entries()).flowMods());
        assertConverged(List.of(desired), bridge);
    }

    @Test
    public void anySwitchStateConvergesInOneRound() {
        final var random = new Random(6653);
        for (int round = 0; round < 300; round++) {
            final var pool = RandomFlows.keys(random, 1 + random.nextInt(40));
            final var desired = RandomFlows.flows(random, pool);
            final var bridge = new SimulatedFlowTable();
            RandomFlows.flows(random, pool).forEach(entry -> bridge.install(LoxiMessages.statsOf(
                FlowModTranslator.add(entry))));
            for (int i = random.nextInt(3); i > 0; i--) {
                bridge.install(normalFlow(random.nextInt(3)));
            }
            if (random.nextBoolean() && !desired.isEmpty()) {
                // a foreign flow squatting on a desired key, with a cookie that is not NVA's
                final var squatter = LoxiMessages.statsOf(FlowModTranslator.add(desired.getFirst()));
                bridge.install(squatter.createBuilder().setCookie(U64.of(0x1234)).build());
            }

            final var reconciliation = FlowReconciliation.of(desired, bridge.entries());
            bridge.apply(reconciliation.flowMods());
            assertConverged(desired, bridge);
        }
    }

    @Test
    public void flowModsAreForeignDeletesThenTheDiff() {
        final var bridge = new SimulatedFlowTable();
        bridge.install(normalFlow(0));
        bridge.install(LoxiMessages.statsOf(FlowModTranslator.add(SampleFlows.redirectToIpv4())));
        final var commands = FlowReconciliation.of(List.of(SampleFlows.toLocalVm()), bridge.entries()).flowMods()
            .stream().map(OFFlowMod::getCommand).toList();
        assertEquals(List.of(OFFlowModCommand.DELETE_STRICT, OFFlowModCommand.DELETE_STRICT, OFFlowModCommand.ADD),
            commands);
        assertFalse(commands.isEmpty());
    }

    private static void assertConverged(final List<FlowEntry> desired, final SimulatedFlowTable bridge) {
        final var read = bridge.entries().stream().map(FlowStatsTranslator::translate).toList();
        assertTrue(read.toString(), read.stream().allMatch(flow -> flow instanceof Owned));
        assertEquals(Set.copyOf(desired), Set.copyOf(read.stream().map(flow -> ((Owned) flow).entry()).toList()));
        assertEquals(desired.size(), read.size());
        assertTrue(FlowReconciliation.of(desired, bridge.entries()).isEmpty());
    }

    private static OFFlowStatsEntry normalFlow(final int priority) {
        return FACTORY.buildFlowStatsEntry()
            .setTableId(TableId.of(0))
            .setPriority(priority)
            .setCookie(U64.ZERO)
            .setMatch(FACTORY.buildMatch().build())
            .setInstructions(List.of(FACTORY.instructions().applyActions(List.of(
                FACTORY.actions().output(OFPort.NORMAL, 0)))))
            .build();
    }
}
