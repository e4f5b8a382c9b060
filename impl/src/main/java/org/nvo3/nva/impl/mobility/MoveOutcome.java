/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.VmLocation;

/**
 * The decision on one {@link MoveRequest}.
 *
 * @param verdict what became of it
 * @param next the state after it (the same state when nothing changed)
 * @param migration the migration record it opened or changed, or null
 * @param previous where the VM was before, or null when it had no location
 * @param reason why it was rejected or frozen, empty otherwise
 */
public record MoveOutcome(MoveVerdict verdict, MobilityState next, @Nullable Migration migration,
        @Nullable VmLocation previous, String reason) {
    public MoveOutcome {
        requireNonNull(verdict);
        requireNonNull(next);
        requireNonNull(reason);
        if ((verdict == MoveVerdict.REJECTED || verdict == MoveVerdict.FROZEN) == reason.isEmpty()) {
            throw new IllegalArgumentException("a " + verdict + " outcome " + (reason.isEmpty() ? "needs" : "has no")
                + " reason");
        }
    }

    /**
     * Tells whether the flows of some NVEs must change.
     *
     * @return true when the VM's location changed
     */
    public boolean changesForwarding() {
        return verdict == MoveVerdict.MOVED || verdict == MoveVerdict.PORT_LEARNED;
    }
}
