/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.dataplane.NotConnectedException;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ScopedFlows;

/**
 * Keeps each bound switch's flow table equal to what the flow source desires: decides when a switch is
 * synchronised, in full or incrementally (for moves), and queues it on the switch's {@link SwitchSyncQueue}.
 * No flow is synchronised before the switch's punt meter is dealt with and a flow source is set.
 */
final class NveProgrammer implements NveProgramming {
    private final SwitchBindings bindings;
    private final Clock clock;
    /** What the switches are synchronised to; null until {@link #useFlowSource}: no switch is synchronised. */
    private volatile @Nullable DesiredFlowSource flowSource;
    /** Whether the flow source is the intent alone, which follows the directory through full synchronisations. */
    private volatile boolean intentFlowSource;

    /**
     * Creates the programmer.
     *
     * @param bindings the switches and their NVEs
     * @param clock the clock
     * @param intentUntilFlowSource whether switches are synchronised to the intent alone until
     *     {@link #useFlowSource}; if not (the running NVA), a switch that connects before waits for the flow
     *     source, so it is not re-pointed to the intent's placements and back to the learned locations
     */
    NveProgrammer(final SwitchBindings bindings, final Clock clock, final boolean intentUntilFlowSource) {
        this.bindings = requireNonNull(bindings);
        this.clock = requireNonNull(clock);
        flowSource = intentUntilFlowSource ? this::intentFlows : null;
        intentFlowSource = intentUntilFlowSource;
    }

    /**
     * Binds a connected switch to its fabric/nve entry and synchronises it in full when its desired flows
     * changed.
     *
     * @param connected the switch
     * @param why what the log line gives as the reason
     * @return the barrier reply time; fails when the switch is not bound or the sync failed
     */
    CompletableFuture<Instant> bindAndSync(final ConnectedSwitch connected, final String why) {
        final var nve = bindings.bind(connected);
        if (nve == null) {
            return CompletableFuture.failedFuture(new NotConnectedException("switch " + connected.datapathId()
                + " is not bound to a fabric/nve"));
        }
        if (!connected.meterChecked()) {
            // synchronised once the punt meter is dealt with, with what is desired then
            return CompletableFuture.completedFuture(clock.instant());
        }
        final var source = flowSource;
        if (source == null) {
            // synchronised once the flow source is set, with what is desired then
            return CompletableFuture.completedFuture(clock.instant());
        }
        final var syncQueue = connected.syncQueue();
        final var ports = syncQueue.ports();
        final var meter = connected.punterMeter();
        final var desired = source.desired(nve.id(), ports, meter, NveScopes.EVERYTHING);
        return syncQueue.syncFully(nve, why, desired, ports, meter,
            report -> bindings.synced(connected, nve, report));
    }

    /**
     * Binds every connected switch again and synchronises those whose desired flows changed.
     *
     * @param why what the log lines give as the reason
     */
    void bindAndSyncAll(final String why) {
        for (var connected : bindings.switches()) {
            bindAndSync(connected, why);
        }
    }

    /**
     * The directory changed: every connected switch is bound again. With the intent as flow source, each is
     * synchronised in full when its desired flows changed. With another source (mobility), which re-synchronises
     * the NVEs whose flows the change touches itself, in the changed scopes only, a switch is synchronised here
     * only when it is bound to another NVE than before (newly named in fabric/nve, or renamed): compiling every
     * switch's whole flow set for nothing would double the work of a large intent change.
     *
     * @param why what the log lines give as the reason
     */
    void directoryChanged(final String why) {
        final boolean sourceFollowsTheDirectory = intentFlowSource;
        for (var connected : bindings.switches()) {
            final var before = connected.nve();
            if (sourceFollowsTheDirectory || before == null) {
                bindAndSync(connected, why);
                continue;
            }
            final var now = bindings.bind(connected);
            if (now != null && !now.id().equals(before.id())) {
                bindAndSync(connected, why);
            }
        }
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve) {
        final var connected = bindings.bound(nve);
        return connected == null ? CompletableFuture.failedFuture(new NotConnectedException("NVE " + nve
            + " is not connected")) : bindAndSync(connected, "mobility");
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nveId, final NveScopes scopes) {
        return program(nveId, scopes).thenApply(ProgrammingReport::acknowledgedAt);
    }

    @Override
    public CompletableFuture<ProgrammingReport> program(final NveId nveId, final NveScopes scopes) {
        requireNonNull(scopes);
        final var connected = bindings.bound(nveId);
        if (connected == null) {
            return CompletableFuture.failedFuture(new NotConnectedException("NVE " + nveId + " is not connected"));
        }
        return syncScopes(connected, scopes, "mobility", false);
    }

    /**
     * A port of a connected switch came, went or changed: its NVE is re-synchronised incrementally, in the scopes
     * of the VMs on that port (a full synchronisation only when what the switch holds is not known).
     *
     * @param connected the switch
     * @param why what the log line gives as the reason
     * @return done (normally or not) once the switch acknowledged the synchronisation
     */
    CompletableFuture<?> portChanged(final ConnectedSwitch connected, final String why) {
        if (connected.nve() == null) {
            return bindAndSync(connected, why);
        }
        // after the port-statuses read with this one: a burst of them (an evacuation) makes one synchronisation
        return syncScopes(connected, NveScopes.NONE, why, true);
    }

    private CompletableFuture<ProgrammingReport> syncScopes(final ConnectedSwitch connected, final NveScopes scopes,
            final String why, final boolean coalesce) {
        final @Nullable Nve nve = connected.nve();
        if (nve == null) {
            return CompletableFuture.failedFuture(new NotConnectedException("switch " + connected.datapathId()
                + " is not bound to a fabric/nve"));
        }
        final var source = flowSource;
        if (!connected.meterChecked() || source == null) {
            // synchronised in full once the punt meter is dealt with and the flow source is set
            return bindAndSync(connected, why).thenApply(ProgrammingReport::acknowledged);
        }
        return connected.syncQueue().syncIncrementally(nve, why, scopes, source, connected::punterMeter,
            report -> bindings.synced(connected, nve, report), coalesce)
            .thenApply(report -> new ProgrammingReport(report.flowMods(), report.writtenNanos(),
                report.barrierNanos(), report.acknowledgedAt()));
    }

    @Override
    public void rehearse(final FlowDiff diff) {
        final var buffer = Unpooled.buffer();
        try {
            for (var flowMod : FlowModTranslator.flowMods(diff)) {
                flowMod.writeTo(buffer);
            }
        } finally {
            buffer.release();
        }
    }

    @Override
    public Optional<PortName> portName(final NveId nve, final long ofport) {
        return bindings.portName(nve, ofport);
    }

    @Override
    public void useFlowSource(final DesiredFlowSource source) {
        flowSource = requireNonNull(source);
        intentFlowSource = false;
        bindAndSyncAll("flow source changed");
    }

    private ScopedFlows intentFlows(final NveId nve, final NvePorts ports, final @Nullable Long punterMeter,
            final NveScopes scopes) {
        return FlowCompiler.compileScopes(ForwardingState.ofIntent(bindings.snapshot(), Map.of(nve, ports)), nve,
            punterMeter, scopes);
    }
}
