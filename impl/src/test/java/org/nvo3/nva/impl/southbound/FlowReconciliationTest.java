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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.FlowKey;
import org.nvo3.nva.impl.flow.FlowMatch;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;
import org.nvo3.nva.impl.flow.PipelineTable;
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
            final var pool = randomKeys(random, 1 + random.nextInt(40));
            final var desired = randomFlows(random, pool);
            final var bridge = new SimulatedFlowTable();
            randomFlows(random, pool).forEach(entry -> bridge.install(LoxiMessages.statsOf(
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

    private static List<FlowKey> randomKeys(final Random random, final int count) {
        final var keys = new ArrayList<FlowKey>();
        for (int i = 0; i < count; i++) {
            final var vni = new TunnelId(1 + random.nextInt(3));
            final var mac = new MacAddress(0x0200_0000_0000L + random.nextInt(16));
            keys.add(switch (random.nextInt(3)) {
                case 0 -> new FlowKey(PipelineTable.L2_DESTINATION, random.nextInt(2),
                    FlowMatch.of(vni, new EthDst(mac)));
                case 1 -> new FlowKey(PipelineTable.REDIRECT, 100, FlowMatch.of(new InPort(1), vni, new EthDst(mac)));
                default -> new FlowKey(PipelineTable.CLASSIFY, 100,
                    FlowMatch.of(new InPort(1 + random.nextInt(4)), new EthSrc(mac)));
            });
        }
        return keys;
    }

    private static List<FlowEntry> randomFlows(final Random random, final List<FlowKey> pool) {
        final var byKey = new HashMap<FlowKey, FlowEntry>();
        for (var key : pool) {
            if (random.nextBoolean()) {
                byKey.put(key, new FlowEntry(key.table(), key.priority(), key.match(),
                    random.nextBoolean() ? List.of() : List.of(new Output(1 + random.nextInt(2))), null,
                    random.nextBoolean() ? null : 1L + random.nextInt(2), random.nextInt(2) * 30,
                    random.nextInt(2) * 10, random.nextBoolean()));
            }
        }
        return List.copyOf(byKey.values());
    }
}
