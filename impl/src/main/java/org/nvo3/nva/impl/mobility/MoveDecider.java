/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmLocation;

/**
 * Decides on a {@link MoveRequest}, purely: the fabric intent and the mobility state in, the outcome
 * and the next state out. Rules, in order: the VM and the NVE must be declared; a request that names
 * where the VM already is changes nothing; a frozen VM does not move; with require-announcement only
 * announced moves are accepted; the move that would exceed dad-max-moves within dad-window-seconds
 * freezes the VM where it is (RFC 7432 section 15); otherwise the VM moves with the next sequence, a
 * migration record is opened (or the announced one continued) and its old NVE gets a redirect.
 */
public final class MoveDecider {
    private MoveDecider() {
        // no instances
    }

    /**
     * Decides.
     *
     * @param fabric the validated intent
     * @param state the mobility state
     * @param request the claim
     * @return the outcome
     */
    public static MoveOutcome decide(final FabricSnapshot fabric, final MobilityState state,
            final MoveRequest request) {
        final var vm = fabric.vm(request.vm()).orElse(null);
        if (vm == null) {
            return refused(state, null, "VM " + request.vm() + " is not declared in fabric/vm");
        }
        if (fabric.nve(request.nve()).isEmpty()) {
            return refused(state, null, "NVE " + request.nve() + " is not declared in fabric/nve");
        }
        final var current = currentLocation(state, vm);
        if (current != null && current.nve().equals(request.nve())) {
            if (request.port() == null || request.port().equals(current.port())) {
                return new MoveOutcome(MoveVerdict.UNCHANGED, state, null, current, "");
            }
            if (current.port() == null) {
                final var learned = new VmLocation(vm.id(), current.nve(), request.port(), current.sequence() + 1,
                    request.trigger(), request.detectedAt(), current.frozen());
                return new MoveOutcome(MoveVerdict.PORT_LEARNED, state.withLocation(learned), null, current, "");
            }
        }
        if (current != null && current.frozen()) {
            return rejected(state, vm, current, request, "VM " + vm.id() + " is frozen on NVE " + current.nve()
                + " by duplicate-address detection; clear-duplicate-address unfreezes it");
        }
        final var announcement = state.announcement(vm.id()).orElse(null);
        final boolean announced = announcement != null && announcement.target().equals(request.nve());
        if (fabric.settings().requireAnnouncement() && request.trigger() != MoveTrigger.ORCHESTRATOR && !announced) {
            return rejected(state, vm, current, request, "require-announcement is set and no migrate-vm announced VM "
                + vm.id() + " on NVE " + request.nve());
        }
        final var settings = fabric.settings();
        final var recent = recentMoves(state, vm, request.detectedAt(),
            Duration.ofSeconds(settings.dadWindowSeconds()));
        if (current != null && recent.size() >= settings.dadMaxMoves()) {
            final var frozen = new VmLocation(vm.id(), current.nve(), current.port(), current.sequence(),
                current.learnedFrom(), current.since(), true);
            final var reason = "VM " + vm.id() + " moved " + recent.size() + " times within "
                + settings.dadWindowSeconds() + " s (dad-max-moves " + settings.dadMaxMoves()
                + "): duplicate address, location frozen on NVE " + current.nve() + ", move to " + request.nve()
                + " rejected";
            final var rejection = rejection(vm, current, request, reason);
            return new MoveOutcome(MoveVerdict.FROZEN, state.withLocation(frozen).withMigration(rejection), rejection,
                current, reason);
        }
        return moved(fabric, state, vm, current, request, announced ? announcement : null, recent);
    }

    private static MoveOutcome moved(final FabricSnapshot fabric, final MobilityState state, final Vm vm,
            final @Nullable VmLocation current, final MoveRequest request, final @Nullable Announcement announcement,
            final ArrayList<Instant> recent) {
        final long sequence = current == null ? 1 : current.sequence() + 1;
        final var port = request.port() != null ? request.port() : announcement != null ? announcement.port() : null;
        final var location = new VmLocation(vm.id(), request.nve(), port, sequence, request.trigger(),
            request.detectedAt(), false);
        final var from = current == null ? null : current.nve();
        final boolean redirects = from != null && !from.equals(request.nve());
        final var until = redirects ? request.detectedAt().plusSeconds(fabric.settings().redirectSeconds()) : null;
        final var migration = (announcement != null
            ? state.migration(announcement.migrationId()).orElseThrow()
            : Migration.start(vm.id().value() + "@" + sequence, vm.id(), from, request.nve(), request.trigger(),
                MigrationState.CONVERGING, request.detectedAt(), ""))
            .moving(from, request.trigger(), request.detectedAt(), until);
        recent.add(request.detectedAt());
        var next = state.withLocation(location).withMoveTimes(vm.id(), recent).withMigration(migration)
            .withoutAnnouncement(vm.id())
            // the VM is back on an NVE it left: that NVE must deliver it, not redirect it
            .withoutRedirect(vm.id(), request.nve());
        if (redirects) {
            next = next.withRedirect(new ActiveRedirect(vm.id(), Objects.requireNonNull(from), migration.id(),
                Objects.requireNonNull(until)));
        }
        return new MoveOutcome(MoveVerdict.MOVED, next, migration, current, "");
    }

    /**
     * Returns where the VM is: its learned location, or else the orchestrator's placement in fabric/vm
     * (sequence 0), or null. Its sequence is raised to the state's {@linkplain MobilityState#sequenceFloor
     * floor} for the VM, so the next move's sequence and migration id are new ones.
     *
     * @param state the mobility state
     * @param vm the VM
     * @return the location, or null when the VM has none yet
     */
    static @Nullable VmLocation currentLocation(final MobilityState state, final Vm vm) {
        final long floor = state.sequenceFloor(vm.id());
        final var learned = state.location(vm.id()).orElse(null);
        if (learned != null) {
            return learned.sequence() >= floor ? learned : new VmLocation(learned.vm(), learned.nve(),
                learned.port(), floor, learned.learnedFrom(), learned.since(), learned.frozen());
        }
        final var placed = vm.nve();
        return placed == null ? null
            : new VmLocation(vm.id(), placed, vm.port(), floor, MoveTrigger.ORCHESTRATOR, Instant.EPOCH, false);
    }

    private static ArrayList<Instant> recentMoves(final MobilityState state, final Vm vm, final Instant now,
            final Duration window) {
        final var since = now.minus(window);
        final var recent = new ArrayList<Instant>();
        for (var time : state.moveTimes(vm.id())) {
            if (time.isAfter(since)) {
                recent.add(time);
            }
        }
        return recent;
    }

    private static MoveOutcome refused(final MobilityState state, final @Nullable VmLocation current,
            final String reason) {
        return new MoveOutcome(MoveVerdict.REJECTED, state, null, current, reason);
    }

    /**
     * Refuses a move of a declared VM to a declared NVE, keeping the reason in the VM's one rejection
     * record ({@code <vm>@rejected}, replaced by the next rejection).
     */
    private static MoveOutcome rejected(final MobilityState state, final Vm vm, final @Nullable VmLocation current,
            final MoveRequest request, final String reason) {
        final var rejection = rejection(vm, current, request, reason);
        return new MoveOutcome(MoveVerdict.REJECTED, state.withMigration(rejection), rejection, current, reason);
    }

    private static Migration rejection(final Vm vm, final @Nullable VmLocation current, final MoveRequest request,
            final String reason) {
        return Migration.start(vm.id().value() + "@rejected", vm.id(), current == null ? null : current.nve(),
            request.nve(), request.trigger(), MigrationState.REJECTED, request.detectedAt(), reason);
    }
}
