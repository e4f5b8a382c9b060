/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.southbound.InstalledFlow.Foreign;
import org.nvo3.nva.impl.southbound.InstalledFlow.Owned;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;

/**
 * What one switch needs to hold exactly the desired flows: its foreign flows, to delete, and the diff
 * of its NVA flows against the desired ones (see docs/pipeline.md, "Reconciliation").
 *
 * @param foreign the reported flows that are not NVA's, first table first
 * @param diff the changes to NVA's flows
 */
public record FlowReconciliation(List<Foreign> foreign, FlowDiff diff) {
    private static final Comparator<Foreign> FIRST_TABLE_FIRST = Comparator
        .<Foreign>comparingInt(flow -> flow.stats().getTableId().getValue())
        .thenComparing(Comparator.<Foreign>comparingInt(flow -> flow.stats().getPriority()).reversed());

    public FlowReconciliation {
        foreign = List.copyOf(foreign);
    }

    /**
     * Compares what a switch reported with what NVA wants on it.
     *
     * @param desired the flows NVA wants on the switch
     * @param reported the switch's flows, as its flow-stats replies listed them
     * @return the reconciliation
     * @throws IllegalArgumentException if the desired flows are inconsistent (see {@link FlowDiff#between})
     */
    public static FlowReconciliation of(final Collection<FlowEntry> desired,
            final Collection<OFFlowStatsEntry> reported) {
        final var foreign = new ArrayList<Foreign>();
        final var owned = new ArrayList<FlowEntry>();
        for (var stats : reported) {
            switch (FlowStatsTranslator.translate(stats)) {
                case Owned flow -> owned.add(flow.entry());
                case Foreign flow -> foreign.add(flow);
            }
        }
        foreign.sort(FIRST_TABLE_FIRST);
        return new FlowReconciliation(foreign, FlowDiff.between(desired, owned));
    }

    /**
     * Returns the flow-mods to send, in order: foreign deletes, NVA deletes, modifications, adds. The
     * caller follows them with a barrier.
     *
     * @return the flow-mods, empty when the switch already holds exactly the desired flows
     */
    public List<OFFlowMod> flowMods() {
        final var flowMods = new ArrayList<OFFlowMod>(foreign.size() + diff.size());
        foreign.forEach(flow -> flowMods.add(FlowModTranslator.deleteForeign(flow.stats())));
        flowMods.addAll(FlowModTranslator.flowMods(diff));
        return flowMods;
    }

    public boolean isEmpty() {
        return foreign.isEmpty() && diff.isEmpty();
    }
}
