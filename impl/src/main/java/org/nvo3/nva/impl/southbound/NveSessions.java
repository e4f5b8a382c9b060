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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.NveStatus;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.state.NveStatePublisher;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds connected switches to fabric/nve entries by datapath id, keeps each bound switch's flow table
 * equal to what the compiler wants for the current directory snapshot, and reports every NVE in
 * state/nve. A switch no fabric/nve names stays connected, unprogrammed, and is shown as
 * {@code dpid:<hex>}. Synchronisations of one switch run one after another.
 */
public final class NveSessions implements SwitchListener {
    private static final Logger LOG = LoggerFactory.getLogger(NveSessions.class);
    private static final String OF_13 = "1.3";

    /** One connected switch: its connection, the NVE it is bound to, what was last made desired. */
    private static final class Session {
        final SwitchConnection connection;
        final AtomicReference<CompletableFuture<?>> queue =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
        volatile @Nullable Nve nve;
        volatile @Nullable List<FlowEntry> desired;
        volatile long flowCount;
        volatile @Nullable Instant lastSync;

        Session(final SwitchConnection connection) {
            this.connection = connection;
        }
    }

    private final Map<DatapathId, Session> sessions = new ConcurrentHashMap<>();
    private final NveStatePublisher state;
    private final Clock clock;
    private volatile FabricSnapshot snapshot = FabricSnapshot.EMPTY;

    public NveSessions(final NveStatePublisher state, final Clock clock) {
        this.state = requireNonNull(state);
        this.clock = requireNonNull(clock);
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
        final var nve = snapshot.nve(id);
        if (nve.isEmpty()) {
            return false;
        }
        final var session = sessions.get(nve.orElseThrow().datapathId());
        return session != null && session.nve != null && id.equals(session.nve.id());
    }

    @Override
    public void switchReady(final SwitchConnection connection) {
        final var session = new Session(connection);
        sessions.put(connection.datapathId(), session);
        LOG.info("Switch {} connected from {} with {} ports", connection.datapathId(), connection.remoteAddress(),
            connection.ports().size());
        bindAndSync(session, "connected");
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

    private void bindAndSync(final Session session, final String why) {
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
            return;
        }
        if (previous == null) {
            state.withdraw(NveStatus.unknownId(datapathId));
        }
        state.update(new NveStatus(nve.id().value(), datapathId, true, OF_13, session.flowCount, session.lastSync));
        final var ports = NvePorts.described(session.connection.ports().stream()
            .collect(Collectors.toMap(SwitchPort::name, SwitchPort::number, (first, second) -> first)));
        final var desired = FlowCompiler.compile(ForwardingState.ofIntent(current, Map.of(nve.id(), ports)), nve.id(),
            null);
        if (desired.equals(session.desired)) {
            return;
        }
        session.desired = desired;
        session.queue.getAndUpdate(tail -> tail.handle((ignored, failure) -> null)
            .thenCompose(ignored -> NveSynchronizer.sync(session.connection, desired, clock))
            .whenComplete((report, failure) -> reportSync(session, nve, why, report, failure)));
    }

    private void reportSync(final Session session, final Nve nve, final String why,
            final @Nullable SyncReport report, final @Nullable Throwable failure) {
        if (failure != null || report == null) {
            LOG.warn("Sync of {} (switch {}) after '{}' failed", nve.id(), nve.datapathId(), why, failure);
            session.desired = null;
            return;
        }
        session.flowCount = report.flowCount();
        session.lastSync = report.acknowledgedAt();
        LOG.info("Synced {} (switch {}) after '{}': {} flow-mods ({} foreign deletes, {} deletes, {} modifies, "
            + "{} adds), {} flows, barrier after {} us", nve.id(), nve.datapathId(), why, report.flowMods(),
            report.foreignDeletes(), report.deletes(), report.modifies(), report.adds(), report.flowCount(),
            report.took().toNanos() / 1000);
        if (sessions.get(nve.datapathId()) == session) {
            state.update(new NveStatus(nve.id().value(), nve.datapathId(), true, OF_13, report.flowCount(),
                report.acknowledgedAt()));
        }
    }

    @Override
    public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
        LOG.debug("Packet-in from {} in table {} ({} bytes): no handler yet", connection.datapathId(),
            packetIn.getTableId(), packetIn.getData().length);
    }

    @Override
    public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
        LOG.debug("Flow removed on {}: cookie {} after {} packets", connection.datapathId(), flowRemoved.getCookie(),
            flowRemoved.getPacketCount());
    }

    @Override
    public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
        LOG.info("Port {} {} on {}", portStatus.getDesc().getName(), portStatus.getReason(), connection.datapathId());
    }
}
