/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.flow.NveScopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVA's mobility entry point: it holds the current intent and mobility state, decides on move
 * requests (data plane or orchestrator), publishes the result, re-synchronises exactly the NVEs whose
 * flows change (the old and the new NVE first), each only in the flow scopes that change
 * ({@link NveProgramming#resync(NveId, NveScopes)}), and records convergence when their barriers are back.
 *
 * <p>Decisions are serialised by this object's lock; re-synchronisations run asynchronously, each NVE
 * computing its desired flows from {@link #current()} when its turn comes, so a later move is never
 * overtaken by an earlier one.
 */
public final class MobilityService {
    private static final Logger LOG = LoggerFactory.getLogger(MobilityService.class);

    /** The intent and the mobility state, read together by the flow source. */
    public record View(FabricSnapshot fabric, MobilityState state) {
        public View {
            requireNonNull(fabric);
            requireNonNull(state);
        }
    }

    private final Clock clock;
    private final NveProgramming programming;
    private final MobilityStateSink sink;
    private final MobilityNotifications notifications;
    private final BiFunction<View, View, ? extends Map<NveId, NveScopes>> changedScopes;
    private volatile View current;
    private final AtomicReference<@Nullable LocationIndex> locationIndex = new AtomicReference<>();

    /**
     * Creates the service.
     *
     * @param clock the clock stamping detections and convergence
     * @param programming the southbound
     * @param sink where the state is published
     * @param notifications where moves and duplicate addresses are announced
     * @param changedScopes which scopes of which NVEs' flows may differ between two views (the flow
     *     compiler's answer)
     */
    public MobilityService(final Clock clock, final NveProgramming programming, final MobilityStateSink sink,
            final MobilityNotifications notifications,
            final BiFunction<View, View, ? extends Map<NveId, NveScopes>> changedScopes) {
        this(clock, programming, sink, notifications, changedScopes, MobilityState.EMPTY);
    }

    /**
     * Creates the service with what an earlier run learned ({@link RestoredMobility}); until the first
     * intent arrives, nothing of it is forgotten.
     *
     * @param clock the clock stamping detections and convergence
     * @param programming the southbound
     * @param sink where the state is published
     * @param notifications where moves and duplicate addresses are announced
     * @param changedScopes which scopes of which NVEs' flows may differ between two views
     * @param restored the state to start from
     */
    public MobilityService(final Clock clock, final NveProgramming programming, final MobilityStateSink sink,
            final MobilityNotifications notifications,
            final BiFunction<View, View, ? extends Map<NveId, NveScopes>> changedScopes,
            final MobilityState restored) {
        current = new View(FabricSnapshot.EMPTY, restored);
        this.clock = requireNonNull(clock);
        this.programming = requireNonNull(programming);
        this.sink = requireNonNull(sink);
        this.notifications = requireNonNull(notifications);
        this.changedScopes = requireNonNull(changedScopes);
    }

    /**
     * Returns the current intent and mobility state.
     *
     * @return the view
     */
    public View current() {
        return current;
    }

    /**
     * The intent changed: what was learned about VMs or NVEs that left it is forgotten, and a VM whose
     * placement the orchestrator changed in fabric/vm moves there. The intent already known changes
     * nothing (the directory's empty snapshot before it read the datastore does not make a restored state
     * forget its VMs).
     *
     * @param fabric the new intent
     */
    public void fabricChanged(final FabricSnapshot fabric) {
        final List<MoveRequest> placementChanges = new ArrayList<>();
        final View before;
        final View after;
        synchronized (this) {
            before = current;
            if (fabric == before.fabric()) {
                return;
            }
            var state = before.state();
            for (var vm : fabric.vms().values()) {
                final var placed = vm.nve();
                final var previous = before.fabric().vm(vm.id()).orElse(null);
                if (placed != null && previous != null && !placed.equals(previous.nve())) {
                    placementChanges.add(new MoveRequest(vm.id(), placed, vm.port(), MoveTrigger.ORCHESTRATOR,
                        clock.instant()));
                    // the VM is where the old intent placed it until the move is decided
                    final var where = MoveDecider.currentLocation(state, previous);
                    if (where != null && state.location(vm.id()).isEmpty()) {
                        state = state.withLocation(where);
                    }
                }
            }
            after = new View(fabric, MobilityTransitions.retainDeclared(fabric, state));
            current = after;
            sink.publish(fabric, after.state());
        }
        resyncAll(new LinkedHashMap<>(changedScopes.apply(before, after)), null);
        placementChanges.forEach(this::moveRequested);
    }

    /**
     * Decides on a move request and, when the VM moved, re-programs the affected NVEs.
     *
     * @param request the request
     * @return the outcome
     */
    public MoveOutcome moveRequested(final MoveRequest request) {
        final MoveOutcome outcome;
        final View before;
        final View after;
        synchronized (this) {
            before = current;
            outcome = MoveDecider.decide(before.fabric(), before.state(), request);
            after = new View(before.fabric(), outcome.next());
            current = after;
            if (outcome.next() != before.state()) {
                sink.publish(after.fabric(), after.state());
            }
        }
        switch (outcome.verdict()) {
            case MOVED, PORT_LEARNED -> {
                LOG.info("VM {} {} to NVE {} port {} ({}), sequence {}", request.vm(),
                    outcome.verdict() == MoveVerdict.MOVED ? "moved" : "learned on", request.nve(),
                    request.port(), request.trigger(), after.state().location(request.vm()).orElseThrow().sequence());
                reprogram(before, after, outcome.previous() == null ? null : outcome.previous().nve(), request.nve(),
                    outcome.migration());
            }
            case UNCHANGED -> LOG.debug("VM {} confirmed on NVE {} ({})", request.vm(), request.nve(),
                request.trigger());
            case REJECTED -> LOG.warn("Move of VM {} to NVE {} port {} ({}) rejected: {}", request.vm(),
                request.nve(), request.port(), request.trigger(), outcome.reason());
            case FROZEN -> {
                LOG.warn("Duplicate address: {}", outcome.reason());
                final var vm = before.fabric().vm(request.vm()).orElseThrow();
                final var frozenAt = after.state().location(request.vm()).orElseThrow().nve();
                final var nves = new LinkedHashSet<NveId>();
                nves.add(frozenAt);
                nves.add(request.nve());
                notifications.duplicateAddress(vm, List.copyOf(nves));
            }
            default -> throw new IllegalStateException("unexpected verdict " + outcome.verdict());
        }
        return outcome;
    }

    /**
     * The orchestrator announced a move (migrate-vm).
     *
     * @param vm the VM
     * @param target the NVE it moves to
     * @param port its port there, or null
     * @return the outcome
     */
    public MobilityTransitions.AnnounceOutcome announce(final VmId vm, final NveId target,
            final @Nullable PortName port) {
        final MobilityTransitions.AnnounceOutcome outcome;
        final View before;
        final View after;
        synchronized (this) {
            before = current;
            outcome = MobilityTransitions.announce(before.fabric(), before.state(), vm, target, port,
                clock.instant());
            after = new View(before.fabric(), outcome.next());
            current = after;
            if (outcome.migration() != null) {
                sink.publish(after.fabric(), after.state());
            }
        }
        if (outcome.migration() != null) {
            LOG.info("migrate-vm {} -> {} port {} announced as {}", vm, target, port, outcome.migration().id());
            // the target NVE prepares for the VM's port
            final var changes = changedScopes.apply(before, after);
            final var nves = new LinkedHashMap<NveId, NveScopes>();
            nves.put(target, changes.getOrDefault(target, NveScopes.EVERYTHING));
            nves.putAll(changes);
            resyncAll(nves, null);
        } else {
            LOG.info("migrate-vm {} -> {} refused: {}", vm, target, outcome.refusal());
        }
        return outcome;
    }

    /**
     * Unfreezes a VM frozen by duplicate-address detection.
     *
     * @param vm the VM
     * @return true when it was frozen
     */
    public boolean unfreeze(final VmId vm) {
        synchronized (this) {
            final var before = current;
            final var next = MobilityTransitions.unfreeze(before.state(), vm);
            if (next == before.state()) {
                return false;
            }
            current = new View(before.fabric(), next);
            sink.publish(before.fabric(), next);
        }
        LOG.info("VM {} unfrozen by the operator", vm);
        return true;
    }

    /**
     * A VM port disappeared from an NVE: if the orchestrator announced that VM's move, the move takes
     * effect now, so the old NVE redirects at once and the other NVEs are re-pointed.
     *
     * @param nve the NVE
     * @param port the port that disappeared
     */
    public void portDeleted(final NveId nve, final PortName port) {
        locationIndex(current).vmOn(nve, port).ifPresent(vm -> moveAnnounced(vm.id()));
    }

    /**
     * Returns which VM is on which port in a view, patching the index built last when the view is a
     * recent successor of its view (the time of the changes, not of every VM).
     *
     * @param view the view, usually {@link #current()}
     * @return the index of that view
     */
    public LocationIndex locationIndex(final View view) {
        final var last = locationIndex.get();
        final var index = last == null ? LocationIndex.of(view.fabric(), view.state())
            : last.patched(view.fabric(), view.state());
        // racing callers may set an index of an older view: any index is right for its own view
        locationIndex.set(index);
        return index;
    }

    private void moveAnnounced(final VmId vm) {
        current.state().announcement(vm).ifPresent(announcement -> moveRequested(new MoveRequest(vm,
            announcement.target(), announcement.port(), MoveTrigger.ORCHESTRATOR, clock.instant())));
    }

    /**
     * The redirect flow at an old NVE was removed (hard timeout): the migration records its packets, and
     * the old NVE is re-synchronised, since what it held for the redirect alone (the VM's VNI, when no other
     * VM of it is there) is no longer desired.
     *
     * @param vm the VM
     * @param from the old NVE
     * @param packets the flow's packet count
     */
    public void redirectEnded(final VmId vm, final NveId from, final long packets) {
        final View before;
        final View after;
        synchronized (this) {
            before = current;
            final var next = MobilityTransitions.redirectExpired(before.state(), vm, from, packets);
            if (next == before.state()) {
                return;
            }
            after = new View(before.fabric(), next);
            current = after;
            sink.publish(before.fabric(), next);
        }
        LOG.info("Redirect of VM {} at NVE {} ended after {} packets", vm, from, packets);
        final var nves = new LinkedHashMap<NveId, NveScopes>();
        nves.put(from, NveScopes.NONE);
        nves.putAll(changedScopes.apply(before, after));
        resyncAll(nves, null);
    }

    /**
     * An NVE asked for a remote VM it has no destination flow for (a punted miss): with
     * destination-distribution on-demand the VM becomes one of the NVE's demands; the NVE is re-synchronised
     * either way, so that its flow for the VM is there when the returned future completes.
     *
     * @param nve the NVE that asked
     * @param vm the VM it asked for
     * @return the NVE's barrier reply time; fails when the NVE is not connected or the sync failed
     */
    public CompletableFuture<Instant> pulled(final NveId nve, final VmId vm) {
        final View before;
        final View after;
        synchronized (this) {
            before = current;
            final var onDemand = before.fabric().settings().destinationDistribution()
                == DestinationDistribution.ON_DEMAND;
            after = onDemand ? new View(before.fabric(), before.state().withDemands(
                before.state().demands().with(nve, vm))) : before;
            current = after;
        }
        // the demand changes the VM's scope at this NVE at most (none in push mode: then the flow is being
        // pushed, and the barrier tells when it is there)
        final var scopes = changedScopes.apply(before, after).getOrDefault(nve, NveScopes.NONE);
        LOG.debug("NVE {} pulled VM {}", nve, vm);
        return programming.resync(nve, scopes);
    }

    /**
     * The switch removed an NVE's pulled flow for a VM as idle: the demand ends, so that no later re-sync
     * brings the flow back.
     *
     * @param nve the NVE
     * @param vm the VM
     */
    public void pullExpired(final NveId nve, final VmId vm) {
        final View before;
        final View after;
        synchronized (this) {
            before = current;
            final var next = before.state().withDemands(before.state().demands().without(nve, vm));
            if (next == before.state()) {
                return;
            }
            after = new View(before.fabric(), next);
            current = after;
        }
        // the switch has dropped the flow already (and the session forgot it): nothing to send, only the
        // derived state to keep current
        changedScopes.apply(before, after);
        LOG.debug("Pulled flow of VM {} at NVE {} idled out", vm, nve);
    }

    private void reprogram(final View before, final View after, final @Nullable NveId from, final NveId to,
            final @Nullable Migration migration) {
        final var changes = changedScopes.apply(before, after);
        final var affected = new LinkedHashMap<NveId, NveScopes>();
        // the old and the new NVE first, the others right after; all in parallel. An NVE none of whose
        // flows changed still answers a barrier.
        if (from != null) {
            affected.put(from, changes.getOrDefault(from, NveScopes.NONE));
        }
        affected.put(to, changes.getOrDefault(to, NveScopes.NONE));
        affected.putAll(changes);
        resyncAll(affected, migration);
    }

    private void resyncAll(final Map<NveId, NveScopes> nves, final @Nullable Migration migration) {
        final var syncs = new ArrayList<CompletableFuture<Instant>>();
        for (var entry : nves.entrySet()) {
            final var nve = entry.getKey();
            syncs.add(programming.resync(nve, entry.getValue()).whenComplete((at, failure) -> {
                if (failure != null) {
                    LOG.warn("Re-sync of NVE {}{} failed: {}", nve, migration == null ? ""
                        : " for migration " + migration.id(), failure.getMessage());
                }
            }));
        }
        if (migration == null) {
            return;
        }
        CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                failed(migration, failure);
                return;
            }
            var last = migration.detectedAt();
            for (var sync : syncs) {
                final var at = sync.join();
                if (at.isAfter(last)) {
                    last = at;
                }
            }
            converged(migration, last);
        });
    }

    private void converged(final Migration migration, final Instant at) {
        final Migration converged;
        synchronized (this) {
            final var before = current;
            final var next = MobilityTransitions.converged(before.state(), migration.id(), at);
            if (next == before.state()) {
                return;
            }
            current = new View(before.fabric(), next);
            sink.publish(before.fabric(), next);
            converged = next.migration(migration.id()).orElseThrow();
        }
        LOG.info("Migration {} of VM {} converged in {} us", converged.id(), converged.vm(),
            converged.convergence().orElseThrow().toNanos() / 1_000);
        notifications.vmMoved(converged);
    }

    private void failed(final Migration migration, final Throwable failure) {
        synchronized (this) {
            final var before = current;
            final var recorded = before.state().migration(migration.id()).orElse(null);
            if (recorded == null || recorded.state() != MigrationState.CONVERGING) {
                return;
            }
            final var next = before.state().withMigration(recorded.withState(MigrationState.FAILED,
                "re-programming the NVEs failed: " + failure.getMessage()));
            current = new View(before.fabric(), next);
            sink.publish(before.fabric(), next);
        }
    }
}
