/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.DataplaneListeners;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.Registration;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates the switches' packet-ins, flow removals and port changes to NVA's data plane records
 * ({@link DataplaneEventTranslator}), with the NVE bound to the switch, and hands them to the registered
 * {@link DataplaneListener}s. A message NVA cannot read is logged with the switch and the message, and dropped.
 */
final class DataplaneFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(DataplaneFanOut.class);

    /**
     * One of {@link DataplaneEventTranslator}'s translations.
     */
    @FunctionalInterface
    private interface Translation<M extends OFMessage, R> {
        R translate(M message, DatapathId datapathId, @Nullable NveId nve);
    }

    private final DataplaneListeners listeners = new DataplaneListeners();
    private final SwitchBindings bindings;
    private final LongSupplier nanoTime;

    /**
     * Creates the fan-out.
     *
     * @param bindings the switches and their NVEs
     * @param nanoTime the monotonic ticker stamping each event's receipt
     */
    DataplaneFanOut(final SwitchBindings bindings, final LongSupplier nanoTime) {
        this.bindings = requireNonNull(bindings);
        this.nanoTime = requireNonNull(nanoTime);
    }

    /**
     * Adds a listener for the packet-ins, flow removals and port changes of every connected switch.
     *
     * @param listener the listener
     * @return closing it removes the listener
     */
    Registration addListener(final DataplaneListener listener) {
        return listeners.add(listener);
    }

    void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
        final long received = nanoTime.getAsLong();
        final var record = translate(connection, packetIn, DataplaneEventTranslator::packetIn);
        if (record != null) {
            listeners.packetIn(record.receivedAt(received));
        }
    }

    void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
        final var record = translate(connection, flowRemoved, DataplaneEventTranslator::flowExpiry);
        if (record != null) {
            LOG.debug("Flow removed: {}", record);
            listeners.flowExpired(record);
        }
    }

    /**
     * Hands a port change to the listeners.
     *
     * @param connection the switch
     * @param portStatus the port change
     * @return the port change handed to the listeners, or null when it could not be read
     */
    @Nullable PortChange portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
        final long received = nanoTime.getAsLong();
        final var record = translate(connection, portStatus, DataplaneEventTranslator::portChange);
        if (record == null) {
            return null;
        }
        final var stamped = record.receivedAt(received);
        // the listeners first: a port named as a VM's is a move; the caller logs the change after its own work
        listeners.portChanged(stamped);
        return stamped;
    }

    /** Translates one of a switch's messages with the NVE bound to it; null when NVA cannot read it. */
    private <M extends OFMessage, R> @Nullable R translate(final SwitchConnection connection, final M message,
            final Translation<M, R> translation) {
        final var datapathId = connection.datapathId();
        try {
            return translation.translate(message, datapathId, bindings.boundNve(datapathId));
        } catch (IllegalArgumentException e) {
            LOG.warn("Switch {} sent a {} NVA cannot read ({}), dropped: {}", datapathId, message.getType(),
                e.getMessage(), message);
            return null;
        }
    }
}
