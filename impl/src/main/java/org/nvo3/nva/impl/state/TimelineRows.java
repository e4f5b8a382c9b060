/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import java.util.ArrayList;
import java.util.HashMap;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MigrationTimeline;
import org.nvo3.nva.api.NveId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.migration.Timeline;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.migration.TimelineBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.migration.timeline.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.migration.timeline.NveBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.migration.timeline.NveKey;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Turns a migration's timeline into the state/migration/timeline container and back.
 */
final class TimelineRows {
    private TimelineRows() {
        // no instances
    }

    /**
     * The container of a timeline, or null for {@link MigrationTimeline#NONE}.
     *
     * @param timeline the timeline
     * @return the container
     */
    static @Nullable Timeline row(final MigrationTimeline timeline) {
        if (timeline.equals(MigrationTimeline.NONE)) {
            return null;
        }
        final var nves = new HashMap<NveKey, Nve>();
        for (var stage : timeline.nves()) {
            final var key = new NveKey(new ObjectId(stage.nve().value()));
            nves.put(key, new NveBuilder()
                .withKey(key)
                .setFlowMods(Uint32.valueOf(stage.flowMods()))
                .setWrittenMicros(micros(stage.writtenMicros()))
                .setBarrierMicros(micros(stage.barrierMicros()))
                .build());
        }
        return new TimelineBuilder()
            .setDetectedBy(timeline.detectedBy().isEmpty() ? null : timeline.detectedBy())
            .setHandledMicros(micros(timeline.handledMicros()))
            .setDecidedMicros(micros(timeline.decidedMicros()))
            .setCompiledMicros(micros(timeline.compiledMicros()))
            .setConvergedMicros(micros(timeline.convergedMicros()))
            .setPublishedMicros(micros(timeline.publishedMicros()))
            .setNotifiedMicros(micros(timeline.notifiedMicros()))
            .setNve(nves.isEmpty() ? null : nves)
            .build();
    }

    /**
     * The timeline of a container (the NVEs ordered by when their flow-mods were written).
     *
     * @param row the container, or null
     * @return the timeline, {@link MigrationTimeline#NONE} for null
     */
    static MigrationTimeline timeline(final @Nullable Timeline row) {
        if (row == null) {
            return MigrationTimeline.NONE;
        }
        final var stages = new ArrayList<MigrationTimeline.NveStage>();
        for (var nve : row.nonnullNve().values()) {
            final var flowMods = nve.getFlowMods();
            stages.add(new MigrationTimeline.NveStage(new NveId(nve.requireId().getValue()),
                flowMods == null ? 0 : flowMods.intValue(), value(nve.getWrittenMicros()),
                value(nve.getBarrierMicros())));
        }
        stages.sort((one, other) -> Long.compare(orLast(one.writtenMicros()), orLast(other.writtenMicros())));
        final var detectedBy = row.getDetectedBy();
        return new MigrationTimeline(detectedBy == null ? "" : detectedBy, value(row.getHandledMicros()),
            value(row.getDecidedMicros()), value(row.getCompiledMicros()), value(row.getConvergedMicros()),
            value(row.getPublishedMicros()), value(row.getNotifiedMicros()), stages);
    }

    private static long orLast(final @Nullable Long micros) {
        return micros == null ? Long.MAX_VALUE : micros;
    }

    private static @Nullable Uint64 micros(final @Nullable Long micros) {
        return micros == null ? null : Uint64.valueOf(micros);
    }

    private static @Nullable Long value(final @Nullable Uint64 micros) {
        return micros == null ? null : micros.longValue();
    }
}
