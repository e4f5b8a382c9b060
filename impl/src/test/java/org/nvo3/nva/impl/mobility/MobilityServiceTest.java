/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;
import static org.nvo3.nva.impl.mobility.MobilityFabric.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MigrationTimeline;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.NveScopes;

public class MobilityServiceTest {
    /** Re-syncs complete when the test says so, each with the barrier time the test gives. */
    private static final class ScriptedNves implements NveProgramming {
        final List<NveId> resynced = new ArrayList<>();
        final Map<NveId, CompletableFuture<Instant>> pending = new HashMap<>();

        @Override
        public CompletableFuture<Instant> resync(final NveId nve) {
            resynced.add(nve);
            final var future = new CompletableFuture<Instant>();
            pending.put(nve, future);
            return future;
        }

        @Override
        public Optional<PortName> portName(final NveId nve, final long ofport) {
            return Optional.empty();
        }

        @Override
        public void useFlowSource(final DesiredFlowSource source) {
            // the test plays the switches
        }

        void acknowledge(final NveId nve, final Instant at) {
            pending.remove(nve).complete(at);
        }
    }

    private final ScriptedNves nves = new ScriptedNves();
    private final List<MobilityState> published = new ArrayList<>();
    private final List<Migration> moved = new ArrayList<>();
    private final List<Vm> duplicates = new ArrayList<>();
    private MobilityService service;

    @Before
    public void startService() {
        final var notifications = new MobilityNotifications() {
            @Override
            public void vmMoved(final Migration migration) {
                moved.add(migration);
            }

            @Override
            public void duplicateAddress(final Vm vm, final List<NveId> at) {
                duplicates.add(vm);
            }
        };
        // every NVE hosting VNI 5001 (n1 and n2 host it by placement) is affected by a move in it
        service = new MobilityService(Clock.fixed(T0, ZoneOffset.UTC), nves,
            (fabricSnapshot, state) -> {
                published.add(state);
                return CompletableFuture.completedFuture(null);
            }, notifications,
            (before, after) -> Map.of(N1, NveScopes.EVERYTHING, N2, NveScopes.EVERYTHING, N3,
                NveScopes.EVERYTHING));
        service.fabricChanged(fabric());
        nves.resynced.clear();
        nves.pending.clear();
    }

    @Test
    public void aVmDeclaredAgainGoesOnFromItsLastSequenceSoMigrationIdsNeverRepeat() {
        final var first = service.moveRequested(garp(VM2, N3, "vm2-new", T0)).migration().id();
        final var without = new HashMap<>(fabric().vms());
        without.remove(VM2);
        service.fabricChanged(new FabricSnapshot(fabric().settings(), fabric().nves(), fabric().networks(), without));
        service.fabricChanged(fabric());

        final var second = service.moveRequested(garp(VM2, N3, "vm2-new", T0.plusSeconds(1))).migration().id();

        assertEquals("vm2@1", first);
        assertEquals("vm2@2", second);
        assertTrue("the first record is still there", service.current().state().migration(first).isPresent());
    }

    @Test
    public void aMoveResyncsTheOldAndNewNveFirstAndConvergesAtTheLastBarrier() {
        final var outcome = service.moveRequested(garp(VM2, N3, "vm2-new", T0));

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        assertEquals("old, new, then the others", List.of(N2, N3, N1), nves.resynced);
        final var id = outcome.migration().id();
        assertEquals(MigrationState.CONVERGING, service.current().state().migration(id).orElseThrow().state());

        nves.acknowledge(N3, T0.plusNanos(400_000));
        nves.acknowledge(N1, T0.plusNanos(900_000));
        assertTrue("not converged before every NVE acknowledged", moved.isEmpty());
        nves.acknowledge(N2, T0.plusNanos(700_000));

        final var converged = service.current().state().migration(id).orElseThrow();
        assertEquals(MigrationState.CONVERGED, converged.state());
        assertEquals(Duration.ofNanos(900_000), converged.convergence().orElseThrow());
        // notified before the timeline (with its notification stage) was recorded
        assertEquals(List.of(converged.withTimeline(MigrationTimeline.NONE)), moved);
        assertEquals(converged, published.getLast().migration(id).orElseThrow());
        // the timeline: every stage, in order, and the affected NVEs as they were programmed
        final var timeline = converged.timeline();
        assertEquals("GRATUITOUS_ARP", timeline.detectedBy());
        assertEquals(List.of(N2, N3, N1), timeline.nves().stream().map(MigrationTimeline.NveStage::nve).toList());
        final var stages = List.of(timeline.handledMicros(), timeline.decidedMicros(), timeline.compiledMicros(),
            timeline.convergedMicros(), timeline.publishedMicros(), timeline.notifiedMicros());
        assertTrue("every stage reached: " + timeline, stages.stream().allMatch(stage -> stage != null));
        for (int i = 1; i < stages.size(); i++) {
            assertTrue("stages in order: " + timeline, stages.get(i - 1) <= stages.get(i));
        }
    }

    @Test
    public void aFailedResyncMarksTheMigrationFailedWithTheReason() {
        final var id = service.moveRequested(garp(VM2, N3, "vm2-new", T0)).migration().id();
        nves.acknowledge(N2, T0);
        nves.acknowledge(N1, T0);
        nves.pending.remove(N3).completeExceptionally(new IllegalStateException("NVE n3 is not connected"));

        final var failed = service.current().state().migration(id).orElseThrow();
        assertEquals(MigrationState.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().contains("NVE n3 is not connected"));
        assertTrue(moved.isEmpty());
    }

    @Test
    public void anAnnouncedMoveTakesEffectWhenTheVmsOldPortDisappears() {
        final var announced = service.announce(VM2, N3, new PortName("vm2-new"));
        assertEquals("", announced.refusal());
        assertEquals(MigrationState.ANNOUNCED,
            service.current().state().migration(announced.migration().id()).orElseThrow().state());
        nves.resynced.clear();

        service.portDeleted(N1, new PortName("vm2-eth0"));
        assertTrue("a port of the same name on another NVE is not the VM's", nves.resynced.isEmpty());

        service.portDeleted(N2, new PortName("vm2-eth0"));
        final var location = service.current().state().location(VM2).orElseThrow();
        assertEquals(N3, location.nve());
        assertEquals(new PortName("vm2-new"), location.port());
        assertEquals(MoveTrigger.ORCHESTRATOR, location.learnedFrom());
        assertTrue(service.current().state().redirect(VM2, N2).isPresent());
        assertEquals(List.of(N2, N3, N1), nves.resynced);
    }

    @Test
    public void theEndOfTheRedirectIsRecordedWithItsPackets() {
        final var id = service.moveRequested(garp(VM2, N3, "vm2-new", T0)).migration().id();
        nves.resynced.clear();
        service.redirectEnded(VM2, N2, 42);

        final var migration = service.current().state().migration(id).orElseThrow();
        assertEquals(MigrationState.REDIRECT_EXPIRED, migration.state());
        assertEquals(42, migration.redirectedPackets());
        assertTrue(service.current().state().redirects().isEmpty());
        assertEquals("the old NVE drops what it held for the redirect", N2, nves.resynced.getFirst());

        nves.resynced.clear();
        service.redirectEnded(VM2, N2, 42);
        assertEquals("a second removal re-syncs nothing", List.of(), nves.resynced);
    }

    @Test
    public void aPlacementChangedInTheIntentIsAnOrchestratorMove() {
        final var fabric = fabric();
        final var vms = new HashMap<>(fabric.vms());
        final var vm2 = vms.get(VM2);
        vms.put(VM2, new Vm(VM2, vm2.vni(), vm2.mac(), vm2.ips(), N1, new PortName("vm2-eth0")));
        service.fabricChanged(new FabricSnapshot(fabric.settings(), fabric.nves(), fabric.networks(), vms));

        final var location = service.current().state().location(VM2).orElseThrow();
        assertEquals(N1, location.nve());
        assertEquals(MoveTrigger.ORCHESTRATOR, location.learnedFrom());
    }

    @Test
    public void aVmDeletedFromTheIntentIsForgotten() {
        service.moveRequested(garp(VM2, N3, "vm2-new", T0));
        final var fabric = fabric();
        final var vms = new HashMap<>(fabric.vms());
        vms.remove(VM2);
        service.fabricChanged(new FabricSnapshot(fabric.settings(), fabric.nves(), fabric.networks(), vms));

        assertTrue(service.current().state().location(VM2).isEmpty());
        assertTrue(service.current().state().redirects().isEmpty());
    }

    @Test
    public void aFreezeIsNotifiedAndTheOperatorCanClearIt() {
        final var fabric = fabric();
        service.fabricChanged(new FabricSnapshot(settings(1, false), fabric.nves(), fabric.networks(),
            fabric.vms()));
        assertEquals(MoveVerdict.MOVED, service.moveRequested(garp(VM2, N3, "a", T0)).verdict());
        assertEquals(MoveVerdict.FROZEN, service.moveRequested(garp(VM2, N1, "b", T0)).verdict());
        assertEquals(List.of(VM2), duplicates.stream().map(Vm::id).toList());

        assertTrue(service.unfreeze(VM2));
        assertFalse("not frozen any more", service.unfreeze(VM2));
        assertFalse(service.unfreeze(new VmId("vm1")));
        assertEquals(MoveVerdict.MOVED, service.moveRequested(garp(VM2, N1, "b", T0)).verdict());
    }
}
