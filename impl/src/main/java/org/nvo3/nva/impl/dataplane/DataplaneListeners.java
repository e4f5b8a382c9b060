/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of {@link DataplaneListener}s that hears as one: each event goes to every listener in
 * registration order; a listener that throws is logged with the event and the others still hear it.
 */
public final class DataplaneListeners implements DataplaneListener {
    private static final Logger LOG = LoggerFactory.getLogger(DataplaneListeners.class);

    private final List<DataplaneListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return closing it removes this registration (and only it, even when the listener was added twice)
     */
    public Registration add(final DataplaneListener listener) {
        requireNonNull(listener);
        // a wrapper of our own, so that closing removes exactly this registration
        final DataplaneListener registered = new DataplaneListener() {
            @Override
            public void packetIn(final PacketIn packetIn) {
                listener.packetIn(packetIn);
            }

            @Override
            public void flowExpired(final FlowExpiry expiry) {
                listener.flowExpired(expiry);
            }

            @Override
            public void portChanged(final PortChange change) {
                listener.portChanged(change);
            }

            @Override
            public String toString() {
                return listener.toString();
            }
        };
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    @Override
    public void packetIn(final PacketIn packetIn) {
        deliver(packetIn, listener -> listener.packetIn(packetIn));
    }

    @Override
    public void flowExpired(final FlowExpiry expiry) {
        deliver(expiry, listener -> listener.flowExpired(expiry));
    }

    @Override
    public void portChanged(final PortChange change) {
        deliver(change, listener -> listener.portChanged(change));
    }

    // A failing listener must not take the switch's event loop, or the other listeners, with it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void deliver(final Object event, final Consumer<DataplaneListener> call) {
        for (var listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Data plane listener {} failed on {}", listener, event, e);
            }
        }
    }
}
