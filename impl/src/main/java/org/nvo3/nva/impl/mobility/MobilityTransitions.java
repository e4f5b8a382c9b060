/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;

/**
 * The changes of the mobility state other than a move itself, each a pure function: announcements,
 * convergence, redirect expiry, unfreezing and forgetting VMs that left the intent.
 */
public final class MobilityTransitions {
    private MobilityTransitions() {
        // no instances
    }

    /**
     * The outcome of an announcement: the next state and its migration record, or a reason to refuse it.
     *
     * @param next the next state (unchanged when refused)
     * @param migration the announced migration, or null when refused
     * @param refusal why it was refused, empty when accepted
     */
    public record AnnounceOutcome(MobilityState next, @Nullable Migration migration, String refusal) {
    }

    /**
     * Records an orchestrator's announcement (migrate-vm): the migration is {@code announced} until the
     * data plane shows the VM at the target, or its old port disappears.
     *
     * @param fabric the intent
     * @param state the state
     * @param vm the VM
     * @param target the NVE it moves to
     * @param port its port there, or null
     * @param receivedAt RPC receipt time
     * @return the outcome
     */
    public static AnnounceOutcome announce(final FabricSnapshot fabric, final MobilityState state, final VmId vm,
            final NveId target, final @Nullable PortName port, final Instant receivedAt) {
        final var declared = fabric.vm(vm).orElse(null);
        if (declared == null) {
            return new AnnounceOutcome(state, null, "VM " + vm + " is not declared in fabric/vm");
        }
        if (fabric.nve(target).isEmpty()) {
            return new AnnounceOutcome(state, null, "NVE " + target + " is not declared in fabric/nve");
        }
        final var current = MoveDecider.currentLocation(state, declared);
        if (current != null && current.frozen()) {
            return new AnnounceOutcome(state, null, "VM " + vm + " is frozen on NVE " + current.nve()
                + " by duplicate-address detection; clear-duplicate-address unfreezes it");
        }
        if (current != null && current.nve().equals(target) && (port == null || port.equals(current.port()))) {
            return new AnnounceOutcome(state, null, "VM " + vm + " already is on NVE " + target);
        }
        final long sequence = current == null ? 1 : current.sequence() + 1;
        final var migration = Migration.start(vm.value() + "@" + sequence, vm, current == null ? null : current.nve(),
            target, MoveTrigger.ORCHESTRATOR, MigrationState.ANNOUNCED, receivedAt, "");
        return new AnnounceOutcome(state.withMigration(migration)
            .withAnnouncement(new Announcement(migration.id(), vm, target, port, receivedAt)), migration, "");
    }

    /**
     * Marks a migration converged at the last barrier reply of its NVEs, unless a later event moved it on.
     *
     * @param state the state
     * @param migrationId the migration
     * @param at the last barrier reply
     * @return the next state
     */
    public static MobilityState converged(final MobilityState state, final String migrationId, final Instant at) {
        final var migration = state.migration(migrationId).orElse(null);
        if (migration == null || migration.state() != MigrationState.CONVERGING) {
            return state;
        }
        return state.withMigration(migration.converged(at));
    }

    /**
     * The redirect at the old NVE ended (its flow was removed): it leaves the state and its migration
     * records how many packets it redirected.
     *
     * @param state the state
     * @param vm the VM
     * @param from the old NVE
     * @param redirectedPackets the flow's packet count
     * @return the next state
     */
    public static MobilityState redirectExpired(final MobilityState state, final VmId vm, final NveId from,
            final long redirectedPackets) {
        return redirectExpired(state, vm, from, redirectedPackets, OldLocationCounts.NONE);
    }

    /**
     * The redirect at the old NVE ended (its flow was removed): it leaves the state and its migration
     * records how many packets it redirected, and what the NVA did with those the old NVE sent it.
     *
     * @param state the state
     * @param vm the VM
     * @param from the old NVE
     * @param redirectedPackets the flow's packet count
     * @param oldLocation what the NVA counted of the packets the old NVE sent it for this redirect
     * @return the next state
     */
    public static MobilityState redirectExpired(final MobilityState state, final VmId vm, final NveId from,
            final long redirectedPackets, final OldLocationCounts oldLocation) {
        final var redirect = state.redirect(vm, from).orElse(null);
        if (redirect == null) {
            return state;
        }
        final var next = state.withoutRedirect(vm, from);
        return next.migration(redirect.migrationId())
            .map(migration -> next.withMigration(migration.redirectExpired(redirectedPackets, oldLocation)))
            .orElse(next);
    }

    /**
     * Unfreezes a VM: moves are accepted again and its move history starts afresh.
     *
     * @param state the state
     * @param vm the VM
     * @return the next state, or the same when the VM is not frozen
     */
    public static MobilityState unfreeze(final MobilityState state, final VmId vm) {
        final var location = state.location(vm).orElse(null);
        if (location == null || !location.frozen()) {
            return state;
        }
        return state.withLocation(new VmLocation(vm, location.nve(), location.port(), location.sequence(),
            location.learnedFrom(), location.since(), false)).withMoveTimes(vm, List.of());
    }

    /**
     * Forgets what was learned about VMs the intent no longer declares, and redirects from NVEs it no
     * longer declares.
     *
     * @param fabric the new intent
     * @param state the state
     * @return the next state
     */
    public static MobilityState retainDeclared(final FabricSnapshot fabric, final MobilityState state) {
        var next = state;
        for (var vm : new ArrayList<>(state.locations().keySet())) {
            final var location = state.locations().get(vm);
            if (fabric.vm(vm).isEmpty() || fabric.nve(location.nve()).isEmpty()) {
                // its migration records stay: a VM declared again goes on from its last sequence, so their ids
                // never repeat
                next = next.withoutLocation(vm).withSequenceFloor(vm,
                    Math.max(location.sequence(), next.sequenceFloor(vm)));
            }
        }
        for (var redirect : List.copyOf(next.redirects())) {
            if (fabric.vm(redirect.vm()).isEmpty() || fabric.nve(redirect.from()).isEmpty()) {
                next = next.withoutRedirect(redirect.vm(), redirect.from());
            }
        }
        return next.withDemands(next.demands().retainedIn(fabric));
    }
}
