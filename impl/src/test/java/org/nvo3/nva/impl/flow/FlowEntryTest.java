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
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

public class FlowEntryTest {
    private static final FlowMatch L2_MATCH = FlowMatch.of(TunnelId.of(SampleFlows.BLUE),
        new EthDst(SampleFlows.VM1_MAC));

    @Test
    public void refusesAMatchFieldItsTableDoesNotAllow() {
        final var error = assertThrows(IllegalArgumentException.class, () -> FlowEntry.of(PipelineTable.L2_DESTINATION,
            100, FlowMatch.of(new InPort(1), new EthDst(SampleFlows.VM1_MAC)), List.of(new Output(2)), null));
        assertEquals("table L2_DESTINATION(30) does not allow matching on in_port; it allows [dl_dst, tun_id]",
            error.getMessage());
    }

    @Test
    public void refusesAFlowAfterClassifyThatIsNotOfOneVni() {
        final var error = assertThrows(IllegalArgumentException.class, () -> FlowEntry.of(PipelineTable.L2_DESTINATION,
            100, FlowMatch.of(new EthDst(SampleFlows.VM1_MAC)), List.of(new Output(2)), null));
        assertEquals("every flow of table L2_DESTINATION(30) but its table-miss flow must match [tun_id]; this one "
            + "matches [dl_dst]", error.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> FlowEntry.of(PipelineTable.REDIRECT, 100, FlowMatch.ALL, List.of(), null));
        assertThrows(IllegalArgumentException.class,
            () -> FlowEntry.of(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(new EthType(EthType.ARP)),
                List.of(), null));
        // the table-miss flow, and any flow of CLASSIFY, need no VNI
        assertTrue(FlowEntry.of(PipelineTable.REDIRECT, PipelineTable.MISS_PRIORITY, FlowMatch.ALL, List.of(),
            PipelineTable.L2_DESTINATION).match().isEmpty());
        assertEquals(Set.of(MatchField.IN_PORT), FlowEntry.of(PipelineTable.CLASSIFY, 100,
            FlowMatch.of(new InPort(1)), List.of(), null).match().matchFields());
    }

    @Test
    public void refusesAGotoToAnEarlierTableOrOneItsTableDoesNotAllow() {
        var error = assertThrows(IllegalArgumentException.class,
            () -> FlowEntry.of(PipelineTable.L2_DESTINATION, 100, L2_MATCH, List.of(), PipelineTable.CLASSIFY));
        assertEquals("table L2_DESTINATION(30) may not continue at CLASSIFY(0); it may continue at "
            + "[L3_HOST_ROUTE(40)]", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> FlowEntry.of(PipelineTable.L2_DESTINATION, 100,
            L2_MATCH, List.of(), PipelineTable.L2_DESTINATION));
        assertTrue(error.getMessage(), error.getMessage().startsWith("table L2_DESTINATION(30) may not continue at"));
        assertThrows(IllegalArgumentException.class, () -> FlowEntry.of(PipelineTable.CLASSIFY, 100,
            FlowMatch.of(new InPort(1)), List.of(), PipelineTable.L3_HOST_ROUTE));
    }

    @Test
    public void refusesNumbersOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> entry(-1, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> entry(65_536, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> entry(1, 0L, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> entry(1, 0xFFFF_0001L, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> entry(1, null, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> entry(1, null, 0, 65_536));
        entry(0, 1L, 65_535, 65_535);
        entry(65_535, FlowEntry.MAX_METER_ID, 0, 0);
    }

    @Test
    public void actionsCheckTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> new Output(0));
        assertThrows(IllegalArgumentException.class, () -> new Output(0xFFFF_FFFDL));
        assertThrows(IllegalArgumentException.class, () -> new OutputController(0xFFE6));
        assertThrows(IllegalArgumentException.class, () -> new SetTunnelDst(IpAddress.parse("224.0.0.1")));
        new OutputController(OutputController.WHOLE_PACKET);
        new OutputController(0);
    }

    @Test
    public void equalityCoversActionsAndTimeouts() {
        final var base = entry(100, null, 0, 0);
        assertEquals(base, entry(100, null, 0, 0));
        assertEquals(base.key(), entry(100, 3L, 10, 20).key());
        assertEquals(base.cookie(), entry(100, 3L, 10, 20).cookie());
        assertNotEquals(base, entry(100, null, 10, 0));
        assertNotEquals(base, entry(100, null, 0, 10));
        assertNotEquals(base, entry(100, 3L, 0, 0));
        assertNotEquals(base, new FlowEntry(base.table(), base.priority(), base.match(), List.of(new Output(9)),
            null, null, 0, 0, false));
        assertNotEquals(base, new FlowEntry(base.table(), base.priority(), base.match(), base.actions(),
            null, null, 0, 0, true));
    }

    @Test
    public void tellsWhetherOnlyInstructionsDiffer() {
        final var base = entry(100, null, 0, 0);
        assertTrue(base.differsOnlyInInstructions(entry(100, 5L, 0, 0)));
        assertTrue(base.differsOnlyInInstructions(new FlowEntry(base.table(), base.priority(), base.match(),
            List.of(new Output(9)), PipelineTable.L3_HOST_ROUTE, null, 0, 0, false)));
        assertFalse(base.differsOnlyInInstructions(entry(100, null, 1, 0)));
        assertFalse(base.differsOnlyInInstructions(entry(100, null, 0, 1)));
        assertFalse(base.differsOnlyInInstructions(entry(101, null, 0, 0)));
    }

    private static FlowEntry entry(final int priority, final Long meterId, final int idleTimeout,
            final int hardTimeout) {
        return new FlowEntry(PipelineTable.L2_DESTINATION, priority, L2_MATCH, List.of(new Output(2)), null,
            meterId, idleTimeout, hardTimeout, false);
    }
}
