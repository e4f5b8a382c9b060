/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one synchronisation of an NVE's flow table.
 *
 * @param foreignDeletes flows NVA did not write that were deleted
 * @param deletes NVA flows no longer desired that were deleted
 * @param modifies NVA flows whose content changed
 * @param adds desired flows that were missing
 * @param flowCount the flows the NVE now holds (the desired set)
 * @param acknowledgedAt when the barrier reply arrived
 * @param took from the start of the synchronisation to the barrier reply
 * @param incremental true when only some scopes were compiled and diffed against what NVA last installed;
 *     false when the switch's flows were read (flow-stats) and diffed against the whole desired set
 * @param writtenNanos when the flow-mods and the barrier request were written (monotonic ticker), 0 if not known
 * @param barrierNanos when the barrier reply arrived (monotonic ticker), 0 if not known
 */
public record SyncReport(int foreignDeletes, int deletes, int modifies, int adds, int flowCount,
        Instant acknowledgedAt, Duration took, boolean incremental, long writtenNanos, long barrierNanos) {
    public SyncReport {
        requireNonNull(acknowledgedAt);
        requireNonNull(took);
    }

    /**
     * A report without monotonic stamps.
     *
     * @param foreignDeletes flows of others deleted
     * @param deletes NVA flows deleted
     * @param modifies NVA flows modified
     * @param adds NVA flows added
     * @param flowCount NVA flows the switch holds after
     * @param acknowledgedAt the barrier reply time
     * @param took from start to barrier reply
     * @param incremental whether the flows were not read first
     */
    public SyncReport(final int foreignDeletes, final int deletes, final int modifies, final int adds,
            final int flowCount, final Instant acknowledgedAt, final Duration took, final boolean incremental) {
        this(foreignDeletes, deletes, modifies, adds, flowCount, acknowledgedAt, took, incremental, 0, 0);
    }

    public int flowMods() {
        return foreignDeletes + deletes + modifies + adds;
    }
}
