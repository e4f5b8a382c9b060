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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.NveStatus;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.DataplaneListeners;
import org.nvo3.nva.impl.dataplane.NotConnectedException;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.Registration;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.FlowCookie;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ScopedFlows;
import org.nvo3.nva.impl.mobility.NveProgramming;
import org.nvo3.nva.impl.state.NveStatePublisher;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds connected switches to fabric/nve entries by datapath id, keeps each bound switch's flow table
 * equal to what the compiler wants for the current directory snapshot, and reports every NVE in
 * state/nve. A switch no fabric/nve names stays connected, unprogrammed, and is shown as
 * {@code dpid:<hex>}. Synchronisations of one switch run one after another.
 *
 * <p>A full synchronisation reads the switch's flows (flow-stats) and diffs them against every desired flow;
 * once its barrier is back, the session knows the NVA flows the switch holds, by {@code FlowScope}. An
 * incremental one ({@link #resync(NveId, NveScopes)}, for moves) re-compiles only the given scopes, sends
 * their difference against what those scopes held and a barrier, and updates what the switch holds. When
 * that is not known (no full synchronisation yet, or one failed), the ports or meter changed since, or the
 * switch refuses a flow-mod, it falls back to a full synchronisation.
 *
 * <p>On connect, before the first synchronisation, the switch gets the punt meter ({@link PuntMeter}); the
 * compiled flows use it when the switch has it. Packet-ins, flow removals and port changes are translated
 * to NVA's data plane records, with the NVE bound to the switch, and handed to the registered
 * {@link DataplaneListener}s; packet-outs go the other way ({@link PacketSender}).
 */
public final class NveSessions implements SwitchListener, PacketSender, NveProgramming {
    private static final Logger LOG = LoggerFactory.getLogger(NveSessions.class);
    private static final String OF_13 = "1.3";

    /**
     * The NVA flows a switch holds, by scope, as NVA last brought it to them, and the ports and meter they
     * were compiled with.
     */
    private record Installed(ScopedFlows flows, NvePorts ports, @Nullable Long punterMeter) {
    }

    /**
     * One connected switch: its connection, the NVE it is bound to, what was last made desired (null when
     * an incremental synchronisation changed it since), what it holds (null when not known for sure).
     */
    private static final class Session {
        final SwitchConnection connection;
        final AtomicReference<CompletableFuture<@Nullable SyncReport>> queue =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
        volatile @Nullable Nve nve;
        volatile @Nullable ScopedFlows desired;
        /** Read and written only by the synchronisations, which run one after another. */
        volatile @Nullable Installed installed;
        volatile long flowCount;
        volatile @Nullable Instant lastSync;
        /** Set once the punt meter was dealt with: no flow is synchronised before. */
        volatile boolean meterChecked;
        volatile @Nullable Long punterMeter;

        Session(final SwitchConnection connection) {
            this.connection = connection;
        }
    }

    private final Map<DatapathId, Session> sessions = new ConcurrentHashMap<>();
    private final NveStatePublisher state;
    private final Clock clock;
    private final PuntMeterSettings puntMeter;
    private final DataplaneListeners listeners = new DataplaneListeners();
    private volatile FabricSnapshot snapshot = FabricSnapshot.EMPTY;
    /** What the switches are synchronised to; null until {@link #useFlowSource}: no switch is synchronised. */
    private volatile @Nullable DesiredFlowSource flowSource;

    /**
     * Creates sessions that synchronise switches to the intent alone until {@link #useFlowSource} (tests
     * of the southbound on its own).
     *
     * @param state where the NVEs' status goes
     * @param clock the clock
     */
    public NveSessions(final NveStatePublisher state, final Clock clock) {
        this(state, clock, PuntMeterSettings.DEFAULT);
    }

    /**
     * Creates sessions that synchronise switches to the intent alone until {@link #useFlowSource}.
     *
     * @param state where the NVEs' status goes
     * @param clock the clock
     * @param puntMeter the punt meter
     */
    public NveSessions(final NveStatePublisher state, final Clock clock, final PuntMeterSettings puntMeter) {
        this(state, clock, puntMeter, true);
    }

    /**
     * Creates sessions.
     *
     * @param state where the NVEs' status goes
     * @param clock the clock
     * @param puntMeter the punt meter
     * @param intentUntilFlowSource whether switches are synchronised to the intent alone until
     *     {@link #useFlowSource}; if not (the running NVA), a switch that connects before waits for the flow
     *     source, so it is not re-pointed to the intent's placements and back to the learned locations
     */
    public NveSessions(final NveStatePublisher state, final Clock clock, final PuntMeterSettings puntMeter,
            final boolean intentUntilFlowSource) {
        this.state = requireNonNull(state);
        this.clock = requireNonNull(clock);
        this.puntMeter = requireNonNull(puntMeter);
        flowSource = intentUntilFlowSource ? this::intentFlows : null;
    }

    /**
     * Adds a listener for the packet-ins, flow removals and port changes of every connected switch.
     *
     * @param listener the listener
     * @return closing it removes the listener
     */
    public Registration addListener(final DataplaneListener listener) {
        return listeners.add(listener);
    }

    /**
     * A new directory snapshot: re-binds switches and re-synchronises those whose desired flows changed.
     *
     * @param newSnapshot the snapshot
     */
    public void directoryChanged(final FabricSnapshot newSnapshot) {
        final var before = snapshot;
        snapshot = requireNonNull(newSnapshot);
        for (var id : before.nves().keySet()) {
            if (!newSnapshot.nves().containsKey(id)) {
                state.withdraw(id.value());
            }
        }
        for (var session : sessions.values()) {
            bindAndSync(session, "directory changed");
        }
        for (var nve : newSnapshot.nves().values()) {
            if (!sessions.containsKey(nve.datapathId())) {
                state.update(new NveStatus(nve.id().value(), nve.datapathId(), false, "", 0, null));
            }
        }
    }

    public Optional<SwitchConnection> connection(final DatapathId datapathId) {
        return Optional.ofNullable(sessions.get(datapathId)).map(session -> session.connection);
    }

    /**
     * Tells whether a switch is connected and bound to this fabric/nve entry.
     *
     * @param id the NVE
     * @return true when connected and bound
     */
    public boolean isBound(final NveId id) {
        return boundSession(id) != null;
    }

    @Override
    public void switchReady(final SwitchConnection connection) {
        final var session = new Session(connection);
        sessions.put(connection.datapathId(), session);
        LOG.info("Switch {} connected from {} with {} ports", connection.datapathId(), connection.remoteAddress(),
            connection.ports().size());
        bindAndSync(session, "connected");
        PuntMeter.ensure(connection, puntMeter).whenComplete((meter, failure) -> {
            if (failure != null) {
                LOG.debug("Switch {} went away while its punt meter was set up", connection.datapathId(), failure);
                return;
            }
            session.punterMeter = meter;
            session.meterChecked = true;
            bindAndSync(session, "connected");
        });
    }

    @Override
    public void switchDisconnected(final SwitchConnection connection, final String reason) {
        final var datapathId = connection.datapathId();
        final var session = sessions.get(datapathId);
        if (session == null || session.connection != connection) {
            return;
        }
        sessions.remove(datapathId);
        final var nve = session.nve;
        LOG.info("Switch {} ({}) disconnected: {}", datapathId, nve == null ? "unknown" : nve.id(), reason);
        if (nve == null) {
            state.withdraw(NveStatus.unknownId(datapathId));
        } else {
            state.update(new NveStatus(nve.id().value(), datapathId, false, OF_13, session.flowCount,
                session.lastSync));
        }
    }

    private CompletableFuture<Instant> bindAndSync(final Session session, final String why) {
        final var datapathId = session.connection.datapathId();
        final var current = snapshot;
        final var nve = current.nveByDatapath(datapathId).orElse(null);
        final var previous = session.nve;
        session.nve = nve;
        if (nve == null) {
            if (previous != null) {
                state.withdraw(previous.id().value());
            }
            LOG.info("Switch {} is not in fabric/nve: connected, not programmed", datapathId);
            state.update(new NveStatus(NveStatus.unknownId(datapathId), datapathId, true, OF_13, 0, null));
            return CompletableFuture.failedFuture(new NotConnectedException("switch " + datapathId
                + " is not bound to a fabric/nve"));
        }
        if (previous == null) {
            state.withdraw(NveStatus.unknownId(datapathId));
        }
        state.update(new NveStatus(nve.id().value(), datapathId, true, OF_13, session.flowCount, session.lastSync));
        if (!session.meterChecked) {
            // synchronised once the punt meter is dealt with, with what is desired then
            return CompletableFuture.completedFuture(clock.instant());
        }
        final var source = flowSource;
        if (source == null) {
            // synchronised once the flow source is set, with what is desired then
            return CompletableFuture.completedFuture(clock.instant());
        }
        final var ports = portsOf(session);
        final var meter = session.punterMeter;
        final var desired = source.desired(nve.id(), ports, meter, NveScopes.EVERYTHING);
        if (desired.equals(session.desired)) {
            // nothing new: done when the synchronisation already under way for it is
            return session.queue.get().thenApply(report -> report == null ? clock.instant() : report.acknowledgedAt());
        }
        session.desired = desired;
        return enqueue(session, nve, why, () -> fullSync(session, desired, ports, meter));
    }

    /** Runs a synchronisation of the session's switch after those already queued, whatever became of them. */
    private CompletableFuture<Instant> enqueue(final Session session, final Nve nve, final String why,
            final Supplier<CompletableFuture<SyncReport>> sync) {
        return session.queue.updateAndGet(tail -> tail.handle((ignored, failure) -> null)
                .thenCompose(ignored -> sync.get())
                .whenComplete((report, failure) -> reportSync(session, nve, why, report, failure)))
            .thenApply(SyncReport::acknowledgedAt);
    }

    /** Reads the switch's flows and brings them to the desired ones; then they are known. */
    private CompletableFuture<SyncReport> fullSync(final Session session, final ScopedFlows desired,
            final NvePorts ports, final @Nullable Long meter) {
        session.installed = null;
        return NveSynchronizer.sync(session.connection, desired.all(), clock).thenApply(report -> {
            session.installed = new Installed(desired, ports, meter);
            return report;
        });
    }

    /**
     * Re-compiles some scopes and sends their difference against what the switch holds in them; a full
     * synchronisation instead when what it holds is not known, its ports or meter changed since, or the
     * switch refuses a flow-mod.
     */
    private CompletableFuture<SyncReport> incrementalSync(final Session session, final Nve nve,
            final NveScopes scopes, final DesiredFlowSource source) {
        final var installed = session.installed;
        final var ports = portsOf(session);
        final var meter = session.punterMeter;
        if (installed == null || !installed.ports().equals(ports) || !Objects.equals(installed.punterMeter(), meter)) {
            LOG.debug("{} (switch {}): installed flows unknown or compiled for other ports or meter, full sync",
                nve.id(), nve.datapathId());
            return fullSync(session, source.desired(nve.id(), ports, meter, NveScopes.EVERYTHING), ports, meter);
        }
        final var compiled = source.desired(nve.id(), ports, meter, scopes);
        final var next = installed.flows().replaced(scopes, compiled);
        final var diff = FlowDiff.between(compiled.all(), installed.flows().flowsOf(scopes));
        session.installed = null;
        return NveSynchronizer.apply(session.connection, diff, next.size(), clock)
            .thenApply(report -> {
                session.installed = new Installed(next, ports, meter);
                return report;
            })
            .exceptionallyCompose(failure -> {
                LOG.warn("Incremental sync of {} (switch {}) failed, reading its flows for a full sync: {}",
                    nve.id(), nve.datapathId(), failure.getMessage());
                final var nowPorts = portsOf(session);
                return fullSync(session, source.desired(nve.id(), nowPorts, session.punterMeter,
                    NveScopes.EVERYTHING), nowPorts, session.punterMeter);
            });
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

    private static NvePorts portsOf(final Session session) {
        final var numbers = new HashMap<String, Long>();
        session.connection.ports().forEach(port -> numbers.put(port.name(), port.number()));
        return NvePorts.described(numbers);
    }

    private ScopedFlows intentFlows(final NveId nve, final NvePorts ports, final @Nullable Long punterMeter,
            final NveScopes scopes) {
        return FlowCompiler.compileScopes(ForwardingState.ofIntent(snapshot, Map.of(nve, ports)), nve, punterMeter,
            scopes);
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve) {
        final var session = boundSession(nve);
        return session == null ? CompletableFuture.failedFuture(new NotConnectedException("NVE " + nve
            + " is not connected")) : bindAndSync(session, "mobility");
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nveId, final NveScopes scopes) {
        requireNonNull(scopes);
        final var session = boundSession(nveId);
        final var nve = session == null ? null : session.nve;
        if (session == null || nve == null) {
            return CompletableFuture.failedFuture(new NotConnectedException("NVE " + nveId + " is not connected"));
        }
        final var source = flowSource;
        if (!session.meterChecked || source == null) {
            // synchronised in full once the punt meter is dealt with and the flow source is set
            return bindAndSync(session, "mobility");
        }
        // the last full desired set is no longer what the switch is brought to
        session.desired = null;
        return enqueue(session, nve, "mobility", () -> incrementalSync(session, nve, scopes, source));
    }

    @Override
    public Optional<PortName> portName(final NveId nve, final long ofport) {
        final var session = boundSession(nve);
        if (session == null) {
            return Optional.empty();
        }
        for (var port : session.connection.ports()) {
            if (port.number() == ofport) {
                return PortName.tryParse(port.name());
            }
        }
        return Optional.empty();
    }

    @Override
    public void useFlowSource(final DesiredFlowSource source) {
        flowSource = requireNonNull(source);
        for (var session : sessions.values()) {
            bindAndSync(session, "flow source changed");
        }
    }

    private @Nullable Session boundSession(final NveId id) {
        final var nve = snapshot.nve(id).orElse(null);
        if (nve == null) {
            return null;
        }
        final var session = sessions.get(nve.datapathId());
        return session != null && session.nve != null && id.equals(session.nve.id()) ? session : null;
    }

    private void reportSync(final Session session, final Nve nve, final String why,
            final @Nullable SyncReport report, final @Nullable Throwable failure) {
        if (failure != null || report == null) {
            if (isDisconnect(failure)) {
                // expected when the switch reconnects (e.g. OVS gave up on a slow handshake): it is synced again
                LOG.info("Sync of {} (switch {}) after '{}' interrupted: the switch disconnected", nve.id(),
                    nve.datapathId(), why);
            } else {
                LOG.warn("Sync of {} (switch {}) after '{}' failed", nve.id(), nve.datapathId(), why, failure);
            }
            session.desired = null;
            return;
        }
        session.flowCount = report.flowCount();
        session.lastSync = report.acknowledgedAt();
        LOG.info("Synced {} (switch {}) {} after '{}': {} flow-mods ({} foreign deletes, {} deletes, {} modifies, "
            + "{} adds), {} flows, barrier after {} us", nve.id(), nve.datapathId(),
            report.incremental() ? "incrementally" : "fully", why, report.flowMods(),
            report.foreignDeletes(), report.deletes(), report.modifies(), report.adds(), report.flowCount(),
            report.took().toNanos() / 1000);
        if (sessions.get(nve.datapathId()) == session) {
            state.update(new NveStatus(nve.id().value(), nve.datapathId(), true, OF_13, report.flowCount(),
                report.acknowledgedAt()));
        }
    }

    @Override
    public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
        final var record = translate(connection, packetIn, DataplaneEventTranslator::packetIn);
        if (record != null) {
            listeners.packetIn(record);
        }
    }

    @Override
    public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
        final var session = sessions.get(connection.datapathId());
        if (session != null && session.connection == connection
                && flowRemoved.getReason() != OFFlowRemovedReason.DELETE) {
            // the switch dropped the flow by itself (a redirect's hard timeout): the session no longer holds it
            forget(session, new FlowCookie(flowRemoved.getCookie().getValue()));
        }
        final var record = translate(connection, flowRemoved, DataplaneEventTranslator::flowExpiry);
        if (record != null) {
            LOG.debug("Flow removed: {}", record);
            listeners.flowExpired(record);
        }
    }

    @Override
    public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
        final var record = translate(connection, portStatus, DataplaneEventTranslator::portChange);
        if (record != null) {
            LOG.info("Port {} ({}) {} on {}", record.portName(), record.portNumber(), record.kind(),
                record.datapathId());
            listeners.portChanged(record);
            final var session = sessions.get(connection.datapathId());
            if (session != null && session.connection == connection) {
                // the VM ports feed the desired flows
                bindAndSync(session, "port " + record.portName() + " " + record.kind());
            }
        }
    }

    /** Takes a flow the switch removed out of what the session holds, in turn with the synchronisations. */
    private static void forget(final Session session, final FlowCookie cookie) {
        session.queue.updateAndGet(tail -> tail.handle((ignored, failure) -> {
            final var installed = session.installed;
            if (installed != null) {
                session.installed = new Installed(installed.flows().without(cookie), installed.ports(),
                    installed.punterMeter());
            }
            return null;
        }));
    }

    /**
     * Translates one of a switch's messages with the NVE bound to it; a message NVA cannot read is logged
     * with the switch and the message, and dropped.
     */
    private <M extends OFMessage, R> @Nullable R translate(final SwitchConnection connection, final M message,
            final Translation<M, R> translation) {
        final var datapathId = connection.datapathId();
        try {
            return translation.translate(message, datapathId, boundNve(datapathId));
        } catch (IllegalArgumentException e) {
            LOG.warn("Switch {} sent a {} NVA cannot read ({}), dropped: {}", datapathId, message.getType(),
                e.getMessage(), message);
            return null;
        }
    }

    /**
     * One of {@link DataplaneEventTranslator}'s translations.
     */
    @FunctionalInterface
    private interface Translation<M extends OFMessage, R> {
        R translate(M message, DatapathId datapathId, @Nullable NveId nve);
    }

    @Override
    public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
        requireNonNull(packet);
        final var session = sessions.get(requireNonNull(datapathId));
        if (session == null) {
            return CompletableFuture.failedFuture(new NotConnectedException("switch " + datapathId
                + " is not connected"));
        }
        return send(session, packet);
    }

    @Override
    public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
        requireNonNull(packet);
        final var entry = snapshot.nve(requireNonNull(nve));
        if (entry.isEmpty()) {
            return CompletableFuture.failedFuture(new NotConnectedException("NVE " + nve + " is not in fabric/nve"));
        }
        final var datapathId = entry.orElseThrow().datapathId();
        final var session = sessions.get(datapathId);
        final var bound = session == null ? null : session.nve;
        if (bound == null || !nve.equals(bound.id())) {
            return CompletableFuture.failedFuture(new NotConnectedException("NVE " + nve + " (switch " + datapathId
                + ") is not connected"));
        }
        return send(session, packet);
    }

    private CompletableFuture<Void> send(final Session session, final PacketOut packet) {
        final var connection = session.connection;
        final var message = PacketOutTranslator.toLoxi(packet, connection.nextXid(), VersionNegotiation.FACTORY);
        return connection.write(message).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            failure instanceof SwitchDisconnectedException
                ? new NotConnectedException("switch " + connection.datapathId() + " disconnected before the "
                    + "packet-out was sent: " + failure.getMessage())
                : failure));
    }

    private @Nullable NveId boundNve(final DatapathId datapathId) {
        final var session = sessions.get(datapathId);
        final var nve = session == null ? null : session.nve;
        return nve == null ? null : nve.id();
    }
}
