/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How one re-synchronisation of an NVE went, for a migration's timeline.
 *
 * @param flowMods the flow-mods sent
 * @param writtenNanos when they and the barrier request were written to the connection (monotonic ticker), 0
 *     when not known
 * @param barrierNanos when the barrier reply arrived (monotonic ticker), 0 when not known
 * @param acknowledgedAt the barrier reply time
 */
public record ProgrammingReport(int flowMods, long writtenNanos, long barrierNanos, Instant acknowledgedAt) {
    public ProgrammingReport {
        requireNonNull(acknowledgedAt);
    }

    /**
     * A report that knows only the barrier reply time.
     *
     * @param acknowledgedAt the barrier reply time
     * @return the report
     */
    public static ProgrammingReport acknowledged(final Instant acknowledgedAt) {
        return new ProgrammingReport(0, 0, 0, acknowledgedAt);
    }
}
