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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;

public class PipelineTableTest {
    @Test
    public void tablesAreDeclaredInIdOrderAndGoOnlyForward() {
        final var tables = PipelineTable.values();
        for (int i = 0; i < tables.length; i++) {
            if (i > 0) {
                assertTrue(tables[i] + " after " + tables[i - 1], tables[i].id() > tables[i - 1].id());
            }
            assertTrue(tables[i].id() <= 254);
            assertFalse(tables[i].purpose().isBlank());
            assertFalse(tables[i].allowedMatches().isEmpty());
            for (var next : tables[i].nextTables()) {
                assertTrue(tables[i] + " to " + next, next.id() > tables[i].id());
                assertTrue(tables[i].allowsGotoTo(next));
            }
            assertEquals(Optional.of(tables[i]), PipelineTable.byId(tables[i].id()));
        }
        assertEquals(Optional.empty(), PipelineTable.byId(5));
    }

    @Test
    public void everyTableAfterTheFirstIsReachable() {
        for (var table : PipelineTable.values()) {
            if (table != PipelineTable.CLASSIFY) {
                assertTrue(table + " is reachable", List.of(PipelineTable.values()).stream()
                    .anyMatch(other -> other.allowsGotoTo(table)));
            }
        }
    }

    @Test
    public void everyMatchFieldIsUsedBySomeTable() {
        for (var field : MatchField.values()) {
            assertTrue(field + " is allowed somewhere", List.of(PipelineTable.values()).stream()
                .anyMatch(table -> table.allowedMatches().contains(field)));
        }
    }

    @Test
    public void onlyTheRoutingTableMatchesAPrefix() {
        for (var table : PipelineTable.values()) {
            assertTrue(table.toString(), table.allowedMatches().containsAll(table.maskedMatches()));
            assertEquals(table.toString(), table == PipelineTable.L3_HOST_ROUTE
                ? Set.of(MatchField.IPV4_DST, MatchField.IPV6_DST) : Set.of(), table.maskedMatches());
        }
    }

    @Test
    public void missFlowsFollowTheDeclaration() {
        assertEquals(List.of(new OutputController(OutputController.WHOLE_PACKET)),
            PipelineTable.CLASSIFY.missEntry(UnknownDestination.DROP, 7L).actions());
        assertEquals(Long.valueOf(7), PipelineTable.CLASSIFY.missEntry(UnknownDestination.DROP, 7L).meterId());

        final var responderMiss = PipelineTable.ARP_ND_RESPONDER.missEntry(UnknownDestination.PULL, 7L);
        assertEquals(PipelineTable.L2_DESTINATION, responderMiss.gotoTable());
        assertEquals(List.of(), responderMiss.actions());
        assertNull(responderMiss.meterId());

        final var pull = PipelineTable.L2_DESTINATION.missEntry(UnknownDestination.PULL, null);
        assertEquals(List.of(new OutputController(OutputController.WHOLE_PACKET)), pull.actions());
        final var drop = PipelineTable.L2_DESTINATION.missEntry(UnknownDestination.DROP, 7L);
        assertEquals(List.of(), drop.actions());
        assertNull(drop.gotoTable());
        assertNull(drop.meterId());
        assertEquals(pull.key(), drop.key());
        for (var table : PipelineTable.values()) {
            final var miss = table.missEntry(UnknownDestination.PULL, null);
            assertEquals(PipelineTable.MISS_PRIORITY, miss.priority());
            assertTrue(miss.match().isEmpty());
        }
    }
}
