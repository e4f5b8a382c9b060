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

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.UnknownDestination;

/**
 * The compiler's pipeline skeleton: one miss flow per table, following unknown-destination.
 */
public class FlowCompilerTest {
    private static final Nve NVE = new Nve(new NveId("nve1"), new DatapathId(1), IpAddress.parse("192.0.2.1"),
        Nve.DEFAULT_TUNNEL_PORT);

    @Test
    public void compilesOneMissFlowPerTable() {
        final var flows = FlowCompiler.compile(snapshot(UnknownDestination.PULL), NVE, null);
        assertEquals(PipelineTable.values().length, flows.size());
        for (var table : PipelineTable.values()) {
            assertEquals(1, flows.stream().filter(flow -> flow.table() == table).count());
        }
        assertTrue(flows.stream().allMatch(flow -> flow.priority() == PipelineTable.MISS_PRIORITY));
    }

    @Test
    public void unknownDestinationDecidesTheL2Miss() {
        final var pull = missOf(FlowCompiler.compile(snapshot(UnknownDestination.PULL), NVE, 7L));
        assertEquals(List.of(new FlowAction.OutputController(FlowAction.OutputController.WHOLE_PACKET)),
            pull.actions());
        assertEquals(Long.valueOf(7), pull.meterId());

        final var drop = missOf(FlowCompiler.compile(snapshot(UnknownDestination.DROP), NVE, 7L));
        assertEquals(List.of(), drop.actions());
        assertEquals(null, drop.gotoTable());
    }

    @Test
    public void sameInputSameFlows() {
        final var snapshot = snapshot(UnknownDestination.PULL);
        assertEquals(FlowCompiler.compile(snapshot, NVE, null), FlowCompiler.compile(snapshot, NVE, null));
    }

    private static FlowEntry missOf(final List<FlowEntry> flows) {
        return flows.stream().filter(flow -> flow.table() == PipelineTable.L2_DESTINATION).findFirst().orElseThrow();
    }

    private static FabricSnapshot snapshot(final UnknownDestination unknown) {
        return new FabricSnapshot(new FabricSettings(30, 5, 180, unknown, false), Map.of(NVE.id(), NVE), Map.of(),
            Map.of());
    }
}
