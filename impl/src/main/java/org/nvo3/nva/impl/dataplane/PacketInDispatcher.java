/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each punted packet to the handlers registered for its {@link PacketKind}, in registration
 * order. A packet of a kind nobody handles is counted (and logged at debug the first time for that
 * kind); a handler that throws is logged with the switch and the packet, and the other handlers and
 * later packets go on. Handlers run on the calling thread (a switch's event loop): they must not block.
 */
public final class PacketInDispatcher implements DataplaneListener {
    private static final Logger LOG = LoggerFactory.getLogger(PacketInDispatcher.class);

    private final Map<PacketKind, List<Consumer<PacketIn>>> handlers = new EnumMap<>(PacketKind.class);
    private final Map<PacketKind, AtomicLong> unhandled = new EnumMap<>(PacketKind.class);
    private final Map<PacketKind, AtomicLong> failed = new EnumMap<>(PacketKind.class);

    public PacketInDispatcher() {
        for (var kind : PacketKind.values()) {
            handlers.put(kind, new CopyOnWriteArrayList<>());
            unhandled.put(kind, new AtomicLong());
            failed.put(kind, new AtomicLong());
        }
    }

    /**
     * Registers a handler for one kind of packet.
     *
     * @param kind the kind
     * @param handler the handler
     * @return closing it removes this handler (and only it, even when registered twice)
     */
    public Registration register(final PacketKind kind, final Consumer<PacketIn> handler) {
        requireNonNull(handler);
        // a wrapper of our own, so that closing removes exactly this registration
        final Consumer<PacketIn> registered = handler::accept;
        final var list = handlers.get(requireNonNull(kind));
        list.add(registered);
        return () -> list.remove(registered);
    }

    @Override
    public void packetIn(final PacketIn packetIn) {
        final var kind = packetIn.kind();
        final var registered = handlers.get(kind);
        if (registered.isEmpty()) {
            if (unhandled.get(kind).getAndIncrement() == 0) {
                LOG.debug("No handler for {} packets; dropping {} (further ones are only counted)", kind,
                    packetIn);
            }
            return;
        }
        for (var handler : registered) {
            deliver(kind, handler, packetIn);
        }
    }

    /**
     * Returns how many packets of a kind arrived while no handler was registered for it.
     *
     * @param kind the kind
     * @return the count
     */
    public long unhandled(final PacketKind kind) {
        return unhandled.get(kind).get();
    }

    /**
     * Returns how many times a handler of a kind threw.
     *
     * @param kind the kind
     * @return the count
     */
    public long failures(final PacketKind kind) {
        return failed.get(kind).get();
    }

    // A failing handler must not take the switch's event loop, or the other handlers, with it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void deliver(final PacketKind kind, final Consumer<PacketIn> handler, final PacketIn packetIn) {
        try {
            handler.accept(packetIn);
        } catch (RuntimeException e) {
            failed.get(kind).incrementAndGet();
            LOG.warn("A {} handler failed on a packet from switch {} ({}): {}", kind, packetIn.datapathId(),
                packetIn.nve() == null ? "no fabric/nve" : packetIn.nve(), packetIn, e);
        }
    }
}
