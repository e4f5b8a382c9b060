/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.VmId;

/**
 * The last changes that led to a mobility state, so that whoever mirrors the state (the datastore
 * publisher, the port index) can catch up with a later state of the same history in the time of the changes,
 * not of the whole state. Immutable; each change makes a new journal that keeps at most {@link #CAPACITY}
 * steps.
 */
final class StateJournal {
    /**
     * How many changes a journal remembers: more than an evacuation of 1,000 VMs makes between two looks (each
     * move decides, converges and records its timeline), so that a reader patches its index instead of
     * rebuilding it from every VM. A change copies this many references.
     */
    static final int CAPACITY = 4096;

    static final StateJournal EMPTY = new StateJournal(0, new Step[0]);

    /** One change: the state version it made, and what it touched. */
    private record Step(long version, @Nullable VmId vm, @Nullable String migration) {
    }

    private final long version;
    private final Step[] steps;

    private StateJournal(final long version, final Step[] steps) {
        this.version = version;
        this.steps = steps;
    }

    /**
     * Records a change.
     *
     * @param vm the VM it touched, or null
     * @param migration the migration record it touched, or null
     * @return the journal of the next state
     */
    StateJournal append(final @Nullable VmId vm, final @Nullable String migration) {
        final int keep = Math.min(steps.length, CAPACITY - 1);
        final var next = Arrays.copyOfRange(steps, steps.length - keep, steps.length + 1);
        next[keep] = new Step(version + 1, vm, migration);
        return new StateJournal(version + 1, next);
    }

    /**
     * Tells what changed since an earlier journal of the same history.
     *
     * @param earlier the journal of an earlier state
     * @return the changes, or empty when {@code earlier} is not a recent ancestor of this journal (another
     *     history, or more than {@link #CAPACITY} changes ago)
     */
    Optional<StateChanges> since(final StateJournal earlier) {
        if (earlier == this) {
            return Optional.of(new StateChanges(Set.of(), Set.of()));
        }
        if (earlier.version >= version || steps.length == 0) {
            return Optional.empty();
        }
        final long oldest = steps[0].version();
        final boolean ancestor = earlier.version == 0 ? oldest == 1
            : earlier.version >= oldest
                && steps[(int) (earlier.version - oldest)] == earlier.steps[earlier.steps.length - 1];
        if (!ancestor) {
            return Optional.empty();
        }
        final var vms = new HashSet<VmId>();
        final var migrations = new HashSet<String>();
        for (int i = (int) (earlier.version - oldest + 1); i < steps.length; i++) {
            final var step = steps[i];
            if (step.vm() != null) {
                vms.add(step.vm());
            }
            if (step.migration() != null) {
                migrations.add(step.migration());
            }
        }
        return Optional.of(new StateChanges(vms, migrations));
    }
}
