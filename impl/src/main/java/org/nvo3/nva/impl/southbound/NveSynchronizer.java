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
import java.util.function.LongSupplier;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;

/**
 * Brings one switch's flow table to the desired set: reads what it has (flow-stats), sends only the
 * difference (foreign and stale deletes first, then modifies, then adds) and a barrier. Unchanged
 * flows are never touched, so their counters keep counting across reconnects and restarts. Between full
 * synchronisations, {@link #apply} sends a difference the caller computed from what it installed last.
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
                desired.size(), acknowledged, Duration.between(started, acknowledged), false));
        });
    }

    /**
     * Applies a difference computed without reading the switch: what some scopes of the NVE's flows held
     * against what they hold now. Every flow-mod gets its own xid, so an error the switch reports for one
     * fails the synchronisation (the caller then falls back to {@link #sync}).
     *
     * @param connection the switch
     * @param diff the difference
     * @param flowCount how many NVA flows the switch holds once the difference is applied
     * @param clock the clock timing the synchronisation
     * @return the report, once the barrier reply arrived and no flow-mod was refused
     */
    public static CompletableFuture<SyncReport> apply(final SwitchConnection connection, final FlowDiff diff,
            final int flowCount, final Clock clock, final LongSupplier nanoTime) {
        final var started = clock.instant();
        final var flowMods = FlowModTranslator.flowMods(diff).stream()
            .map(mod -> mod.createBuilder().setXid(connection.nextXid()).build())
            .toList();
        final var acknowledged = connection.sendAllChecked(flowMods);
        final long written = nanoTime.getAsLong();
        return acknowledged.thenApply(at -> new SyncReport(0, diff.deletes().size(), diff.modifies().size(),
            diff.adds().size(), flowCount, at, Duration.between(started, at), true, written, nanoTime.getAsLong()));
    }
}
