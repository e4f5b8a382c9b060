/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nvo3.nva.api.DatapathId;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current connection of each switch, by datapath id alone (through relays every switch may
 * connect from the same address). A switch that connects again replaces its older connection, which
 * is closed. Sits between the connections and the rest of the southbound: the downstream listener
 * sees, per datapath id, ready, then events, then disconnected, and nothing from a replaced
 * connection after its replacement became ready.
 */
public final class SwitchRegistry implements SwitchListener {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchRegistry.class);

    private final Map<DatapathId, SwitchConnection> current = new ConcurrentHashMap<>();
    private final SwitchListener downstream;

    public SwitchRegistry(final SwitchListener downstream) {
        this.downstream = requireNonNull(downstream);
    }

    /**
     * Returns the current connection of a switch.
     *
     * @param datapathId the switch
     * @return its ready connection, or empty when it is not connected
     */
    public Optional<SwitchConnection> connection(final DatapathId datapathId) {
        return Optional.ofNullable(current.get(datapathId));
    }

    /**
     * Returns every connected switch.
     *
     * @return an immutable copy
     */
    public Map<DatapathId, SwitchConnection> connections() {
        return Map.copyOf(current);
    }

    @Override
    public synchronized void switchReady(final SwitchConnection connection) {
        final var datapathId = connection.datapathId();
        final var previous = current.put(datapathId, connection);
        if (previous != null && previous != connection) {
            final var reason = "replaced by a newer connection of the same datapath id from "
                + endpoint(connection);
            LOG.warn("Datapath {} connected again from {}; closing its older connection from {}", datapathId,
                endpoint(connection), endpoint(previous));
            previous.disconnect(reason);
            downstream.switchDisconnected(previous, reason);
        }
        downstream.switchReady(connection);
    }

    @Override
    public synchronized void switchDisconnected(final SwitchConnection connection, final String reason) {
        if (current.remove(connection.datapathId(), connection)) {
            downstream.switchDisconnected(connection, reason);
        }
    }

    @Override
    public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
        if (isCurrent(connection)) {
            downstream.packetIn(connection, packetIn);
        }
    }

    @Override
    public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
        if (isCurrent(connection)) {
            downstream.flowRemoved(connection, flowRemoved);
        }
    }

    @Override
    public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
        if (isCurrent(connection)) {
            downstream.portStatus(connection, portStatus);
        }
    }

    private static String endpoint(final SwitchConnection connection) {
        final var address = connection.remoteAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    private boolean isCurrent(final SwitchConnection connection) {
        return current.get(connection.datapathId()) == connection;
    }
}
