/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.Objects;
import java.util.Set;
import org.nvo3.nva.impl.flow.FlowCookie;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.southbound.InstalledFlow.Foreign;
import org.nvo3.nva.impl.southbound.InstalledFlow.Owned;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;

/**
 * Translates the flows a switch reports (OpenFlow 1.3 flow-stats) back into NVA's flows, so that a flow
 * NVA sent compares equal to the {@link FlowEntry} it came from (an external route's masked IP destination
 * reads back as its prefix; see {@link MatchTranslator}). Anything NVA would not have sent is foreign, with the
 * reason.
 */
public final class FlowStatsTranslator {
    private static final Set<OFFlowModFlags> NVA_FLAGS = Set.of(OFFlowModFlags.SEND_FLOW_REM);

    private FlowStatsTranslator() {
        // no instances
    }

    /**
     * Sorts one reported flow.
     *
     * @param stats the flow as the switch reported it
     * @return {@link Owned} when its cookie is NVA's cookie for what it is, {@link Foreign} otherwise
     */
    public static InstalledFlow translate(final OFFlowStatsEntry stats) {
        final var cookie = new FlowCookie(stats.getCookie().getValue());
        if (!cookie.hasNvaMarker()) {
            return new Foreign(stats, "cookie " + cookie + " does not carry NVA's marker");
        }
        final FlowEntry entry;
        try {
            entry = toEntry(stats);
        } catch (IllegalArgumentException e) {
            return new Foreign(stats, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        final var expected = entry.cookie();
        if (!expected.equals(cookie)) {
            return new Foreign(stats, "cookie " + cookie + " is not NVA's cookie " + expected + " for " + entry.key());
        }
        return new Owned(entry);
    }

    private static FlowEntry toEntry(final OFFlowStatsEntry stats) {
        final int tableId = stats.getTableId().getValue();
        final var table = PipelineTable.byId(tableId).orElseThrow(
            () -> new IllegalArgumentException("table " + tableId + " is not part of NVA's pipeline"));
        final var flags = stats.getFlags();
        if (!NVA_FLAGS.containsAll(flags)) {
            throw new IllegalArgumentException("flags " + flags + " are not ones NVA sets");
        }
        final var instructions = FlowInstructions.fromLoxi(stats.getInstructions());
        return new FlowEntry(table, stats.getPriority(), MatchTranslator.fromLoxi(stats.getMatch()),
            instructions.actions(), instructions.gotoTable(), instructions.meterId(), stats.getIdleTimeout(),
            stats.getHardTimeout(), flags.contains(OFFlowModFlags.SEND_FLOW_REM));
    }
}
