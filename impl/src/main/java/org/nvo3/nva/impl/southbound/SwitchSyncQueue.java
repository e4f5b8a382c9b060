/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowCookie;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowScope;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ScopedFlows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch's flow synchronisations, run one after another, and the NVA flows the switch holds, by scope.
 *
 * <p>A full synchronisation reads the switch's flows (flow-stats) and diffs them against every desired flow;
 * once its barrier is back, the queue knows the NVA flows the switch holds, by {@code FlowScope}, and only then
 * does the next synchronisation start. An incremental one re-compiles only the given scopes (and those of the
 * VMs on ports that changed), sends their difference against what those scopes held and a barrier, and takes
 * what the switch will hold at once: the next synchronisation is pipelined behind it, without waiting for its
 * barrier reply (OpenFlow processes one connection's messages in order), so a move never waits for an earlier
 * port-status's barrier. When what the switch holds is not known (no full synchronisation yet), the meter
 * changed, or the switch refuses a flow-mod, a full synchronisation follows and repairs whatever was sent.
 */
final class SwitchSyncQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchSyncQueue.class);
    /** Up to this many scopes are compiled on the requesting thread; more on the switch's event loop. */
    private static final int INLINE_SCOPES = 256;

    /**
     * The NVA flows a switch holds, by scope, as NVA last brought it to them, and the ports and meter they
     * were compiled with.
     */
    private record Installed(ScopedFlows flows, NvePorts ports, @Nullable Long punterMeter) {
    }

    /**
     * A port list the switch described (the connection replaces its list when a port changes) and the ports the flow
     * compiler took from it.
     */
    private record PortsSeen(List<SwitchPort> described, NvePorts ports) {
    }

    /**
     * A synchronisation started: when the queue may go on (an incremental one's flow-mods are written; a full one
     * holds it until its barrier reply), and its report once acknowledged.
     */
    private record Launched(CompletableFuture<?> continueAfter, CompletableFuture<SyncReport> acknowledged) {
    }

    /** An incremental synchronisation queued and not started yet, which later requests join. */
    private static final class Pending {
        final CompletableFuture<SyncReport> result = new CompletableFuture<>();
        /** Guarded by the queue's pending lock, like the other fields: the scopes joined so far. */
        final Set<FlowScope> scopes = new HashSet<>();
        boolean everything;
        boolean started;

        Pending(final NveScopes first) {
            join(first);
        }

        void join(final NveScopes more) {
            if (more.everything()) {
                everything = true;
                scopes.clear();
            } else if (!everything) {
                scopes.addAll(more.scopes());
            }
        }

        NveScopes batch() {
            return everything ? NveScopes.EVERYTHING : NveScopes.of(scopes);
        }
    }

    private final SwitchConnection connection;
    private final Object pendingLock = new Object();
    /** Guarded by {@link #pendingLock}. */
    private @Nullable Pending pending;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Object queueLock = new Object();
    /** The last synchronisation queued; guarded by {@link #queueLock}. */
    private CompletableFuture<@Nullable SyncReport> queue = CompletableFuture.completedFuture(null);
    /** What was last made desired in full; null when an incremental synchronisation changed it since. */
    private volatile @Nullable ScopedFlows desired;
    /** What the switch holds, null when not known for sure. Read and written only by the synchronisations. */
    private volatile @Nullable Installed installed;
    /** The switch's port list last turned into {@link NvePorts}, and what it became. */
    private volatile @Nullable PortsSeen portsSeen;
    private volatile long flowCount;
    private volatile @Nullable Instant lastSync;

    SwitchSyncQueue(final SwitchConnection connection, final Clock clock, final LongSupplier nanoTime) {
        this.connection = requireNonNull(connection);
        this.clock = requireNonNull(clock);
        this.nanoTime = requireNonNull(nanoTime);
    }

    /**
     * Returns the flows the switch held after its last successful synchronisation.
     *
     * @return the flow count, 0 before the first
     */
    long flowCount() {
        return flowCount;
    }

    /**
     * Returns when the switch acknowledged its last successful synchronisation.
     *
     * @return the barrier reply time, or null before the first
     */
    @Nullable Instant lastSync() {
        return lastSync;
    }

    /**
     * Returns the switch's ports now, as the flow compiler takes them.
     *
     * @return the ports
     */
    NvePorts ports() {
        final var described = connection.ports();
        final var seen = portsSeen;
        if (seen != null && seen.described() == described) {
            // unchanged since (the connection's list is immutable): a move does not re-validate every port name
            return seen.ports();
        }
        final var numbers = new HashMap<String, Long>();
        described.forEach(port -> numbers.put(port.name(), port.number()));
        final var ports = NvePorts.described(numbers);
        portsSeen = new PortsSeen(described, ports);
        return ports;
    }

    /**
     * Brings the switch to all its desired flows, after the synchronisations already queued, reading what it
     * holds; when they are what it was last brought to in full, nothing new is queued.
     *
     * @param nve the NVE bound to the switch
     * @param why what the log line gives as the reason
     * @param newDesired every desired flow
     * @param ports the ports they were compiled with
     * @param meter the punt meter they were compiled with
     * @param onSynced called with the report of a successful synchronisation
     * @return the barrier reply time (of the synchronisation under way when nothing new was queued)
     */
    CompletableFuture<Instant> syncFully(final Nve nve, final String why, final ScopedFlows newDesired,
            final NvePorts ports, final @Nullable Long meter, final Consumer<SyncReport> onSynced) {
        if (newDesired.equals(desired)) {
            // nothing new: done when the synchronisation already under way for it is
            return tail().thenApply(report -> report == null ? clock.instant() : report.acknowledgedAt());
        }
        desired = newDesired;
        return enqueue(nve, why, () -> fullSync(newDesired, ports, meter), onSynced);
    }

    /**
     * Re-compiles some scopes, after the synchronisations already queued, and sends their difference against
     * what the switch holds in them (also the scopes of the VMs on ports that changed since); a full
     * synchronisation instead when what it holds is not known, its meter changed since, or the switch refuses
     * a flow-mod. A request made while an incremental synchronisation is queued and not started yet joins it:
     * both go in one batch of flow-mods with one barrier, and share its report.
     *
     * @param nve the NVE bound to the switch
     * @param why what the log line gives as the reason
     * @param scopes the scopes whose flows may have changed
     * @param source the desired flows
     * @param meter the switch's punt meter when the synchronisation runs
     * @param onSynced called with the report of a successful synchronisation
     * @param coalesce whether the synchronisation starts only once the switch's event loop has handled what it
     *     read (a port-status: the port-statuses that came with it, an evacuation's, join it) instead of at once
     *     when nothing is queued before it (a move)
     * @return the report of the synchronisation that carried these scopes
     */
    CompletableFuture<SyncReport> syncIncrementally(final Nve nve, final String why, final NveScopes scopes,
            final DesiredFlowSource source, final Supplier<@Nullable Long> meter,
            final Consumer<SyncReport> onSynced, final boolean coalesce) {
        requireNonNull(scopes);
        final Pending joined;
        synchronized (pendingLock) {
            final var queued = pending;
            if (queued != null && !queued.started) {
                // not started yet: this request's scopes go with it (a burst of moves makes one batch and one
                // barrier per switch)
                queued.join(scopes);
                return queued.result;
            }
            joined = new Pending(scopes);
            pending = joined;
        }
        // the last full desired set is no longer what the switch is brought to
        desired = null;
        append(tail -> afterTail(tail, coalesce).thenCompose(ignored -> {
            final NveScopes batch;
            synchronized (pendingLock) {
                joined.started = true;
                if (pending == joined) {
                    pending = null;
                }
                batch = joined.batch();
            }
            final CompletableFuture<Launched> launched;
            final boolean large = batch.everything() || batch.scopes().size() > INLINE_SCOPES;
            if (large) {
                // a large compile (an intent change): on the switch's own event loop, in parallel with the others
                launched = CompletableFuture.supplyAsync(() -> incrementalSync(nve, why, batch, source, meter,
                    onSynced), connection.executor());
            } else {
                // a move's few scopes: compiled and written right here, no thread hop
                launched = launch(() -> incrementalSync(nve, why, batch, source, meter, onSynced));
            }
            launched.thenCompose(Launched::acknowledged).whenComplete((report, failure) -> {
                // a move's or a port's few scopes are logged at DEBUG: its migration's line tells the story
                reportSync(nve, why, report, failure, onSynced, large);
                if (failure != null) {
                    joined.result.completeExceptionally(failure);
                } else {
                    joined.result.complete(report);
                }
            });
            // pipelined: the switch's next synchronisation goes out as soon as these flow-mods are written, not
            // at their barrier reply (OpenFlow keeps one connection's messages in order)
            return launched.thenCompose(Launched::continueAfter).handle((done, failure) -> (SyncReport) null);
        }));
        return joined.result;
    }

    /**
     * Done when the queue's tail is, whatever became of it; when coalescing, in a task of the switch's event loop,
     * which runs after the messages it is handling now.
     */
    private CompletableFuture<@Nullable Object> afterTail(final CompletableFuture<@Nullable SyncReport> tail,
            final boolean coalesce) {
        final CompletableFuture<@Nullable Object> done = tail.handle((ignored, failure) -> null);
        return coalesce ? done.thenApplyAsync(ignored -> null, connection.executor()) : done;
    }

    /** Starts a synchronisation on this thread; one that throws fails its futures instead. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static CompletableFuture<Launched> launch(final Supplier<Launched> start) {
        try {
            return CompletableFuture.completedFuture(start.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Takes a flow the switch removed by itself out of what it holds, in turn with the synchronisations.
     *
     * @param cookie the removed flow's cookie
     */
    void forget(final FlowCookie cookie) {
        append(tail -> tail.handle((ignored, failure) -> {
            final var now = installed;
            if (now != null) {
                installed = new Installed(now.flows().without(cookie), now.ports(), now.punterMeter());
            }
            return null;
        }));
    }

    private CompletableFuture<@Nullable SyncReport> tail() {
        synchronized (queueLock) {
            return queue;
        }
    }

    /**
     * Appends a step to the queue, applying it exactly once (a compare-and-set retry would start a synchronisation
     * twice, and two running at once would each take the other's flows for the switch's).
     */
    private CompletableFuture<@Nullable SyncReport> append(
            final UnaryOperator<CompletableFuture<@Nullable SyncReport>> step) {
        synchronized (queueLock) {
            queue = step.apply(queue);
            return queue;
        }
    }

    /** Runs a synchronisation of the switch after those already queued, whatever became of them. */
    private CompletableFuture<Instant> enqueue(final Nve nve, final String why,
            final Supplier<CompletableFuture<SyncReport>> sync, final Consumer<SyncReport> onSynced) {
        return enqueueReporting(nve, why, sync, onSynced).thenApply(SyncReport::acknowledgedAt);
    }

    private CompletableFuture<SyncReport> enqueueReporting(final Nve nve, final String why,
            final Supplier<CompletableFuture<SyncReport>> sync, final Consumer<SyncReport> onSynced) {
        final CompletableFuture<@Nullable SyncReport> next = append(tail ->
            tail.handle((ignored, failure) -> null)
                .thenCompose(ignored -> sync.get())
                .whenComplete((report, failure) -> reportSync(nve, why, report, failure, onSynced, true)));
        return next.thenApply(report -> requireNonNull(report));
    }

    /** Reads the switch's flows and brings them to the desired ones; then they are known. */
    private CompletableFuture<SyncReport> fullSync(final ScopedFlows flows, final NvePorts ports,
            final @Nullable Long meter) {
        installed = null;
        return NveSynchronizer.sync(connection, flows.all(), clock).thenApply(report -> {
            // persistent now, not on the first move that re-compiles a few of these scopes
            installed = new Installed(flows.persisted(), ports, meter);
            return report;
        });
    }

    private Launched incrementalSync(final Nve nve, final String why, final NveScopes requested,
            final DesiredFlowSource source, final Supplier<@Nullable Long> meterNow,
            final Consumer<SyncReport> onSynced) {
        final var held = installed;
        final var ports = ports();
        final var meter = meterNow.get();
        if (held == null || !Objects.equals(held.punterMeter(), meter)) {
            LOG.debug("{} (switch {}): installed flows unknown or compiled for another meter, full sync",
                nve.id(), nve.datapathId());
            // a full synchronisation holds the queue until its barrier reply: it reads the switch's flows
            final var full = fullSync(source.desired(nve.id(), ports, meter, NveScopes.EVERYTHING), ports, meter);
            return new Launched(full, full);
        }
        // ports that came, went or were renumbered since: the scopes of the VMs on them too, still without
        // reading the switch's flows
        final var scopes = held.ports().equals(ports) ? requested
            : requested.plus(source.portChangeScopes(nve.id(), held.ports(), ports));
        final var compiled = source.desired(nve.id(), ports, meter, scopes);
        final var next = held.flows().replaced(scopes, compiled);
        final var diff = FlowDiff.between(compiled.all(), held.flows().flowsOf(scopes));
        // what the switch holds once these flow-mods are applied, taken at once: the next synchronisation builds
        // on it without waiting for the barrier reply
        installed = new Installed(next, ports, meter);
        final var acknowledged = NveSynchronizer.apply(connection, diff, next.size(), clock, nanoTime)
            .exceptionallyCompose(failure -> {
                LOG.warn("Incremental sync of {} (switch {}) failed, reading its flows for a full sync: {}",
                    nve.id(), nve.datapathId(), failure.getMessage());
                // nothing is known for sure any more: a full synchronisation, in turn, repairs whatever this and the
                // synchronisations sent after it left
                installed = null;
                final var repaired = new CompletableFuture<SyncReport>();
                append(tail -> tail.handle((ignored, earlier) -> null).thenCompose(ignored -> {
                    final var nowPorts = ports();
                    final var nowMeter = meterNow.get();
                    return fullSync(source.desired(nve.id(), nowPorts, nowMeter, NveScopes.EVERYTHING), nowPorts,
                        nowMeter);
                }).whenComplete((report, again) -> {
                    if (again != null) {
                        repaired.completeExceptionally(again);
                    } else {
                        repaired.complete(report);
                    }
                }));
                return repaired;
            });
        return new Launched(CompletableFuture.completedFuture(null), acknowledged);
    }

    private void reportSync(final Nve nve, final String why, final @Nullable SyncReport report,
            final @Nullable Throwable failure, final Consumer<SyncReport> onSynced, final boolean atInfo) {
        if (failure != null || report == null) {
            if (isDisconnect(failure)) {
                // expected when the switch reconnects (e.g. OVS gave up on a slow handshake): it is synced again
                LOG.info("Sync of {} (switch {}) after '{}' interrupted: the switch disconnected", nve.id(),
                    nve.datapathId(), why);
            } else {
                LOG.warn("Sync of {} (switch {}) after '{}' failed", nve.id(), nve.datapathId(), why, failure);
            }
            desired = null;
            return;
        }
        flowCount = report.flowCount();
        lastSync = report.acknowledgedAt();
        if (atInfo || LOG.isDebugEnabled()) {
            final var line = "Synced {} (switch {}) {} after '{}': {} flow-mods ({} foreign deletes, {} deletes, "
                + "{} modifies, {} adds), {} flows, barrier after {} us";
            final Object[] arguments = {nve.id(), nve.datapathId(), report.incremental() ? "incrementally" : "fully",
                why, report.flowMods(), report.foreignDeletes(), report.deletes(), report.modifies(), report.adds(),
                report.flowCount(), report.took().toNanos() / 1000};
            if (atInfo) {
                LOG.info(line, arguments);
            } else {
                LOG.debug(line, arguments);
            }
        }
        onSynced.accept(report);
    }

    /** Tells whether a failure is (caused by) the switch's connection closing. */
    private static boolean isDisconnect(final @Nullable Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SwitchDisconnectedException) {
                return true;
            }
        }
        return false;
    }
}
