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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MigrationTimeline;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.NveScopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVA's mobility entry point: it holds the current intent and mobility state, decides on move
 * requests (data plane, port names or orchestrator), re-programs exactly the NVEs whose flows change (the old
 * and the new NVE first, all in parallel), each only in the flow scopes that change, and records convergence
 * when their barriers are back.
 *
 * <p>The move's critical path is decide, compile, write: every change of the state is one {@link #transition}
 * under this object's lock, and nothing else happens under it. Publishing to OPERATIONAL, notifications and
 * log lines come after the flow-mods were written, on the publication executor, coalesced when several changes
 * come at once ({@link #publishSoon}). Each migration's timeline (monotonic microseconds from its detection) is
 * completed there and written with its record once published and notified.
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

    /** What one transition made of the view, and what it tells its caller. */
    private record Step<R>(View next, R result) {
    }

    /** A transition done: the views before and after it, and its result. */
    private record Done<R>(View before, View after, R result) {
    }

    /** A move decided and being programmed: its record and where its timeline stands. */
    private record InFlight(Migration migration, long detectedNanos, MigrationTimeline timeline) {
    }

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final NveProgramming programming;
    private final MobilityStateSink sink;
    private final MobilityNotifications notifications;
    private final BiFunction<View, View, ? extends Map<NveId, NveScopes>> changedScopes;
    private final Executor publications;
    /** Where decided moves are programmed (the moves thread's {@link MovesThread#programming()} in NVA). */
    private final Executor moveProgramming;
    private volatile View current;
    private final AtomicReference<@Nullable LocationIndex> locationIndex = new AtomicReference<>();
    private final AtomicReference<@Nullable DeclaredPorts> declaredPorts = new AtomicReference<>();
    /** Guarded by itself: the publication queued and not started yet, which later changes join. */
    private final Object publicationLock = new Object();
    private @Nullable CompletableFuture<Void> queuedPublication;
    /** Guards {@link #burst}. */
    private final Object burstLock = new Object();
    /** The moves decided and not programmed yet. */
    private MoveBurst<InFlight> burst = new MoveBurst<>();

    /**
     * Creates the service, publishing on the calling thread (tests).
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
     * Creates the service with what an earlier run learned, publishing on the calling thread (tests).
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
        this(clock, System::nanoTime, programming, sink, notifications, changedScopes, restored, Runnable::run);
    }

    /**
     * Creates the service with what an earlier run learned ({@link RestoredMobility}); until the first
     * intent arrives, nothing of it is forgotten. Decided moves are programmed on the thread that decided them.
     *
     * @param clock the clock stamping detections and convergence
     * @param nanoTime the monotonic ticker of the migration timelines
     * @param programming the southbound
     * @param sink where the state is published
     * @param notifications where moves and duplicate addresses are announced
     * @param changedScopes which scopes of which NVEs' flows may differ between two views
     * @param restored the state to start from
     * @param publications where publishing, notifications and the log lines of moves run, one at a time and in
     *     order (a single thread in the running NVA), after the moves' flow-mods were written
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public MobilityService(final Clock clock, final LongSupplier nanoTime, final NveProgramming programming,
            final MobilityStateSink sink, final MobilityNotifications notifications,
            final BiFunction<View, View, ? extends Map<NveId, NveScopes>> changedScopes,
            final MobilityState restored, final Executor publications) {
        this(clock, nanoTime, programming, sink, notifications, changedScopes, restored, publications, Runnable::run);
    }

    /**
     * Creates the service with what an earlier run learned ({@link RestoredMobility}), programming decided moves
     * on an executor of their own.
     *
     * @param clock the clock stamping detections and convergence
     * @param nanoTime the monotonic ticker of the migration timelines
     * @param programming the southbound
     * @param sink where the state is published
     * @param notifications where moves and duplicate addresses are announced
     * @param changedScopes which scopes of which NVEs' flows may differ between two views
     * @param restored the state to start from
     * @param publications where publishing, notifications and the log lines of moves run, one at a time and in
     *     order (a single thread in the running NVA), after the moves' flow-mods were written
     * @param moves where decided moves are programmed, in order: in the running NVA, {@link
     *     MovesThread#programming()}, which programs at once when no data plane event waits, and otherwise after
     *     the waiting events, so that the moves they decide (a burst: an evacuation's port-statuses, GARPs) are
     *     programmed together, each affected NVE once
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public MobilityService(final Clock clock, final LongSupplier nanoTime, final NveProgramming programming,
            final MobilityStateSink sink, final MobilityNotifications notifications,
            final BiFunction<View, View, ? extends Map<NveId, NveScopes>> changedScopes,
            final MobilityState restored, final Executor publications, final Executor moves) {
        current = new View(FabricSnapshot.EMPTY, restored);
        this.clock = requireNonNull(clock);
        this.nanoTime = requireNonNull(nanoTime);
        this.programming = requireNonNull(programming);
        this.sink = requireNonNull(sink);
        this.notifications = requireNonNull(notifications);
        this.changedScopes = requireNonNull(changedScopes);
        this.publications = requireNonNull(publications);
        this.moveProgramming = requireNonNull(moves);
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
        final var detected = nanoTime.getAsLong();
        final var done = transition(before -> {
            if (fabric == before.fabric()) {
                return new Step<>(before, List.<MoveRequest>of());
            }
            final List<MoveRequest> placementChanges = new ArrayList<>();
            var state = before.state();
            for (var vm : fabric.vms().values()) {
                final var placed = vm.nve();
                final var previous = before.fabric().vm(vm.id()).orElse(null);
                if (placed != null && previous != null && !placed.equals(previous.nve())) {
                    placementChanges.add(new MoveRequest(vm.id(), placed, vm.port(), MoveTrigger.ORCHESTRATOR,
                        clock.instant(), new Detection(detected, "fabric/vm placement")));
                    // the VM is where the old intent placed it until the move is decided
                    final var where = MoveDecider.currentLocation(state, previous);
                    if (where != null && state.location(vm.id()).isEmpty()) {
                        state = state.withLocation(where);
                    }
                }
            }
            return new Step<>(new View(fabric, MobilityTransitions.retainDeclared(fabric, state)), placementChanges);
        });
        if (done.before() == done.after()) {
            return;
        }
        resyncAll(new LinkedHashMap<>(changedScopes.apply(done.before(), done.after())));
        publishSoon();
        done.result().forEach(this::moveRequested);
    }

    /**
     * Decides on a move request and, when the VM moved, re-programs the affected NVEs.
     *
     * @param request the request
     * @return the outcome
     */
    public MoveOutcome moveRequested(final MoveRequest request) {
        final long handled = nanoTime.getAsLong();
        final var done = transition(before -> {
            final var outcome = MoveDecider.decide(before.fabric(), before.state(), request);
            return new Step<>(outcome.next() == before.state() ? before : new View(before.fabric(), outcome.next()),
                outcome);
        });
        final long decided = nanoTime.getAsLong();
        final var outcome = done.result();
        switch (outcome.verdict()) {
            case MOVED, PORT_LEARNED -> {
                final long detected = request.detection().nanos() == 0 ? handled : request.detection().nanos();
                final var timeline = MigrationTimeline.detected(request.detection().by().isEmpty()
                    ? request.trigger().toString() : request.detection().by())
                    .withHandled(micros(handled - detected)).withDecided(micros(decided - detected));
                final var migration = outcome.migration();
                reprogram(done.before(), done.after(), outcome.previous() == null ? null : outcome.previous().nve(),
                    request.nve(), migration == null ? null : new InFlight(migration, detected, timeline));
                publications.execute(() -> LOG.info("VM {} {} to NVE {} port {} ({}), sequence {}", request.vm(),
                    outcome.verdict() == MoveVerdict.MOVED ? "moved" : "learned on", request.nve(), request.port(),
                    request.trigger(), done.after().state().location(request.vm()).orElseThrow().sequence()));
            }
            case UNCHANGED -> LOG.debug("VM {} confirmed on NVE {} ({})", request.vm(), request.nve(),
                request.trigger());
            case REJECTED -> {
                publishSoon();
                publications.execute(() -> LOG.warn("Move of VM {} to NVE {} port {} ({}) rejected: {}", request.vm(),
                    request.nve(), request.port(), request.trigger(), outcome.reason()));
            }
            case FROZEN -> {
                publishSoon();
                final var vm = done.before().fabric().vm(request.vm()).orElseThrow();
                final var frozenAt = done.after().state().location(request.vm()).orElseThrow().nve();
                final var nves = new LinkedHashSet<NveId>();
                nves.add(frozenAt);
                nves.add(request.nve());
                publications.execute(() -> {
                    LOG.warn("Duplicate address: {}", outcome.reason());
                    notifications.duplicateAddress(vm, List.copyOf(nves));
                });
            }
            default -> throw new IllegalStateException("unexpected verdict " + outcome.verdict());
        }
        return outcome;
    }

    /**
     * A port appeared on an NVE: when its name is the declared port of one VM that is not there (hypervisors name
     * a VM's tap device after it), or a VM was announced onto it, that VM moves now, before it sends anything.
     *
     * @param nve the NVE
     * @param port the port's name
     * @param detection when the port-status was received
     * @return the outcome, empty when the port names no VM
     */
    public Optional<MoveOutcome> portAdded(final NveId nve, final PortName port,
            final Detection detection) {
        final var view = current;
        final var announced = view.state().announcements().values().stream()
            .filter(announcement -> announcement.target().equals(nve) && port.equals(announcement.port()))
            .findFirst();
        if (announced.isPresent()) {
            return Optional.of(moveRequested(new MoveRequest(announced.orElseThrow().vm(), nve, port,
                MoveTrigger.ORCHESTRATOR, clock.instant(), detection)));
        }
        return declaredPorts(view.fabric()).vmNaming(port)
            .map(vm -> moveRequested(new MoveRequest(vm.id(), nve, port, MoveTrigger.PORT_ADDED, clock.instant(),
                detection)));
    }

    private DeclaredPorts declaredPorts(final FabricSnapshot fabric) {
        final var known = declaredPorts.get();
        if (known != null && known.isOf(fabric)) {
            return known;
        }
        final var built = DeclaredPorts.of(fabric);
        declaredPorts.set(built);
        return built;
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
        return announceAll(List.of(new MoveAnnouncement(vm, target, port))).get(0);
    }

    /**
     * The orchestrator announced several moves at once (migrate-vms, an evacuation): each is decided as
     * {@link #announce} would, in order, and every target NVE is prepared once for all of them.
     *
     * @param moves the moves
     * @return the outcome of each, in order
     */
    public List<MobilityTransitions.AnnounceOutcome> announceAll(final List<MoveAnnouncement> moves) {
        final var at = clock.instant();
        final var done = transition(before -> {
            var state = before.state();
            final var outcomes = new ArrayList<MobilityTransitions.AnnounceOutcome>(moves.size());
            for (var move : moves) {
                final var outcome = MobilityTransitions.announce(before.fabric(), state, move.vm(), move.target(),
                    move.port(), at);
                outcomes.add(outcome);
                state = outcome.next();
            }
            return new Step<>(state == before.state() ? before : new View(before.fabric(), state),
                List.copyOf(outcomes));
        });
        if (done.before() != done.after()) {
            // the target NVEs prepare for the VMs' ports
            final var changes = changedScopes.apply(done.before(), done.after());
            final var nves = new LinkedHashMap<NveId, NveScopes>();
            for (var outcome : done.result()) {
                final var migration = outcome.migration();
                if (migration != null) {
                    nves.put(migration.toNve(), changes.getOrDefault(migration.toNve(), NveScopes.EVERYTHING));
                }
            }
            nves.putAll(changes);
            resyncAll(nves);
            publishSoon();
        }
        publications.execute(() -> {
            for (int i = 0; i < moves.size(); i++) {
                final var move = moves.get(i);
                final var outcome = done.result().get(i);
                final var migration = outcome.migration();
                if (migration != null) {
                    LOG.info("migrate-vm {} -> {} port {} announced as {}", move.vm(), move.target(), move.port(),
                        migration.id());
                } else {
                    LOG.info("migrate-vm {} -> {} refused: {}", move.vm(), move.target(), outcome.refusal());
                }
            }
        });
        return done.result();
    }

    /**
     * Unfreezes a VM frozen by duplicate-address detection.
     *
     * @param vm the VM
     * @return true when it was frozen
     */
    public boolean unfreeze(final VmId vm) {
        final var done = transition(before -> {
            final var next = MobilityTransitions.unfreeze(before.state(), vm);
            return new Step<>(next == before.state() ? before : new View(before.fabric(), next), null);
        });
        if (done.before() == done.after()) {
            return false;
        }
        publishSoon();
        LOG.info("VM {} unfrozen by the operator", vm);
        return true;
    }

    /**
     * A VM port disappeared from an NVE: if the orchestrator announced that VM's move, the move takes
     * effect now, so the old NVE redirects at once and the other NVEs are re-pointed.
     *
     * @param nve the NVE
     * @param port the port that disappeared
     * @param detection when the port-status was received
     */
    public void portDeleted(final NveId nve, final PortName port, final Detection detection) {
        locationIndex(current).vmOn(nve, port).ifPresent(vm -> current.state().announcement(vm.id())
            .ifPresent(announcement -> moveRequested(new MoveRequest(vm.id(), announcement.target(),
                announcement.port(), MoveTrigger.ORCHESTRATOR, clock.instant(), detection))));
    }

    /**
     * A VM port disappeared from an NVE (without a receipt time).
     *
     * @param nve the NVE
     * @param port the port that disappeared
     */
    public void portDeleted(final NveId nve, final PortName port) {
        portDeleted(nve, port, Detection.UNSTAMPED);
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
        redirectEnded(vm, from, packets, OldLocationCounts.NONE);
    }

    /**
     * The redirect flow at an old NVE was removed (hard timeout): the migration records its packets and what
     * the NVA did with those the old NVE sent it (old-location-policy icmp-unreachable), and the old NVE is
     * re-synchronised.
     *
     * @param vm the VM
     * @param from the old NVE
     * @param packets the flow's packet count
     * @param oldLocation what the NVA counted of the packets the old NVE sent it for this redirect
     */
    public void redirectEnded(final VmId vm, final NveId from, final long packets,
            final OldLocationCounts oldLocation) {
        final var done = transition(before -> {
            final var next = MobilityTransitions.redirectExpired(before.state(), vm, from, packets, oldLocation);
            return new Step<>(next == before.state() ? before : new View(before.fabric(), next), null);
        });
        if (done.before() == done.after()) {
            return;
        }
        final var nves = new LinkedHashMap<NveId, NveScopes>();
        nves.put(from, NveScopes.NONE);
        nves.putAll(changedScopes.apply(done.before(), done.after()));
        resyncAll(nves);
        publishSoon();
        if (oldLocation.packets() > 0) {
            LOG.info("Redirect of VM {} at NVE {} ended after {} packets, {} of them sent to NVA, {} answered with "
                + "ICMP unreachable", vm, from, packets, oldLocation.packets(), oldLocation.icmpUnreachableSent());
        } else {
            LOG.info("Redirect of VM {} at NVE {} ended after {} packets", vm, from, packets);
        }
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
        final var done = transition(before -> {
            final var onDemand = before.fabric().settings().destinationDistribution()
                == DestinationDistribution.ON_DEMAND;
            return new Step<>(onDemand ? new View(before.fabric(), before.state().withDemands(
                before.state().demands().with(nve, vm))) : before, null);
        });
        // the demand changes the VM's scope at this NVE at most (none in push mode: then the flow is being
        // pushed, and the barrier tells when it is there)
        final var scopes = changedScopes.apply(done.before(), done.after()).getOrDefault(nve, NveScopes.NONE);
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
        final var done = transition(before -> {
            final var next = before.state().withDemands(before.state().demands().without(nve, vm));
            return new Step<>(next == before.state() ? before : new View(before.fabric(), next), null);
        });
        if (done.before() == done.after()) {
            return;
        }
        // the switch has dropped the flow already (and the session forgot it): nothing to send, only the
        // derived state to keep current
        changedScopes.apply(done.before(), done.after());
        LOG.debug("Pulled flow of VM {} at NVE {} idled out", vm, nve);
    }

    /**
     * Publishes the current state soon, on the publication executor; a publication queued and not started yet
     * takes this change along (several moves at once make one publication).
     *
     * @return done when a publication that includes every change made before this call was committed
     */
    private CompletableFuture<Void> publishSoon() {
        final CompletableFuture<Void> publication;
        synchronized (publicationLock) {
            final var queued = queuedPublication;
            if (queued != null) {
                return queued;
            }
            publication = new CompletableFuture<>();
            queuedPublication = publication;
        }
        publications.execute(() -> publish(publication));
        return publication;
    }

    // whatever the sink throws fails the publication's future; the next change publishes again
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void publish(final CompletableFuture<Void> publication) {
        synchronized (publicationLock) {
            // changes from now on queue another publication
            queuedPublication = null;
        }
        final var view = current;
        try {
            sink.publish(view.fabric(), view.state()).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    publication.completeExceptionally(failure);
                } else {
                    publication.complete(null);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Publishing the mobility state failed", e);
            publication.completeExceptionally(e);
        }
    }

    /** Runs one change of the view under the lock; nothing else happens under it. */
    private <R> Done<R> transition(final Function<View, Step<R>> step) {
        synchronized (this) {
            final var before = current;
            final var next = step.apply(before);
            current = next.next();
            return new Done<>(before, next.next(), next.result());
        }
    }

    private void reprogram(final View before, final View after, final @Nullable NveId from, final NveId to,
            final @Nullable InFlight move) {
        final var changes = changedScopes.apply(before, after);
        final var affected = new LinkedHashMap<NveId, NveScopes>();
        // the old and the new NVE first, the others right after; all in parallel. An NVE none of whose
        // flows changed still answers a barrier.
        if (from != null) {
            affected.put(from, changes.getOrDefault(from, NveScopes.NONE));
        }
        affected.put(to, changes.getOrDefault(to, NveScopes.NONE));
        affected.putAll(changes);
        final boolean first;
        synchronized (burstLock) {
            first = burst.add(affected, move);
        }
        if (first) {
            // moves decided before the programming starts (on the moves thread: events queued there) join this burst
            moveProgramming.execute(this::programBurst);
        }
    }

    /** Programs the moves decided so far: each affected NVE once, with the union of their scopes there. */
    private void programBurst() {
        final MoveBurst<InFlight> taken;
        synchronized (burstLock) {
            taken = burst;
            burst = new MoveBurst<>();
        }
        final var programs = resyncAll(taken.nves());
        final long compiled = nanoTime.getAsLong();
        // the datastore once the NVEs answered (or failed): while they apply the flow-mods, NVA's own work does
        // not compete with them for the CPU
        CompletableFuture.allOf(programs.values().toArray(CompletableFuture[]::new))
            .whenComplete((ignored, failure) -> publishSoon());
        for (var entry : taken.moves()) {
            final var move = entry.move();
            final var own = new LinkedHashMap<NveId, CompletableFuture<ProgrammingReport>>();
            for (var nve : entry.nves()) {
                own.put(nve, programs.get(nve));
            }
            awaitConvergence(move, own, move.timeline().withCompiled(micros(compiled - move.detectedNanos())));
        }
    }

    /** Records a move converged once the barriers of the NVEs it affects are back (or failed, if one failed). */
    private void awaitConvergence(final InFlight move,
            final Map<NveId, CompletableFuture<ProgrammingReport>> programs, final MigrationTimeline timeline) {
        final var all = CompletableFuture.allOf(programs.values().toArray(CompletableFuture[]::new));
        all.whenComplete((ignored, failure) -> {
            if (failure != null) {
                failed(move.migration(), failure);
                return;
            }
            var last = move.migration().detectedAt();
            long lastBarrier = 0;
            var stages = timeline;
            for (var entry : programs.entrySet()) {
                final var report = entry.getValue().join();
                if (report.acknowledgedAt().isAfter(last)) {
                    last = report.acknowledgedAt();
                }
                lastBarrier = Math.max(lastBarrier, report.barrierNanos());
                stages = stages.withNve(new MigrationTimeline.NveStage(entry.getKey(), report.flowMods(),
                    report.writtenNanos() == 0 ? null : micros(report.writtenNanos() - move.detectedNanos()),
                    report.barrierNanos() == 0 ? null : micros(report.barrierNanos() - move.detectedNanos())));
            }
            final long convergedNanos = lastBarrier == 0 ? nanoTime.getAsLong() : lastBarrier;
            converged(move, last, stages.withConverged(micros(convergedNanos - move.detectedNanos())));
        });
    }

    private Map<NveId, CompletableFuture<ProgrammingReport>> resyncAll(final Map<NveId, NveScopes> nves) {
        final var programs = new LinkedHashMap<NveId, CompletableFuture<ProgrammingReport>>();
        for (var entry : nves.entrySet()) {
            final var nve = entry.getKey();
            programs.put(nve, programming.program(nve, entry.getValue()).whenComplete((report, failure) -> {
                if (failure != null) {
                    LOG.warn("Re-sync of NVE {} failed: {}", nve, failure.getMessage());
                }
            }));
        }
        return programs;
    }

    private void converged(final InFlight move, final Instant at, final MigrationTimeline timeline) {
        final var id = move.migration().id();
        final var done = transition(before -> {
            final var next = MobilityTransitions.converged(before.state(), id, at);
            return new Step<>(next == before.state() ? before : new View(before.fabric(), next),
                next.migration(id).orElse(null));
        });
        final var converged = done.result();
        if (done.before() == done.after() || converged == null) {
            return;
        }
        // off the critical path: publish, notify, then write the complete timeline with the record
        publishSoon().whenCompleteAsync((ignored, failure) -> {
            var complete = timeline;
            if (failure == null) {
                complete = complete.withPublished(micros(nanoTime.getAsLong() - move.detectedNanos()));
            }
            notifications.vmMoved(converged);
            complete = complete.withNotified(micros(nanoTime.getAsLong() - move.detectedNanos()));
            recordTimeline(id, complete);
            LOG.info("Migration {} of VM {} converged in {} us: {}", id, converged.vm(), timeline.convergedMicros(),
                complete.summary());
        }, publications);
    }

    private void recordTimeline(final String id, final MigrationTimeline timeline) {
        final var done = transition(before -> {
            final var migration = before.state().migration(id).orElse(null);
            return new Step<>(migration == null ? before
                : new View(before.fabric(), before.state().withMigration(migration.withTimeline(timeline))), null);
        });
        if (done.before() != done.after()) {
            publishSoon();
        }
    }

    private void failed(final Migration migration, final Throwable failure) {
        final var done = transition(before -> {
            final var recorded = before.state().migration(migration.id()).orElse(null);
            if (recorded == null || recorded.state() != MigrationState.CONVERGING) {
                return new Step<>(before, null);
            }
            return new Step<>(new View(before.fabric(), before.state().withMigration(recorded.withState(
                MigrationState.FAILED, "re-programming the NVEs failed: " + failure.getMessage()))), null);
        });
        if (done.before() != done.after()) {
            publishSoon();
            LOG.warn("Migration {} of VM {} failed: {}", migration.id(), migration.vm(), failure.getMessage());
        }
    }

    private static long micros(final long nanos) {
        return Math.max(0, nanos / 1_000);
    }
}
