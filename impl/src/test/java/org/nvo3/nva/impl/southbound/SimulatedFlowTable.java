/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * A switch's flow tables as OpenFlow 1.3 defines them for the commands NVA sends: ADD replaces the flow
 * with the same key; MODIFY_STRICT and DELETE_STRICT touch only the flow with the same key whose cookie
 * matches under the mask, and MODIFY_STRICT changes only its instructions.
 */
final class SimulatedFlowTable {
    private record Key(TableId table, int priority, Match match) {
    }

    private final Map<Key, OFFlowStatsEntry> flows = new LinkedHashMap<>();

    void install(final OFFlowStatsEntry entry) {
        flows.put(new Key(entry.getTableId(), entry.getPriority(), entry.getMatch()), entry);
    }

    void apply(final List<OFFlowMod> flowMods) {
        flowMods.forEach(this::apply);
    }

    void apply(final OFFlowMod flowMod) {
        final var key = new Key(flowMod.getTableId(), flowMod.getPriority(), flowMod.getMatch());
        final var present = flows.get(key);
        switch (flowMod.getCommand()) {
            case ADD -> install(LoxiMessages.statsOf(flowMod));
            case MODIFY_STRICT -> {
                if (present != null && cookieMatches(present, flowMod)) {
                    flows.put(key, present.createBuilder().setInstructions(flowMod.getInstructions()).build());
                }
            }
            case DELETE_STRICT -> {
                if (present != null && cookieMatches(present, flowMod)) {
                    flows.remove(key);
                }
            }
            default -> throw new AssertionError("NVA does not send " + flowMod.getCommand());
        }
    }

    List<OFFlowStatsEntry> entries() {
        return new ArrayList<>(flows.values());
    }

    private static boolean cookieMatches(final OFFlowStatsEntry flow, final OFFlowMod flowMod) {
        final U64 mask = flowMod.getCookieMask();
        return (flow.getCookie().getValue() & mask.getValue()) == (flowMod.getCookie().getValue() & mask.getValue());
    }
}
