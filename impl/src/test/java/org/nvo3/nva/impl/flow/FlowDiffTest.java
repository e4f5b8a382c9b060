/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

public class FlowDiffTest {
    // two 56-bit values whose flows (see collidingFlow) share a cookie, found once by Brent's cycle detection
    private static final long COLLIDING_X = 8_178_667_582_809_322L;
    private static final long COLLIDING_Y = 21_766_783_043_026_570L;

    @Test
    public void nothingToDoWhenTheSwitchHasWhatIsDesired() {
        final var diff = FlowDiff.between(SampleFlows.all(), SampleFlows.all());
        assertTrue(diff.isEmpty());
        assertEquals(0, diff.size());
        assertTrue(FlowDiff.between(List.of(), List.of()).isEmpty());
    }

    @Test
    public void addsEverythingToAnEmptySwitchLastTableFirst() {
        final var diff = FlowDiff.between(SampleFlows.all(), List.of());
        assertEquals(List.of(), diff.deletes());
        assertEquals(List.of(), diff.modifies());
        assertEquals(Set.copyOf(SampleFlows.all()), Set.copyOf(diff.adds()));
        assertEquals(SampleFlows.all().size(), diff.adds().size());
        for (int i = 1; i < diff.adds().size(); i++) {
            final var before = diff.adds().get(i - 1);
            final var after = diff.adds().get(i);
            assertTrue(before.table().id() > after.table().id()
                || before.table() == after.table() && before.priority() >= after.priority());
        }
    }

    @Test
    public void deletesWhatIsNoLongerDesiredFirstTableFirst() {
        final var diff = FlowDiff.between(List.of(), SampleFlows.all());
        assertEquals(List.of(), diff.adds());
        assertEquals(List.of(), diff.modifies());
        assertEquals(SampleFlows.all().size(), diff.deletes().size());
        assertEquals(PipelineTable.CLASSIFY, diff.deletes().getFirst().table());
        assertEquals(PipelineTable.L3_HOST_ROUTE, diff.deletes().getLast().table());
    }

    @Test
    public void modifiesAFlowWhoseContentChanged() {
        final var installed = SampleFlows.toRemoteVmOverIpv4();
        final var moved = FlowEntry.of(installed.table(), installed.priority(), installed.match(),
            List.of(new Output(SampleFlows.VM1_PORT)), null);
        final var diff = FlowDiff.between(List.of(moved, SampleFlows.toLocalVm()),
            List.of(installed, SampleFlows.toLocalVm()));
        assertEquals(List.of(new FlowModification(installed, moved)), diff.modifies());
        assertTrue(diff.modifies().getFirst().instructionsOnly());
        assertEquals(List.of(), diff.adds());
        assertEquals(List.of(), diff.deletes());

        final var withTimeout = new FlowEntry(installed.table(), installed.priority(), installed.match(),
            installed.actions(), null, null, 60, 0, false);
        assertFalse(FlowDiff.between(List.of(withTimeout), List.of(installed)).modifies().getFirst()
            .instructionsOnly());
    }

    @Test
    public void refusesOneFlowDesiredInTwoVersions() {
        final var flow = SampleFlows.toLocalVm();
        final var other = FlowEntry.of(flow.table(), flow.priority(), flow.match(), List.of(new Output(99)), null);
        final var error = assertThrows(IllegalArgumentException.class,
            () -> FlowDiff.between(List.of(flow, other), List.of()));
        assertTrue(error.getMessage(), error.getMessage().contains("is desired in two versions"));
        assertEquals(1, FlowDiff.between(List.of(flow, flow), List.of()).adds().size());
    }

    @Test
    public void failsLoudlyOnACookieCollision() {
        final var first = collidingFlow(COLLIDING_X);
        final var second = collidingFlow(COLLIDING_Y);
        assertFalse(first.key().equals(second.key()));
        assertEquals(first.cookie(), second.cookie());
        final var error = assertThrows(IllegalArgumentException.class,
            () -> FlowDiff.between(List.of(first, second), List.of()));
        assertTrue(error.getMessage(), error.getMessage().startsWith("cookie collision: flows"));

        // on the switch, a colliding flow is not mistaken for the desired one
        final var diff = FlowDiff.between(List.of(first), List.of(second));
        assertEquals(List.of(second), diff.deletes());
        assertEquals(List.of(first), diff.adds());
    }

    private static FlowEntry collidingFlow(final long value) {
        return FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(
            new EthSrc(new MacAddress(value >>> 8 & 0xFFFF_FFFF_FFFFL)), new TunnelId(value & 0xFF)), List.of(),
            null);
    }

    @Test
    public void applyingTheDiffToTheSwitchYieldsTheDesiredFlows() {
        final var random = new Random(20_260_427);
        for (int round = 0; round < 500; round++) {
            final var pool = RandomFlows.keys(random, 1 + random.nextInt(60));
            final var desired = RandomFlows.flows(random, pool);
            final var installed = RandomFlows.flows(random, pool);
            final var diff = FlowDiff.between(desired, installed);

            assertEquals(Set.copyOf(desired), apply(diff, installed));
            assertEquals(Set.copyOf(desired).equals(Set.copyOf(installed)), diff.isEmpty());
            final var deleted = new HashSet<FlowKey>();
            diff.deletes().forEach(entry -> deleted.add(entry.key()));
            diff.adds().forEach(entry -> assertFalse("added and deleted", deleted.contains(entry.key())));
            diff.modifies().forEach(change -> assertTrue(installed.contains(change.installed())));
            assertEquals(diff, FlowDiff.between(desired.reversed(), installed.reversed()));
        }
    }

    private static Set<FlowEntry> apply(final FlowDiff diff, final Collection<FlowEntry> installed) {
        final var table = new HashMap<FlowKey, FlowEntry>();
        installed.forEach(entry -> table.put(entry.key(), entry));
        diff.deletes().forEach(entry -> assertEquals(entry, table.remove(entry.key())));
        diff.modifies().forEach(change -> assertEquals(change.installed(), table.put(change.desired().key(),
            change.desired())));
        diff.adds().forEach(entry -> assertEquals(null, table.put(entry.key(), entry)));
        return Set.copyOf(table.values());
    }
}
