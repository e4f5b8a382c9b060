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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.FlowScope;

/**
 * Moves decided while their programming waits on the moves executor form one burst: each affected NVE is
 * programmed once, with the union of the moves' scopes there, and each move converges when the barriers of the
 * NVEs it affects are back, not those of the others.
 */
public class MovesProgrammedInBurstsTest {
    private final List<String> events = new ArrayList<>();
    private final RecordingNves nves = new RecordingNves(events, false);
    private final ManualExecutor moves = new ManualExecutor();
    private final AtomicLong nanos = new AtomicLong(1_000_000);
    private MobilityService service;

    @Before
    public void start() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var states = new ForwardingStates(clock);
        service = new MobilityService(clock, () -> nanos.addAndGet(10_000), nves, MobilityStateSink.DISCARD,
            new SilentNotifications(), states::changedScopes, MobilityState.EMPTY, Runnable::run, moves);
        service.fabricChanged(fabric());
        moves.runAll();
        nves.pending.values().forEach(future -> future.complete(ProgrammingReport.acknowledged(T0)));
        nves.clear();
        events.clear();
    }

    @Test
    public void nothingIsProgrammedUntilTheMovesExecutorRuns() {
        final var outcome = service.moveRequested(garp(VM2, N3, "vm2-new", T0));

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        assertEquals("decided at once", N3, service.current().state().location(VM2).orElseThrow().nve());
        assertEquals("programmed on the moves executor, not by the caller", List.of(), events);

        assertEquals(1, moves.runAll());
        assertEquals("old, new, then the others", List.of("program n2", "program n3", "program n1"), events);
    }

    @Test
    public void threeMovesDecidedBeforeTheExecutorRunsProgramEachNveOnceWithAllTheirScopes() {
        final var vm2 = service.moveRequested(garp(VM2, N3, "vm2-new", T0)).migration().id();
        final var vm1 = service.moveRequested(garp(VM1, N2, "vm1-new", T0)).migration().id();
        final var vm3 = service.moveRequested(garp(VM3, N3, "vm3-new", T0)).migration().id();

        assertEquals("one programming for the three moves", 1, moves.runAll());

        final var programmedNves = nves.programmed.stream().map(RecordingNves.Programmed::nve).toList();
        assertEquals("each NVE once: " + programmedNves, Set.copyOf(programmedNves).size(), programmedNves.size());
        assertEquals(Set.of(N1, N2, N3), Set.copyOf(programmedNves));
        final var atN3 = nves.programmed.stream().filter(programmed -> programmed.nve().equals(N3)).findFirst()
            .orElseThrow().scopes();
        final var scopesAtN3 = new HashSet<>(atN3.scopes());
        assertTrue("both VMs arriving at n3 are in its one batch: " + atN3,
            atN3.everything() || scopesAtN3.containsAll(Set.of(new FlowScope.OfVm(VM2), new FlowScope.OfVm(VM3))));
        for (var id : List.of(vm1, vm2, vm3)) {
            assertEquals(MigrationState.CONVERGING, service.current().state().migration(id).orElseThrow().state());
        }
    }

    @Test
    public void eachMoveOfABurstConvergesAtTheBarriersOfItsOwnNves() {
        // vm3 (VNI 5002, on n1 only) moves to n3; vm2 (VNI 5001) moves to n3 as well
        final var vm3 = service.moveRequested(garp(VM3, N3, "vm3-new", T0)).migration().id();
        final var vm2 = service.moveRequested(garp(VM2, N3, "vm2-new", T0)).migration().id();
        moves.runAll();
        final var vm3Nves = Set.copyOf(service.current().state().migration(vm3).map(migration -> List.of(
            migration.fromNve(), migration.toNve())).orElseThrow());

        // every NVE but the last one vm2 needs acknowledges
        final var pending = List.copyOf(nves.pending.keySet());
        final NveId onlyVm2s = pending.stream().filter(nve -> !vm3Nves.contains(nve)).findFirst().orElseThrow();
        for (var nve : pending) {
            if (!nve.equals(onlyVm2s)) {
                nves.pending.get(nve).complete(new ProgrammingReport(2, nanos.addAndGet(5_000),
                    nanos.addAndGet(5_000), T0.plusMillis(1)));
            }
        }

        assertEquals("vm3's NVEs are back", MigrationState.CONVERGED,
            service.current().state().migration(vm3).orElseThrow().state());
        assertEquals("vm2 waits for " + onlyVm2s, MigrationState.CONVERGING,
            service.current().state().migration(vm2).orElseThrow().state());
        final var converged = service.current().state().migration(vm3).orElseThrow();
        assertEquals("at its own last barrier", T0.plusMillis(1), converged.convergedAt());

        nves.pending.get(onlyVm2s).complete(new ProgrammingReport(1, nanos.addAndGet(5_000), nanos.addAndGet(5_000),
            T0.plusMillis(2)));
        assertEquals(MigrationState.CONVERGED, service.current().state().migration(vm2).orElseThrow().state());
        assertEquals("no programming after the barriers", 0, moves.runAll());
    }
}
