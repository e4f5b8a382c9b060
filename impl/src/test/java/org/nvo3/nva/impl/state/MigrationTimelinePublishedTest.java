/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.ChangeSignal;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.mobility.ForwardingStates;
import org.nvo3.nva.impl.mobility.MobilityFabric;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.MoveRequest;
import org.nvo3.nva.impl.mobility.SilentNotifications;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.migration.Timeline;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * A migration converged through the mobility service, publishing to the datastore as the running NVA does, ends
 * up in OPERATIONAL state/migration with its complete timeline (every stage and each affected NVE's flow-mods,
 * write and barrier), which reads back as the service's record.
 */
public class MigrationTimelinePublishedTest extends AbstractConcurrentDataBrokerTest {
    private static final DataObjectIdentifier<State> STATE = DataObjectIdentifier.builder(State.class).build();

    /** Acknowledges every programming at once: two flow-mods per NVE, written and acknowledged just now. */
    private static final class AcknowledgingNves implements NveProgramming {
        @Override
        public CompletableFuture<Instant> resync(final NveId nve) {
            return CompletableFuture.completedFuture(MobilityFabric.T0);
        }

        @Override
        public CompletableFuture<ProgrammingReport> program(final NveId nve, final NveScopes scopes) {
            final long written = System.nanoTime();
            return CompletableFuture.completedFuture(new ProgrammingReport(2, written, System.nanoTime(),
                MobilityFabric.T0.plusMillis(1)));
        }

        @Override
        public Optional<PortName> portName(final NveId nve, final long ofport) {
            return Optional.empty();
        }

        @Override
        public void useFlowSource(final DesiredFlowSource source) {
            // programs nothing
        }
    }

    private final ChangeSignal signal = new ChangeSignal();
    private Registration watch;
    private MobilityStatePublisher publisher;
    private MobilityService service;

    public MigrationTimelinePublishedTest() {
        super(true);
    }

    @Before
    public void start() {
        watch = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL, STATE,
            signal.listener());
        publisher = new MobilityStatePublisher(getDataBroker());
        final var clock = Clock.fixed(MobilityFabric.T0, ZoneOffset.UTC);
        final var states = new ForwardingStates(clock);
        service = new MobilityService(clock, new AcknowledgingNves(),
            (fabric, state) -> publisher.publish(fabric, state, states::ofport), new SilentNotifications(),
            states::changedScopes);
        service.fabricChanged(MobilityFabric.fabric());
    }

    @After
    public void stop() {
        publisher.close();
        watch.close();
    }

    @Test
    public void aConvergedMigrationIsWrittenWithItsTimeline() throws Exception {
        final var outcome = service.moveRequested(new MoveRequest(MobilityFabric.VM2, MobilityFabric.N3,
            new PortName("vm2-new"), MoveTrigger.GRATUITOUS_ARP, MobilityFabric.T0));
        final var id = outcome.migration().id();

        signal.await("the timeline of " + id + " was written with its notification stage",
            () -> timeline(id).map(Timeline::getNotifiedMicros).isPresent());

        final var recorded = service.current().state().migration(id).orElseThrow();
        assertEquals(MigrationState.CONVERGED, recorded.state());
        final var row = read(id).orElseThrow();
        assertEquals("the row reads back as the service's record", recorded, MobilityRecords.migration(row));
        final var timeline = row.getTimeline();
        assertNotNull(timeline);
        assertEquals("GRATUITOUS_ARP", timeline.getDetectedBy());
        assertNotNull(timeline.getHandledMicros());
        assertNotNull(timeline.getDecidedMicros());
        assertNotNull(timeline.getCompiledMicros());
        assertNotNull(timeline.getConvergedMicros());
        assertNotNull(timeline.getPublishedMicros());
        assertEquals("convergence-micros is the timeline's", timeline.getConvergedMicros().longValue(),
            row.getConvergenceMicros().longValue());
        assertEquals("the old, the new and the other NVE of the VNI", List.of("n1", "n2", "n3"),
            timeline.nonnullNve().keySet().stream().map(key -> key.getId().getValue()).sorted().toList());
        for (var nve : timeline.nonnullNve().values()) {
            assertEquals(Uint32.valueOf(2), nve.getFlowMods());
            assertNotNull(nve.getWrittenMicros());
            assertTrue(nve.toString(), nve.getBarrierMicros().longValue() >= nve.getWrittenMicros().longValue());
        }
    }

    private Optional<Timeline> timeline(final String id) {
        return read(id).map(Migration::getTimeline);
    }

    private Optional<Migration> read(final String id) {
        final var path = DataObjectIdentifier.builder(State.class).child(Migration.class, new MigrationKey(id))
            .build();
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
