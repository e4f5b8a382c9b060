/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ScopedFlows;

/**
 * Runs synthetic moves through the move path at start (decide, changed scopes, compile the scopes, diff), so
 * that the JIT has compiled it before the first real move rather than during it. Everything it uses is its
 * own: a synthetic fabric of 3 NVEs and 30 VMs, its own service and forwarding states, a southbound stub
 * that compiles and diffs but sends nothing, no publication. Nothing of it reaches the running NVA.
 */
public final class MoveWarmUp {
    private static final int NVES = 3;
    private static final int VMS = 30;
    /**
     * Where the synthetic moves' publications, notifications and log lines would run: nowhere. They are off the
     * move's critical path, and ten thousand "VM moved" lines of VMs that do not exist would bury the log.
     */
    private static final Executor SYNTHETIC_PUBLICATIONS = task -> { };

    /** A southbound that compiles and diffs each NVE's changed scopes against what it compiled last. */
    private static final class CompilingStub implements NveProgramming {
        private final Map<NveId, NvePorts> ports;
        private final Map<NveId, ScopedFlows> held = new HashMap<>();
        private final Clock clock;
        private final Consumer<FlowDiff> rehearsal;
        private @Nullable DesiredFlowSource source;
        private long flowMods;

        CompilingStub(final Map<NveId, NvePorts> ports, final Clock clock, final Consumer<FlowDiff> rehearsal) {
            this.ports = ports;
            this.clock = clock;
            this.rehearsal = rehearsal;
        }

        @Override
        public CompletableFuture<Instant> resync(final NveId nve) {
            return resync(nve, NveScopes.EVERYTHING);
        }

        @Override
        public CompletableFuture<Instant> resync(final NveId nve, final NveScopes scopes) {
            return program(nve, scopes).thenApply(ProgrammingReport::acknowledgedAt);
        }

        @Override
        public CompletableFuture<ProgrammingReport> program(final NveId nve, final NveScopes scopes) {
            final var compiled = requireNonNull(source).desired(nve, requireNonNull(ports.get(nve)), null, scopes);
            final var before = held.getOrDefault(nve, ScopedFlows.EMPTY);
            final var diff = FlowDiff.between(compiled.all(), before.flowsOf(scopes));
            held.put(nve, before.replaced(scopes, compiled));
            flowMods += diff.deletes().size() + diff.modifies().size() + diff.adds().size();
            rehearsal.accept(diff);
            return CompletableFuture.completedFuture(new ProgrammingReport(0, 0, 0, clock.instant()));
        }

        @Override
        public Optional<PortName> portName(final NveId nve, final long ofport) {
            return Optional.empty();
        }

        @Override
        public void useFlowSource(final DesiredFlowSource newSource) {
            source = newSource;
        }
    }

    private MoveWarmUp() {
        // no instances
    }

    /**
     * Runs the synthetic moves.
     *
     * @param moves how many
     * @param clock the clock
     * @param nanoTime the monotonic ticker
     * @param rehearsal takes each NVE's flow difference through the southbound's translation, sending nothing
     * @return how long it took
     * @throws IllegalStateException if the synthetic moves compiled no flow-mod (the warm-up did not warm)
     */
    public static Duration run(final int moves, final Clock clock, final LongSupplier nanoTime,
            final Consumer<FlowDiff> rehearsal) {
        final long started = nanoTime.getAsLong();
        final var nves = new HashMap<NveId, Nve>();
        final var ports = new HashMap<NveId, NvePorts>();
        for (int i = 1; i <= NVES; i++) {
            final var id = new NveId("warm-up-" + i);
            nves.put(id, new Nve(id, new DatapathId(0xfff0 + i), IpAddress.parse("192.0.2." + (200 + i)),
                Nve.DEFAULT_TUNNEL_PORT));
            final var numbers = new HashMap<PortName, Long>();
            numbers.put(Nve.DEFAULT_TUNNEL_PORT, 1L);
            for (int vm = 0; vm < VMS; vm++) {
                numbers.put(port(vm), 10L + vm);
            }
            ports.put(id, new NvePorts(numbers));
        }
        final var vni = new Vni(16_000_001);
        final var vms = new HashMap<VmId, Vm>();
        for (int i = 0; i < VMS; i++) {
            final var id = new VmId("warm-up-vm" + i);
            vms.put(id, new Vm(id, vni, MacAddress.parse(String.format("02:ff:00:00:00:%02x", i)),
                Set.of(IpAddress.parse("198.51.100." + (i + 1))), new NveId("warm-up-" + (1 + i % NVES)), port(i)));
        }
        // moves of one VM every few microseconds: duplicate-address detection must not freeze it
        final var settings = new FabricSettings(FabricSettings.DEFAULT.redirectSeconds(), Integer.MAX_VALUE,
            FabricSettings.DEFAULT.dadWindowSeconds(), FabricSettings.DEFAULT.unknownDestination(), false);
        final var fabric = new FabricSnapshot(settings, nves,
            Map.of(vni, new VirtualNetwork(vni, "warm-up", "warm-up", OverlayMode.L2)), vms);
        final var stub = new CompilingStub(ports, clock, rehearsal);
        final var states = new ForwardingStates(clock);
        final var service = new MobilityService(clock, nanoTime, stub, MobilityStateSink.DISCARD,
            new MobilityNotifications() {
                @Override
                public void vmMoved(final Migration migration) {
                    // nobody listens
                }

                @Override
                public void duplicateAddress(final Vm vm, final List<NveId> at) {
                    // nobody listens
                }
            }, states::changedScopes, MobilityState.EMPTY, SYNTHETIC_PUBLICATIONS);
        final var source = new MobilityFlowSource(states, service::current);
        stub.useFlowSource(source);
        ports.forEach((nve, nvePorts) -> states.portsOf(nve, nvePorts));
        service.fabricChanged(fabric);
        for (int i = 0; i < moves; i++) {
            final int vm = i % VMS;
            final var to = new NveId("warm-up-" + (1 + (vm + 1 + i / VMS) % NVES));
            service.moveRequested(new MoveRequest(new VmId("warm-up-vm" + vm), to, port(vm),
                i % 2 == 0 ? MoveTrigger.GRATUITOUS_ARP : MoveTrigger.PORT_ADDED, clock.instant(),
                new Detection(nanoTime.getAsLong(), "warm-up")));
        }
        if (stub.flowMods == 0) {
            throw new IllegalStateException("the warm-up's " + moves + " moves compiled no flow-mod");
        }
        return Duration.ofNanos(nanoTime.getAsLong() - started);
    }

    private static PortName port(final int vm) {
        return new PortName("warm-up-" + vm);
    }
}
