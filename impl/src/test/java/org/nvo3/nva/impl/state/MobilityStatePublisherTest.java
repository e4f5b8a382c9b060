/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static org.junit.Assert.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.ChangeSignal;
import org.nvo3.nva.impl.mobility.MobilityFabric;
import org.nvo3.nva.impl.mobility.MobilityState;
import org.nvo3.nva.impl.mobility.RandomMoves;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * state/vm-location and state/migration hold exactly the rows of the last published state, whether each
 * publication compared only the journal's changes (one history, one intent) or every row (a new intent).
 */
public class MobilityStatePublisherTest extends AbstractConcurrentDataBrokerTest {
    private static final DataObjectIdentifier<State> STATE = DataObjectIdentifier.builder(State.class).build();

    private final ChangeSignal signal = new ChangeSignal();
    private Registration watch;
    private MobilityStatePublisher publisher;

    public MobilityStatePublisherTest() {
        super(true);
    }

    @Before
    public void start() {
        watch = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL, STATE,
            signal.listener());
        publisher = new MobilityStatePublisher(getDataBroker());
    }

    @After
    public void stop() {
        publisher.close();
        watch.close();
    }

    @Test
    public void rowsFollowARandomHistoryAndANewIntent() throws Exception {
        final var fabric = MobilityFabric.fabric(MobilityFabric.settings(1000, false));
        final var moves = new RandomMoves(fabric, 7);
        for (int step = 0; step < 400; step++) {
            final var state = moves.next();
            // publish most states, not all: a publication then catches up several changes
            if (step % 4 != 0) {
                publisher.publish(fabric, state, MobilityStatePublisherTest::ofport);
            }
        }
        publisher.publish(fabric, moves.state(), MobilityStatePublisherTest::ofport);
        awaitRows("after 400 random changes", fabric, moves.state());

        // a new intent without vm2: its row goes, the others stay
        final var vms = new HashMap<>(fabric.vms());
        vms.remove(MobilityFabric.VM2);
        final var smaller = new FabricSnapshot(fabric.settings(), fabric.nves(), fabric.networks(), vms);
        publisher.publish(smaller, moves.state(), MobilityStatePublisherTest::ofport);
        awaitRows("after vm2 left the intent", smaller, moves.state());
    }

    private void awaitRows(final String when, final FabricSnapshot fabric, final MobilityState state)
            throws InterruptedException, ExecutionException {
        final var expectedLocations = new HashMap<
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocationKey,
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation>();
        for (var location : state.locations().values()) {
            fabric.vm(location.vm()).ifPresent(vm -> {
                final var row = MobilityRows.locationRow(vm, location, ofport(location), List.of());
                expectedLocations.put(row.key(), row);
            });
        }
        final var expectedMigrations = new HashMap<
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationKey,
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration>();
        for (var migration : state.migrations().values()) {
            final var row = MobilityRows.migrationRow(migration);
            expectedMigrations.put(row.key(), row);
        }
        signal.await(when, () -> Objects.equals(expectedLocations, orEmpty(read().getVmLocation()))
            && Objects.equals(expectedMigrations, orEmpty(read().getMigration())));
        assertEquals(when, expectedLocations, orEmpty(read().getVmLocation()));
    }

    private State read() {
        try {
            return getDataBroker().newReadOnlyTransaction().read(LogicalDatastoreType.OPERATIONAL, STATE).get()
                .orElseThrow();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <K, V> Map<K, V> orEmpty(final @Nullable Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static @Nullable Long ofport(final VmLocation location) {
        return location.port() == null ? null : (long) Math.abs(location.port().value().hashCode() % 1000);
    }
}
