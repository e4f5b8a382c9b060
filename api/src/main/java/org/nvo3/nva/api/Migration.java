/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One move of one VM, from its announcement or detection to the end of the redirect at the old NVE.
 *
 * @param id the migration id, {@code <vm>@<sequence>}
 * @param vm the VM
 * @param fromNve the old NVE, or null when the VM had no known location
 * @param toNve the new NVE
 * @param trigger what announced the move
 * @param state where the migration stands
 * @param detectedAt packet-in or RPC receipt time
 * @param convergedAt the last barrier reply of the affected NVEs, or null until then
 * @param redirectUntil when the redirect at the old NVE ends at the latest, or null when there is none
 * @param redirectedPackets the packets the old NVE redirected, known once the redirect expired
 * @param oldLocation what the NVA did with the packets the old NVE sent it (old-location-policy
 *     icmp-unreachable), known once the redirect expired; {@link OldLocationCounts#NONE} otherwise
 * @param reason why it was rejected or failed, empty otherwise
 * @param timeline where the time of the move went
 */
public record Migration(String id, VmId vm, @Nullable NveId fromNve, NveId toNve, MoveTrigger trigger,
        MigrationState state, Instant detectedAt, @Nullable Instant convergedAt, @Nullable Instant redirectUntil,
        long redirectedPackets, OldLocationCounts oldLocation, String reason, MigrationTimeline timeline) {
    public Migration {
        requireNonNull(timeline);
        requireNonNull(oldLocation);
        requireNonNull(id);
        requireNonNull(vm);
        requireNonNull(toNve);
        requireNonNull(trigger);
        requireNonNull(state);
        requireNonNull(detectedAt);
        requireNonNull(reason);
        if ((state == MigrationState.REJECTED || state == MigrationState.FAILED) && reason.isEmpty()) {
            throw new IllegalArgumentException("a " + state + " migration needs a reason");
        }
        if (redirectedPackets < 0) {
            throw new IllegalArgumentException("redirected packets must not be negative, not " + redirectedPackets);
        }
        checkConvergence(id, detectedAt, convergedAt);
    }

    /**
     * A record without a timeline.
     *
     * @param id the migration id
     * @param vm the VM
     * @param fromNve the old NVE, or null
     * @param toNve the new NVE
     * @param trigger what announced the move
     * @param state the state
     * @param detectedAt when it was detected or announced
     * @param convergedAt when the last affected NVE acknowledged, or null
     * @param redirectUntil when the old NVE's redirect ends, or null
     * @param redirectedPackets packets the old NVE redirected
     * @param reason the reason, empty unless rejected or failed
     */
    public Migration(final String id, final VmId vm, final @Nullable NveId fromNve, final NveId toNve,
            final MoveTrigger trigger, final MigrationState state, final Instant detectedAt,
            final @Nullable Instant convergedAt, final @Nullable Instant redirectUntil, final long redirectedPackets,
            final String reason) {
        this(id, vm, fromNve, toNve, trigger, state, detectedAt, convergedAt, redirectUntil, redirectedPackets,
            OldLocationCounts.NONE, reason, MigrationTimeline.NONE);
    }

    private static void checkConvergence(final String id, final Instant detectedAt,
            final @Nullable Instant convergedAt) {
        if (convergedAt != null && convergedAt.isBefore(detectedAt)) {
            throw new IllegalArgumentException("migration " + id + " converged at " + convergedAt
                + ", before it was detected at " + detectedAt);
        }
    }

    /**
     * Starts a migration record.
     *
     * @param id the migration id
     * @param vm the VM
     * @param fromNve the old NVE, or null
     * @param toNve the new NVE
     * @param trigger what announced the move
     * @param state the first state
     * @param detectedAt when it was detected or announced
     * @param reason the reason, empty unless rejected
     * @return the record, not converged, without redirect
     */
    public static Migration start(final String id, final VmId vm, final @Nullable NveId fromNve, final NveId toNve,
            final MoveTrigger trigger, final MigrationState state, final Instant detectedAt, final String reason) {
        return new Migration(id, vm, fromNve, toNve, trigger, state, detectedAt, null, null, 0, reason);
    }

    /**
     * Returns the time from detection to the last barrier reply.
     *
     * @return the convergence time, empty until converged
     */
    public Optional<Duration> convergence() {
        return convergedAt == null ? Optional.empty() : Optional.of(Duration.between(detectedAt, convergedAt));
    }

    public Migration withState(final MigrationState newState, final String newReason) {
        return new Migration(id, vm, fromNve, toNve, trigger, newState, detectedAt, convergedAt, redirectUntil,
            redirectedPackets, oldLocation, newReason, timeline);
    }

    public Migration converged(final Instant at) {
        return new Migration(id, vm, fromNve, toNve, trigger, MigrationState.CONVERGED, detectedAt, at,
            redirectUntil, redirectedPackets, oldLocation, reason, timeline);
    }

    public Migration moving(final @Nullable NveId from, final MoveTrigger byTrigger, final Instant at,
            final @Nullable Instant until) {
        return new Migration(id, vm, from, toNve, byTrigger, MigrationState.CONVERGING, at, null, until, 0, reason);
    }

    /**
     * Returns the record with another timeline.
     *
     * @param newTimeline the timeline
     * @return the record
     */
    public Migration withTimeline(final MigrationTimeline newTimeline) {
        return new Migration(id, vm, fromNve, toNve, trigger, state, detectedAt, convergedAt, redirectUntil,
            redirectedPackets, oldLocation, reason, newTimeline);
    }

    public Migration redirectExpired(final long packets) {
        return redirectExpired(packets, OldLocationCounts.NONE);
    }

    /**
     * Returns the record of a migration whose redirect at the old NVE expired.
     *
     * @param packets the packets the old NVE's redirect flow matched
     * @param counts what the NVA did with those the old NVE sent it
     * @return the record, {@code redirect-expired}
     */
    public Migration redirectExpired(final long packets, final OldLocationCounts counts) {
        return new Migration(id, vm, fromNve, toNve, trigger, MigrationState.REDIRECT_EXPIRED, detectedAt,
            convergedAt, redirectUntil, packets, counts, reason, timeline);
    }
}
