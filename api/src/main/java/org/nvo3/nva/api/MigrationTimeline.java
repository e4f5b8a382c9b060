/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Where the time of one migration went: monotonic microseconds from its detection (the moment NVA read the
 * packet-in or port-status that revealed the move, or received the announcement). A stage that did not
 * happen (yet) is null. Immutable; each stage reached makes a new timeline.
 *
 * @param detectedBy what the detection was, e.g. {@code packet-in from nve2 port 3}
 * @param handledMicros the mobility handler started on the message
 * @param decidedMicros the move was decided
 * @param compiledMicros every affected NVE's flow-mods were compiled
 * @param convergedMicros the last affected NVE's barrier reply
 * @param publishedMicros the move's rows were committed to OPERATIONAL
 * @param notifiedMicros the vm-moved notification was handed over
 * @param nves each affected NVE's stages, in the order they were programmed
 */
public record MigrationTimeline(String detectedBy, @Nullable Long handledMicros, @Nullable Long decidedMicros,
        @Nullable Long compiledMicros, @Nullable Long convergedMicros, @Nullable Long publishedMicros,
        @Nullable Long notifiedMicros, List<NveStage> nves) {
    /** No timeline (a record restored from an earlier run that had none). */
    public static final MigrationTimeline NONE = new MigrationTimeline("", null, null, null, null, null, null,
        List.of());

    /**
     * One affected NVE's stages.
     *
     * @param nve the NVE
     * @param flowMods the flow-mods sent to it for the move
     * @param writtenMicros its flow-mods and barrier request were written to its connection
     * @param barrierMicros its barrier reply arrived
     */
    public record NveStage(NveId nve, int flowMods, @Nullable Long writtenMicros, @Nullable Long barrierMicros) {
        public NveStage {
            requireNonNull(nve);
            if (flowMods < 0) {
                throw new IllegalArgumentException("flow-mods must not be negative, not " + flowMods);
            }
            checkStage("written", writtenMicros);
            checkStage("barrier", barrierMicros);
        }
    }

    public MigrationTimeline {
        requireNonNull(detectedBy);
        nves = List.copyOf(nves);
        checkStage("handled", handledMicros);
        checkStage("decided", decidedMicros);
        checkStage("compiled", compiledMicros);
        checkStage("converged", convergedMicros);
        checkStage("published", publishedMicros);
        checkStage("notified", notifiedMicros);
    }

    private static void checkStage(final String stage, final @Nullable Long micros) {
        if (micros != null && micros < 0) {
            throw new IllegalArgumentException("the " + stage + " stage cannot come before detection: " + micros);
        }
    }

    /**
     * Starts a timeline at detection.
     *
     * @param detectedBy what the detection was
     * @return the timeline with no stage reached
     */
    public static MigrationTimeline detected(final String detectedBy) {
        return new MigrationTimeline(detectedBy, null, null, null, null, null, null, List.of());
    }

    public MigrationTimeline withHandled(final long micros) {
        return new MigrationTimeline(detectedBy, micros, decidedMicros, compiledMicros, convergedMicros,
            publishedMicros, notifiedMicros, nves);
    }

    public MigrationTimeline withDecided(final long micros) {
        return new MigrationTimeline(detectedBy, handledMicros, micros, compiledMicros, convergedMicros,
            publishedMicros, notifiedMicros, nves);
    }

    public MigrationTimeline withCompiled(final long micros) {
        return new MigrationTimeline(detectedBy, handledMicros, decidedMicros, micros, convergedMicros,
            publishedMicros, notifiedMicros, nves);
    }

    public MigrationTimeline withConverged(final long micros) {
        return new MigrationTimeline(detectedBy, handledMicros, decidedMicros, compiledMicros, micros,
            publishedMicros, notifiedMicros, nves);
    }

    public MigrationTimeline withPublished(final long micros) {
        return new MigrationTimeline(detectedBy, handledMicros, decidedMicros, compiledMicros, convergedMicros,
            micros, notifiedMicros, nves);
    }

    public MigrationTimeline withNotified(final long micros) {
        return new MigrationTimeline(detectedBy, handledMicros, decidedMicros, compiledMicros, convergedMicros,
            publishedMicros, micros, nves);
    }

    /**
     * Adds or replaces one NVE's stages.
     *
     * @param stage the NVE's stages
     * @return the timeline with them
     */
    public MigrationTimeline withNve(final NveStage stage) {
        final var next = new ArrayList<NveStage>(nves.size() + 1);
        boolean replaced = false;
        for (var existing : nves) {
            if (existing.nve().equals(stage.nve())) {
                next.add(stage);
                replaced = true;
            } else {
                next.add(existing);
            }
        }
        if (!replaced) {
            next.add(stage);
        }
        return new MigrationTimeline(detectedBy, handledMicros, decidedMicros, compiledMicros, convergedMicros,
            publishedMicros, notifiedMicros, next);
    }

    /**
     * Renders the timeline on one line, for the log: {@code decided=120us compiled=180us nve2(2)=210/480us ...}.
     *
     * @return the line
     */
    public String summary() {
        final var line = new StringBuilder(detectedBy);
        append(line, "handled", handledMicros);
        append(line, "decided", decidedMicros);
        append(line, "compiled", compiledMicros);
        for (var nve : nves) {
            line.append(' ').append(nve.nve().value()).append('(').append(nve.flowMods()).append(")=")
                .append(nve.writtenMicros() == null ? "-" : nve.writtenMicros()).append('/')
                .append(nve.barrierMicros() == null ? "-" : nve.barrierMicros()).append("us");
        }
        append(line, "converged", convergedMicros);
        append(line, "published", publishedMicros);
        append(line, "notified", notifiedMicros);
        return line.toString();
    }

    private static void append(final StringBuilder line, final String stage, final @Nullable Long micros) {
        if (micros != null) {
            line.append(' ').append(stage).append('=').append(micros).append("us");
        }
    }
}
