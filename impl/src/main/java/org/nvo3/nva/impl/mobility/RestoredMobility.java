/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;

/**
 * The mobility state an earlier run of the NVA left in the datastore, made current again after a controller
 * restart: the learned locations as they were; migrations that were still {@code announced} or
 * {@code converging} closed as {@code failed} (the restart interrupted them: an announcement is not kept, a
 * convergence was never confirmed); a redirect whose time is not over active again at its old NVE; and each
 * VM's sequence continuing above every sequence its migration records used.
 */
public final class RestoredMobility {
    /** The reason of a migration the restart interrupted. */
    public static final String INTERRUPTED = "the controller restarted before the migration completed";

    private RestoredMobility() {
        // no instances
    }

    /**
     * Builds the restored state.
     *
     * @param locations the learned locations that were published
     * @param migrations the migration records that were published
     * @param now the time of the restore: redirects ending before it are over
     * @return the state
     */
    public static MobilityState state(final Collection<VmLocation> locations, final Collection<Migration> migrations,
            final Instant now) {
        var state = MobilityState.EMPTY;
        for (var location : locations) {
            state = state.withLocation(location);
        }
        final Map<VmId, Long> usedSequences = new HashMap<>();
        for (var published : migrations) {
            final var migration = switch (published.state()) {
                case ANNOUNCED, CONVERGING -> published.withState(MigrationState.FAILED, INTERRUPTED);
                default -> published;
            };
            state = state.withMigration(migration);
            sequenceOf(migration).ifPresent(sequence -> usedSequences.merge(migration.vm(), sequence, Math::max));
            final var redirect = redirectOf(state, migration, now);
            if (redirect != null) {
                state = state.withRedirect(redirect);
            }
        }
        for (var used : usedSequences.entrySet()) {
            final long learned = state.location(used.getKey()).map(VmLocation::sequence).orElse(0L);
            if (used.getValue() > learned) {
                state = state.withSequenceFloor(used.getKey(), used.getValue());
            }
        }
        return state;
    }

    /**
     * The redirect a migration still has at its old NVE: its time is not over, the VM is not back there, and
     * no later redirect from that NVE replaced it.
     */
    private static @Nullable ActiveRedirect redirectOf(final MobilityState state, final Migration migration,
            final Instant now) {
        final var from = migration.fromNve();
        final var until = migration.redirectUntil();
        if (from == null || until == null || !until.isAfter(now) || migration.state() == MigrationState.REJECTED
                || migration.state() == MigrationState.REDIRECT_EXPIRED) {
            return null;
        }
        if (state.location(migration.vm()).map(location -> location.nve().equals(from)).orElse(true)) {
            return null;
        }
        final var known = state.redirect(migration.vm(), from).orElse(null);
        return known != null && !known.until().isBefore(until) ? null
            : new ActiveRedirect(migration.vm(), from, migration.id(), until);
    }

    /**
     * The sequence in a migration id {@code <vm>@<sequence>}; empty for other ids ({@code <vm>@rejected}).
     */
    private static OptionalLong sequenceOf(final Migration migration) {
        final var prefix = migration.vm().value() + "@";
        final var id = migration.id();
        if (!id.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
