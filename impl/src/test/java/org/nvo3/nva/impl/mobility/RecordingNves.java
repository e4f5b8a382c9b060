/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.NveScopes;

/**
 * NVEs that record every programming (NVE and scopes, in order, also into a shared event log) and either
 * acknowledge it at once with a report (one flow-mod, written and acknowledged at fixed ticks) or leave it pending
 * until the test completes it.
 */
final class RecordingNves implements NveProgramming {
    /** One programming: the NVE and the scopes it was asked to re-compile. */
    record Programmed(NveId nve, NveScopes scopes) {
    }

    private final List<String> events;
    private final boolean acknowledgeAtOnce;
    final List<Programmed> programmed = new ArrayList<>();
    final Map<NveId, CompletableFuture<ProgrammingReport>> pending = new LinkedHashMap<>();

    /**
     * Creates the NVEs.
     *
     * @param events where "program NVE" is appended for every programming
     * @param acknowledgeAtOnce whether programmings complete at once, or wait in {@link #pending}
     */
    RecordingNves(final List<String> events, final boolean acknowledgeAtOnce) {
        this.events = events;
        this.acknowledgeAtOnce = acknowledgeAtOnce;
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve) {
        return program(nve, NveScopes.EVERYTHING).thenApply(ProgrammingReport::acknowledgedAt);
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve, final NveScopes scopes) {
        return program(nve, scopes).thenApply(ProgrammingReport::acknowledgedAt);
    }

    @Override
    public CompletableFuture<ProgrammingReport> program(final NveId nve, final NveScopes scopes) {
        programmed.add(new Programmed(nve, scopes));
        events.add("program " + nve.value());
        if (acknowledgeAtOnce) {
            return CompletableFuture.completedFuture(new ProgrammingReport(1, 1_000, 2_000,
                MobilityFabric.T0.plusMillis(1)));
        }
        final var future = new CompletableFuture<ProgrammingReport>();
        pending.put(nve, future);
        return future;
    }

    @Override
    public Optional<PortName> portName(final NveId nve, final long ofport) {
        return Optional.empty();
    }

    @Override
    public void useFlowSource(final DesiredFlowSource source) {
        // the tests play the switches
    }

    /** The NVEs programmed, in order. */
    List<NveId> nves() {
        return programmed.stream().map(Programmed::nve).toList();
    }

    void clear() {
        programmed.clear();
        pending.clear();
    }
}
