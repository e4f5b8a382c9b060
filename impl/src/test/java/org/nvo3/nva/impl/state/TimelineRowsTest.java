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
import static org.junit.Assert.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MigrationTimeline;
import org.nvo3.nva.api.MigrationTimeline.NveStage;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.impl.mobility.MobilityFabric;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * A migration's timeline written as state/migration/timeline and read back (alone and with its migration row) is
 * the timeline that was written: every stage, the NVEs' stages with zero and missing leaves, a timeline that
 * reached only some stages, and {@link MigrationTimeline#NONE} as no container at all. The NVE list is keyed and
 * unordered in YANG: it comes back ordered by when the NVEs' flow-mods were written, those never written last.
 */
public class TimelineRowsTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.123456789Z");

    private static MigrationTimeline complete() {
        return MigrationTimeline.detected("packet-in from n3 port 7")
            .withHandled(3).withDecided(9).withCompiled(40)
            .withNve(new NveStage(MobilityFabric.N2, 2, 45L, 300L))
            .withNve(new NveStage(MobilityFabric.N3, 3, 52L, 280L))
            .withNve(new NveStage(MobilityFabric.N1, 0, 60L, 200L))
            .withConverged(300).withPublished(900).withNotified(950);
    }

    private static Migration converged(final MigrationTimeline timeline) {
        return Migration.start("vm2@4", MobilityFabric.VM2, MobilityFabric.N2, MobilityFabric.N3,
                MoveTrigger.PORT_ADDED, MigrationState.ANNOUNCED, AT, "")
            .moving(MobilityFabric.N2, MoveTrigger.PORT_ADDED, AT, AT.plusSeconds(30))
            .converged(AT.plusNanos(301_000))
            .withTimeline(timeline);
    }

    @Test
    public void everyStageRoundTrips() {
        final var timeline = complete();
        final var row = TimelineRows.row(timeline);

        assertNotNull(row);
        assertEquals(Uint64.valueOf(300), row.getConvergedMicros());
        assertEquals(3, row.nonnullNve().size());
        assertEquals(timeline, TimelineRows.timeline(row));
    }

    @Test
    public void aMigrationWithItsTimelineRoundTripsThroughItsRow() {
        final var migration = converged(complete());
        final var row = MobilityRows.migrationRow(migration);

        assertEquals("convergence-micros is the timeline's monotonic one", Uint64.valueOf(300),
            row.getConvergenceMicros());
        assertEquals(migration, MobilityRecords.migration(row));
    }

    @Test
    public void noTimelineIsNoContainerAndReadsBackAsNone() {
        assertNull(TimelineRows.row(MigrationTimeline.NONE));
        assertEquals(MigrationTimeline.NONE, TimelineRows.timeline(null));

        final var migration = converged(MigrationTimeline.NONE);
        final var row = MobilityRows.migrationRow(migration);
        assertNull(row.getTimeline());
        assertEquals("the wall-clock convergence without a timeline", Uint64.valueOf(301),
            row.getConvergenceMicros());
        assertEquals(migration, MobilityRecords.migration(row));
    }

    @Test
    public void aTimelineThatReachedOnlySomeStagesRoundTrips() {
        final var partial = List.of(
            MigrationTimeline.detected("rpc migrate-vm"),
            MigrationTimeline.detected("").withHandled(0),
            MigrationTimeline.detected("port-status ADDED tap on n3").withHandled(1).withDecided(2).withCompiled(3)
                .withNve(new NveStage(MobilityFabric.N3, 0, null, null)),
            MigrationTimeline.detected("x").withNve(new NveStage(MobilityFabric.N1, 7, 10L, null)));
        for (var timeline : partial) {
            final var row = TimelineRows.row(timeline);
            assertNotNull(timeline.toString(), row);
            assertEquals(timeline, TimelineRows.timeline(row));
        }
    }

    @Test
    public void theNvesComeBackInTheOrderTheirFlowModsWereWrittenTheUnwrittenLast() {
        final var programmed = MigrationTimeline.detected("packet-in")
            .withNve(new NveStage(MobilityFabric.N1, 1, null, null))
            .withNve(new NveStage(MobilityFabric.N2, 1, 70L, 90L))
            .withNve(new NveStage(MobilityFabric.N3, 1, 50L, 80L));

        final var read = TimelineRows.timeline(TimelineRows.row(programmed));

        assertEquals(List.of(MobilityFabric.N3, MobilityFabric.N2, MobilityFabric.N1),
            read.nves().stream().map(NveStage::nve).toList());
        assertEquals("the same stages", Set.copyOf(programmed.nves()), Set.copyOf(read.nves()));
    }
}
