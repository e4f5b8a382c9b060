/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.NveStatus;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.state.NveStatePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected switches by datapath id, each bound to the fabric/nve entry the current directory snapshot
 * names for its datapath id, and every NVE's status in state/nve. A switch no fabric/nve names stays
 * connected, unbound, and is shown as {@code dpid:<hex>}.
 */
final class SwitchBindings {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchBindings.class);
    private static final String OF_13 = "1.3";

    private final Map<DatapathId, ConnectedSwitch> switches = new ConcurrentHashMap<>();
    private final NveStatePublisher state;
    private volatile FabricSnapshot snapshot = FabricSnapshot.EMPTY;

    SwitchBindings(final NveStatePublisher state) {
        this.state = requireNonNull(state);
    }

    FabricSnapshot snapshot() {
        return snapshot;
    }

    Collection<ConnectedSwitch> switches() {
        return switches.values();
    }

    /**
     * Takes a new directory snapshot: the NVEs it no longer names leave state/nve. The connected switches
     * are bound again with {@link #bind}.
     *
     * @param newSnapshot the snapshot
     */
    void snapshotChanged(final FabricSnapshot newSnapshot) {
        final var before = snapshot;
        snapshot = requireNonNull(newSnapshot);
        for (var id : before.nves().keySet()) {
            if (!newSnapshot.nves().containsKey(id)) {
                state.withdraw(id.value());
            }
        }
    }

    /**
     * Shows the NVEs of a snapshot no switch is connected for as not connected.
     *
     * @param current the snapshot
     */
    void reportUnconnected(final FabricSnapshot current) {
        for (var nve : current.nves().values()) {
            if (!switches.containsKey(nve.datapathId())) {
                state.update(new NveStatus(nve.id().value(), nve.datapathId(), false, "", 0, null));
            }
        }
    }

    /**
     * A switch connected; it replaces an earlier connection of the same datapath id. Bind it with
     * {@link #bind}.
     *
     * @param connected the switch
     */
    void connected(final ConnectedSwitch connected) {
        final var connection = connected.connection();
        switches.put(connection.datapathId(), connected);
        LOG.info("Switch {} connected from {} with {} ports", connection.datapathId(), connection.remoteAddress(),
            connection.ports().size());
    }

    /**
     * A switch's connection closed: unless a newer connection replaced it, the switch is gone and its NVE
     * shown as not connected.
     *
     * @param connection the connection
     * @param reason why it closed
     */
    void disconnected(final SwitchConnection connection, final String reason) {
        final var datapathId = connection.datapathId();
        final var gone = current(connection);
        if (gone == null) {
            return;
        }
        switches.remove(datapathId);
        final var nve = gone.nve();
        LOG.info("Switch {} ({}) disconnected: {}", datapathId, nve == null ? "unknown" : nve.id(), reason);
        if (nve == null) {
            state.withdraw(NveStatus.unknownId(datapathId));
        } else {
            final var sync = gone.syncQueue();
            state.update(new NveStatus(nve.id().value(), datapathId, false, OF_13, sync.flowCount(),
                sync.lastSync()));
        }
    }

    /**
     * Binds a connected switch to the fabric/nve entry the current snapshot names for it, and shows it in
     * state/nve.
     *
     * @param connected the switch
     * @return the entry, or null when none names the switch
     */
    @Nullable Nve bind(final ConnectedSwitch connected) {
        final var datapathId = connected.datapathId();
        final var current = snapshot;
        final var nve = current.nveByDatapath(datapathId).orElse(null);
        final var previous = connected.nve();
        connected.bind(nve);
        if (nve == null) {
            if (previous != null) {
                state.withdraw(previous.id().value());
            }
            LOG.info("Switch {} is not in fabric/nve: connected, not programmed", datapathId);
            state.update(new NveStatus(NveStatus.unknownId(datapathId), datapathId, true, OF_13, 0, null));
            return null;
        }
        if (previous == null) {
            state.withdraw(NveStatus.unknownId(datapathId));
        }
        final var sync = connected.syncQueue();
        state.update(new NveStatus(nve.id().value(), datapathId, true, OF_13, sync.flowCount(), sync.lastSync()));
        return nve;
    }

    /**
     * A synchronisation of a switch succeeded: shows it in state/nve, unless a newer connection replaced it.
     *
     * @param synced the switch
     * @param nve the NVE it was synchronised as
     * @param report the synchronisation
     */
    void synced(final ConnectedSwitch synced, final Nve nve, final SyncReport report) {
        if (switches.get(nve.datapathId()) == synced) {
            state.update(new NveStatus(nve.id().value(), nve.datapathId(), true, OF_13, report.flowCount(),
                report.acknowledgedAt()));
        }
    }

    /**
     * Returns a connected switch.
     *
     * @param datapathId its datapath id
     * @return the switch, or null when not connected
     */
    @Nullable ConnectedSwitch connectedSwitch(final DatapathId datapathId) {
        return switches.get(requireNonNull(datapathId));
    }

    /**
     * Returns the switch of a connection, if no newer connection of the same datapath id replaced it.
     *
     * @param connection the connection
     * @return the switch, or null when unknown or replaced
     */
    @Nullable ConnectedSwitch current(final SwitchConnection connection) {
        final var connected = switches.get(connection.datapathId());
        return connected != null && connected.connection() == connection ? connected : null;
    }

    /**
     * Returns the switch bound to a fabric/nve entry.
     *
     * @param id the NVE
     * @return the switch, or null when the NVE is unknown or no switch is connected and bound to it
     */
    @Nullable ConnectedSwitch bound(final NveId id) {
        final var nve = snapshot.nve(id).orElse(null);
        if (nve == null) {
            return null;
        }
        final var connected = switches.get(nve.datapathId());
        final var bound = connected == null ? null : connected.nve();
        return bound != null && id.equals(bound.id()) ? connected : null;
    }

    /**
     * Tells whether a switch is connected and bound to this fabric/nve entry.
     *
     * @param id the NVE
     * @return true when connected and bound
     */
    boolean isBound(final NveId id) {
        return bound(id) != null;
    }

    /**
     * Returns the NVE a connected switch is bound to.
     *
     * @param datapathId the switch
     * @return the NVE, or null when the switch is not connected or not bound
     */
    @Nullable NveId boundNve(final DatapathId datapathId) {
        final var connected = switches.get(datapathId);
        final var nve = connected == null ? null : connected.nve();
        return nve == null ? null : nve.id();
    }

    /**
     * Names a port of a connected NVE.
     *
     * @param nve the NVE
     * @param ofport the OpenFlow port number
     * @return the port's name, or empty when the NVE or port is unknown
     */
    Optional<PortName> portName(final NveId nve, final long ofport) {
        final var connected = bound(nve);
        if (connected == null) {
            return Optional.empty();
        }
        for (var port : connected.connection().ports()) {
            if (port.number() == ofport) {
                return PortName.tryParse(port.name());
            }
        }
        return Optional.empty();
    }
}
