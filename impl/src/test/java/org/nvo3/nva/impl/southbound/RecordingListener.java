/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nvo3.nva.api.DatapathId;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * A listener that records every callback, with bounded waits for tests.
 */
final class RecordingListener implements SwitchListener {
    static final long WAIT_SECONDS = 10;

    /**
     * One callback, in arrival order.
     *
     * @param kind which callback
     * @param connection the connection it was about
     * @param detail the reason or message
     */
    record Event(String kind, SwitchConnection connection, Object detail) {
        Event {
            requireNonNull(kind);
            requireNonNull(connection);
            requireNonNull(detail);
        }
    }

    private final Map<DatapathId, BlockingQueue<SwitchConnection>> ready = new ConcurrentHashMap<>();
    private final Map<DatapathId, BlockingQueue<String>> disconnected = new ConcurrentHashMap<>();
    private final BlockingQueue<OFPacketIn> packetIns = new LinkedBlockingQueue<>();
    private final BlockingQueue<OFFlowRemoved> flowRemovals = new LinkedBlockingQueue<>();
    private final BlockingQueue<OFPortStatus> portStatuses = new LinkedBlockingQueue<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void switchReady(final SwitchConnection connection) {
        events.add(new Event("ready", connection, connection.datapathId()));
        queue(ready, connection.datapathId()).add(connection);
    }

    @Override
    public void switchDisconnected(final SwitchConnection connection, final String reason) {
        events.add(new Event("disconnected", connection, reason));
        queue(disconnected, connection.datapathId()).add(reason);
    }

    @Override
    public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
        events.add(new Event("packetIn", connection, packetIn));
        packetIns.add(packetIn);
    }

    @Override
    public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
        events.add(new Event("flowRemoved", connection, flowRemoved));
        flowRemovals.add(flowRemoved);
    }

    @Override
    public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
        events.add(new Event("portStatus", connection, portStatus));
        portStatuses.add(portStatus);
    }

    SwitchConnection awaitReady(final DatapathId datapathId) throws InterruptedException {
        return take(queue(ready, datapathId), "switchReady of " + datapathId);
    }

    String awaitDisconnected(final DatapathId datapathId) throws InterruptedException {
        return take(queue(disconnected, datapathId), "switchDisconnected of " + datapathId);
    }

    OFPacketIn awaitPacketIn() throws InterruptedException {
        return take(packetIns, "packetIn");
    }

    OFFlowRemoved awaitFlowRemoved() throws InterruptedException {
        return take(flowRemovals, "flowRemoved");
    }

    OFPortStatus awaitPortStatus() throws InterruptedException {
        return take(portStatuses, "portStatus");
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    private static <K, V> BlockingQueue<V> queue(final Map<K, BlockingQueue<V>> queues, final K key) {
        return queues.computeIfAbsent(key, k -> new LinkedBlockingQueue<>());
    }

    private static <T> T take(final BlockingQueue<T> queue, final String what) throws InterruptedException {
        final var item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s");
        }
        return item;
    }
}
