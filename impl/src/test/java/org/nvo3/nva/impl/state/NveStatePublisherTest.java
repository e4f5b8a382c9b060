/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveStatus;
import org.nvo3.nva.impl.ChangeSignal;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * state/nve rows follow connect, sync and disconnect, and are withdrawn on request and on close.
 */
public class NveStatePublisherTest extends AbstractConcurrentDataBrokerTest {
    private static final DatapathId DPID = new DatapathId(0x0000_0000_0000_00a1L);
    private static final Instant SYNCED = Instant.parse("2026-11-21T10:00:01.5Z");

    private final ChangeSignal signal = new ChangeSignal();
    private Registration watch;
    private NveStatePublisher publisher;

    public NveStatePublisherTest() {
        super(true);
    }

    @Before
    public void start() {
        watch = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectIdentifier.builder(State.class).build(), signal.listener());
        publisher = new NveStatePublisher(getDataBroker());
    }

    @After
    public void stop() {
        publisher.close();
        watch.close();
    }

    @Test
    public void rowFollowsTheConnection() throws Exception {
        publisher.update(new NveStatus("nve1", DPID, true, "1.3", 0, null));
        signal.await("nve1 connected", () -> read("nve1").map(Nve::getConnected).orElse(false));
        final var connected = read("nve1").orElseThrow();
        assertEquals("161", connected.getDatapathId().toString());
        assertEquals("1.3", connected.getOfVersion());
        assertEquals(null, connected.getLastSync());

        publisher.update(new NveStatus("nve1", DPID, true, "1.3", 42, SYNCED));
        signal.await("nve1 synced", () -> read("nve1").map(Nve::getLastSync).isPresent()
            && read("nve1").orElseThrow().getLastSync() != null);
        assertEquals(42L, read("nve1").orElseThrow().getFlowCount().longValue());
        assertEquals("2026-11-21T10:00:01.500Z", read("nve1").orElseThrow().getLastSync().getValue());

        publisher.update(new NveStatus("nve1", DPID, false, "1.3", 42, SYNCED));
        signal.await("nve1 disconnected", () -> !read("nve1").orElseThrow().getConnected());
    }

    @Test
    public void withdrawsRowsOnRequestAndOnClose() throws Exception {
        final var unknown = NveStatus.unknownId(DPID);
        publisher.update(new NveStatus(unknown, DPID, true, "1.3", 0, null));
        publisher.update(new NveStatus("nve2", new DatapathId(2), true, "1.3", 0, null));
        signal.await("both rows", () -> read(unknown).isPresent() && read("nve2").isPresent());
        assertEquals("dpid:00000000000000a1", unknown);

        publisher.withdraw(unknown);
        signal.await("unknown switch row withdrawn", () -> read(unknown).isEmpty());
        assertFalse(read("nve2").isEmpty());

        publisher.close();
        signal.await("all rows withdrawn on close", () -> read("nve2").isEmpty());
        publisher.update(new NveStatus("nve3", new DatapathId(3), true, "1.3", 0, null));
        assertEquals(Optional.empty(), read("nve3"));
    }

    private Optional<Nve> read(final String id) {
        final var path = DataObjectIdentifier.builder(State.class).child(Nve.class, new NveKey(id)).build();
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
