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
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MigrationTimeline;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;

/**
 * Publication comes after the NVEs answered and is coalesced: with a publication executor the test runs by hand, a
 * move's programming of the NVEs happens within moveRequested, while the state sink is invoked only once their
 * barriers are back and the executor runs (while the NVEs apply the flow-mods, the datastore does not compete with
 * them); two moves answered before it runs make one publication holding both; a migration's timeline is written by a
 * later publication, once the converged record was published and notified.
 */
public class PublicationAfterProgrammingTest {
    private final List<String> events = new ArrayList<>();
    private final List<MobilityState> published = new ArrayList<>();
    private final RecordingNves nves = new RecordingNves(events, false);
    private final ManualExecutor publications = new ManualExecutor();
    private final AtomicLong nanos = new AtomicLong(1_000_000);
    private MobilityService service;

    @Before
    public void start() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var states = new ForwardingStates(clock);
        service = new MobilityService(clock, () -> nanos.addAndGet(10_000), nves, (fabric, state) -> {
            events.add("publish");
            published.add(state);
            return CompletableFuture.completedFuture(null);
        }, new SilentNotifications(), states::changedScopes, MobilityState.EMPTY, publications);
        service.fabricChanged(fabric());
        publications.runAll();
        nves.pending.values().forEach(future -> future.complete(ProgrammingReport.acknowledged(T0)));
        publications.runAll();
        nves.clear();
        events.clear();
        published.clear();
    }

    @Test
    public void aMoveIsPublishedOnceItsNvesAnswered() {
        final var outcome = service.moveRequested(garp(VM2, N3, "vm2-new", T0));

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        assertEquals("programmed within moveRequested, nothing published yet", List.of("program n2", "program n3",
            "program n1"), events);
        publications.runAll();
        assertTrue("nothing published while the barriers are out: " + events, published.isEmpty());

        answerAll();
        publications.runAll();

        assertEquals("the location and the converged record, then the timeline",
            List.of("program n2", "program n3", "program n1", "publish", "publish"), events);
        assertEquals(N3, published.getFirst().location(VM2).orElseThrow().nve());
        assertEquals(MigrationState.CONVERGED, published.getFirst().migrations().values().iterator().next().state());
    }

    @Test
    public void twoMovesAnsweredBeforeTheExecutorRunsMakeOnePublicationWithBoth() {
        service.moveRequested(garp(VM2, N3, "vm2-new", T0));
        service.moveRequested(garp(VM1, N2, "vm1-new", T0));
        answerAll();
        assertTrue(published.isEmpty());

        publications.runAll();

        assertEquals("one publication of both moves, one of both timelines: " + events, 2, published.size());
        assertEquals(N3, published.getFirst().location(VM2).orElseThrow().nve());
        assertEquals(N2, published.getFirst().location(VM1).orElseThrow().nve());
        assertEquals(2, published.getFirst().migrations().size());
        assertEquals("every programming came before them", List.of("publish", "publish"),
            events.subList(events.size() - 2, events.size()));
    }

    @Test
    public void aFailedProgrammingIsPublishedToo() {
        service.moveRequested(garp(VM2, N3, "vm2-new", T0));
        nves.pending.values().forEach(future -> future.completeExceptionally(new IllegalStateException("gone")));

        publications.runAll();

        assertEquals(N3, published.getLast().location(VM2).orElseThrow().nve());
    }

    private void answerAll() {
        List.copyOf(nves.pending.values()).forEach(future -> future.complete(ProgrammingReport.acknowledged(T0)));
    }

    @Test
    public void theTimelineIsPublishedAfterTheBarriersThePublicationAndTheNotification() {
        final var id = service.moveRequested(garp(VM2, N3, "vm2-new", T0)).migration().id();
        publications.runAll();
        published.clear();
        int fm = 3;
        for (var entry : List.copyOf(nves.pending.entrySet())) {
            final NveId nve = entry.getKey();
            entry.getValue().complete(new ProgrammingReport(fm++, nanos.addAndGet(5_000), nanos.addAndGet(5_000),
                T0.plusMillis(2)));
            assertEquals("nothing is published on the thread of " + nve + "'s barrier", List.of(), published);
        }
        assertEquals(MigrationState.CONVERGED, service.current().state().migration(id).orElseThrow().state());
        assertEquals("the timeline is completed off the critical path", MigrationTimeline.NONE,
            service.current().state().migration(id).orElseThrow().timeline());

        publications.runAll();

        assertEquals("the converged record, then the record with its timeline: " + published, 2, published.size());
        assertEquals(MigrationState.CONVERGED, published.get(0).migration(id).orElseThrow().state());
        final var timeline = published.get(1).migration(id).orElseThrow().timeline();
        assertEquals(List.of(N2, N3, N1), timeline.nves().stream().map(MigrationTimeline.NveStage::nve).toList());
        assertEquals(List.of(3, 4, 5), timeline.nves().stream().map(MigrationTimeline.NveStage::flowMods).toList());
        final var stages = new ArrayList<Long>();
        stages.add(timeline.handledMicros());
        stages.add(timeline.decidedMicros());
        stages.add(timeline.compiledMicros());
        stages.add(timeline.convergedMicros());
        stages.add(timeline.publishedMicros());
        stages.add(timeline.notifiedMicros());
        assertTrue(timeline.toString(), stages.stream().allMatch(stage -> stage != null));
        for (int i = 1; i < stages.size(); i++) {
            assertTrue("stages in order: " + timeline, stages.get(i - 1) <= stages.get(i));
        }
        final long lastBarrier = timeline.nves().stream().mapToLong(MigrationTimeline.NveStage::barrierMicros)
            .max().orElseThrow();
        assertEquals("converged at the last barrier", lastBarrier, timeline.convergedMicros().longValue());
    }
}
