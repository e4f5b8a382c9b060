/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.impl.flow.FlowEntry;

/**
 * Brings one switch's flow table to the desired set: reads what it has (flow-stats), sends only the
 * difference (foreign and stale deletes first, then modifies, then adds) and a barrier. Unchanged
 * flows are never touched, so their counters keep counting across reconnects and restarts.
 */
public final class NveSynchronizer {
    private NveSynchronizer() {
        // no instances
    }

    /**
     * Synchronises a switch.
     *
     * @param connection the switch
     * @param desired the complete desired flow set
     * @param clock the clock timing the synchronisation
     * @return the report, once the barrier reply arrived
     */
    public static CompletableFuture<SyncReport> sync(final SwitchConnection connection,
            final List<FlowEntry> desired, final Clock clock) {
        final var started = clock.instant();
        return connection.flowStats().thenCompose(reported -> {
            final var reconciliation = FlowReconciliation.of(desired, reported);
            final var flowMods = reconciliation.flowMods();
            if (!flowMods.isEmpty()) {
                connection.sendAll(flowMods);
            }
            final var diff = reconciliation.diff();
            return connection.barrier().thenApply(acknowledged -> new SyncReport(
                reconciliation.foreign().size(), diff.deletes().size(), diff.modifies().size(), diff.adds().size(),
                desired.size(), acknowledged, Duration.between(started, acknowledged)));
        });
    }
}
