/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.ChangeSignal;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.state.MobilityStatePublisher;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocationKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * A controller restart over a real in-memory datastore: one run learns moves and publishes them, its publisher
 * closes (a graceful stop), and a second run on the same datastore restores the locations, the migrations
 * (the interrupted ones failed), the redirects and the sequences, ignores the directory's empty snapshot before
 * the intent, and publishes only what the restore changed.
 */
public class MobilityRestartTest extends AbstractConcurrentDataBrokerTest {
    private static final DataObjectIdentifier<State> STATE = DataObjectIdentifier.builder(State.class).build();

    /** Re-syncs of n3 never complete (its migration stays converging); the others at once. */
    private static final class N3NeverAcknowledges implements NveProgramming {
        @Override
        public CompletableFuture<Instant> resync(final NveId nve) {
            return N3.equals(nve) ? new CompletableFuture<>() : CompletableFuture.completedFuture(T0);
        }

        @Override
        public Optional<PortName> portName(final NveId nve, final long ofport) {
            return Optional.empty();
        }

        @Override
        public void useFlowSource(final DesiredFlowSource source) {
            // the test plays the switches
        }
    }

    private final ChangeSignal signal = new ChangeSignal();
    private Registration watch;

    public MobilityRestartTest() {
        super(true);
    }

    @Before
    public void watch() {
        watch = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL, STATE,
            signal.listener());
    }

    @After
    public void unwatch() {
        watch.close();
    }

    @Test
    public void aRestartContinuesFromWhatWasLearned() throws Exception {
        // the first run: vm1 moves n1 -> n2 (converged), vm3 moves n1 -> n3 (converging), vm2 is announced to n3
        final var first = new MobilityStatePublisher(getDataBroker());
        final var firstRun = service(first, T0, Map.of("vm1-n2", 12L), MobilityState.EMPTY);
        firstRun.fabricChanged(fabric());
        firstRun.moveRequested(garp(VM1, N2, "vm1-n2", T0));
        firstRun.moveRequested(garp(VM3, N3, "vm3-n3", T0));
        firstRun.announce(VM2, N3, new PortName("vm2-n3"));
        signal.await("the first run's rows", () -> migration("vm1@1").map(Migration::getState).orElse(null)
            == org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrationState.Converged
            && migration("vm2@1").isPresent() && migration("vm3@1").isPresent()
            && read().nonnullVmLocation().size() == 2);
        first.close();

        // the second run, 10 s later
        final var second = new MobilityStatePublisher(getDataBroker());
        final var published = second.readPublished().get(5, TimeUnit.SECONDS);
        assertEquals(2, published.locations().size());
        assertEquals(3, published.migrations().size());
        final var now = T0.plusSeconds(10);
        final var restored = RestoredMobility.state(published.locations(), published.migrations(), now);
        final var secondRun = service(second, now, Map.of(), restored);

        // the directory's snapshot before it read the intent makes nothing forgotten
        secondRun.fabricChanged(FabricSnapshot.EMPTY);
        assertEquals(2, secondRun.current().state().locations().size());
        secondRun.fabricChanged(fabric());

        final var state = secondRun.current().state();
        final var vm1 = state.location(VM1).orElseThrow();
        assertEquals(N2, vm1.nve());
        assertEquals(1, vm1.sequence());
        assertEquals(N3, state.location(VM3).orElseThrow().nve());
        assertEquals(MigrationState.CONVERGED, state.migration("vm1@1").orElseThrow().state());
        for (var interrupted : new String[] {"vm2@1", "vm3@1"}) {
            final var migration = state.migration(interrupted).orElseThrow();
            assertEquals(interrupted, MigrationState.FAILED, migration.state());
            assertEquals(RestoredMobility.INTERRUPTED, migration.reason());
        }
        assertEquals(Set.of(new ActiveRedirect(VM1, N1, "vm1@1", T0.plusSeconds(30)),
            new ActiveRedirect(VM3, N1, "vm3@1", T0.plusSeconds(30))), Set.copyOf(state.redirects()));

        // the rows: the interrupted migrations failed, vm1's row unchanged (its port number is not known yet)
        signal.await("the failed migrations published", () -> migration("vm2@1").map(Migration::getState)
            .orElse(null) == org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrationState.Failed
            && migration("vm3@1").map(Migration::getState).orElse(null)
            == org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrationState.Failed);
        final var vm1Row = read().nonnullVmLocation().get(new VmLocationKey(
            new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId("vm1")));
        assertEquals(12, vm1Row.getOfport().intValue());
        assertEquals(1, vm1Row.getSequence().intValue());

        // learned sequences continue: no migration id repeats
        assertEquals("vm1@2", secondRun.moveRequested(garp(VM1, N1, "vm1-eth0", now)).migration().id());
        assertEquals("vm2@2", secondRun.announce(VM2, N1, null).migration().id());
        assertTrue(migration("vm1@1").isPresent());
        second.close();
    }

    private static MobilityService service(final MobilityStatePublisher publisher, final Instant now,
            final Map<String, Long> ofports, final MobilityState restored) {
        return new MobilityService(Clock.fixed(now, ZoneOffset.UTC), new N3NeverAcknowledges(),
            (fabric, state) -> publisher.publish(fabric, state, location -> ofport(ofports, location)),
            new SilentNotifications(), (before, after) -> Map.of(), restored);
    }

    private static @Nullable Long ofport(final Map<String, Long> ofports, final VmLocation location) {
        return location.port() == null ? null : ofports.get(location.port().value());
    }

    private Optional<Migration> migration(final String id) {
        return Optional.ofNullable(read().nonnullMigration().get(new MigrationKey(id)));
    }

    private State read() {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, STATE).get().orElseGet(() -> new StateBuilder().build());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
