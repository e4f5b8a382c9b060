/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
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
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ScopedFlows;

/**
 * A benchmark, not a test: the controller-side cost of one VM move at scale (default 1,000 NVEs,
 * 100,000 VMs in 100 VNIs, each VNI spread over 50 NVEs): deciding and recording the move, finding
 * the affected NVEs, and compiling their new flows: their whole flow sets (the full re-sync's compile), and
 * only the changed scopes diffed against what those scopes held (the incremental re-sync's work; the
 * result is checked against the full compile on every move). Prints percentiles; run with
 * {@code java -cp <test classpath> org.nvo3.nva.impl.mobility.MobilityBenchmark [nves vms vnis moves]}.
 */
public final class MobilityBenchmark {
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    private static final int NVES_PER_VNI = 50;

    private MobilityBenchmark() {
        // main only
    }

    /**
     * Runs the benchmark.
     *
     * @param args nves, vms, vnis, moves
     */
    public static void main(final String[] args) {
        final int nves = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        final int vms = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int vnis = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        final int moves = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        final var fabric = fabric(nves, vms, vnis);
        final var clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
        final var states = new ForwardingStates(clock);
        final var resynced = new LinkedHashMap<NveId, NveScopes>();
        final var nvesProgrammed = new NveProgramming() {
            @Override
            public CompletableFuture<Instant> resync(final NveId nve) {
                return resync(nve, NveScopes.EVERYTHING);
            }

            @Override
            public CompletableFuture<Instant> resync(final NveId nve, final NveScopes scopes) {
                resynced.merge(nve, scopes, NveScopes::plus);
                return CompletableFuture.completedFuture(clock.instant());
            }

            @Override
            public Optional<PortName> portName(final NveId nve, final long ofport) {
                return Optional.empty();
            }

            @Override
            public void useFlowSource(final DesiredFlowSource flows) {
                // the benchmark compiles itself
            }
        };
        final var service = new MobilityService(clock, nvesProgrammed, MobilityStateSink.DISCARD,
            new SilentNotifications(), states::changedScopes);
        final var source = new MobilityFlowSource(states, service::current);
        service.fabricChanged(fabric);
        final var tunnelOnly = new NvePorts(Map.of(Nve.DEFAULT_TUNNEL_PORT, 1L));
        for (var nve : fabric.nves().keySet()) {
            source.desired(nve, tunnelOnly, 1L);
        }
        final var random = new Random(42);
        final var vmIds = new ArrayList<>(fabric.vms().keySet());
        final long[] decide = new long[moves];
        final long[] compile = new long[moves];
        final int[] affected = new int[moves];
        final int[] flows = new int[moves];
        final long[] delta = new long[moves];
        final int[] scopeFlows = new int[moves];
        final int[] flowMods = new int[moves];
        final int[] everything = new int[moves];
        for (int i = 0; i < moves; i++) {
            final var vm = fabric.vm(vmIds.get(random.nextInt(vmIds.size()))).orElseThrow();
            final var target = new NveId("n" + nveOf(vm.vni().value() - 1, random.nextInt(NVES_PER_VNI), nves));
            // what the VNI's NVEs hold before the move (not timed): a session's remembered flows
            final var installed = new HashMap<NveId, ScopedFlows>();
            for (int slot = 0; slot < NVES_PER_VNI; slot++) {
                final var nve = new NveId("n" + nveOf(vm.vni().value() - 1, slot, nves));
                installed.put(nve, source.desired(nve, tunnelOnly, 1L, NveScopes.EVERYTHING));
            }
            resynced.clear();
            long started = System.nanoTime();
            service.moveRequested(new MoveRequest(vm.id(), target, new PortName("p" + i), MoveTrigger.GRATUITOUS_ARP,
                clock.instant().plusSeconds(i)));
            decide[i] = System.nanoTime() - started;
            final var changed = Map.copyOf(resynced);
            // the incremental path: compile the changed scopes, diff them against what they held
            started = System.nanoTime();
            final var after = new HashMap<NveId, ScopedFlows>();
            for (var entry : changed.entrySet()) {
                final var nve = entry.getKey();
                final var held = installed.get(nve);
                if (held == null) {
                    throw new IllegalStateException(nve + " is not an NVE of " + vm.vni());
                }
                final var compiled = source.desired(nve, tunnelOnly, 1L, entry.getValue());
                final var diff = FlowDiff.between(compiled.all(), held.flowsOf(entry.getValue()));
                after.put(nve, held.replaced(entry.getValue(), compiled));
                scopeFlows[i] += compiled.size();
                flowMods[i] += diff.size();
                everything[i] += entry.getValue().everything() ? 1 : 0;
            }
            delta[i] = System.nanoTime() - started;
            // the full path, as before the deltas: compile the affected NVEs' whole flow sets
            started = System.nanoTime();
            final var full = new HashMap<NveId, List<FlowEntry>>();
            for (var nve : changed.keySet()) {
                full.put(nve, source.desired(nve, tunnelOnly, 1L));
            }
            compile[i] = System.nanoTime() - started;
            affected[i] = changed.size();
            flows[i] = full.values().stream().mapToInt(List::size).sum();
            full.forEach((nve, wanted) -> {
                if (!Set.copyOf(wanted).equals(Set.copyOf(after.get(nve).all()))) {
                    throw new IllegalStateException("move of " + vm.id() + ": the delta left " + nve
                        + " with other flows than the full compile");
                }
            });
        }
        OUT.printf("%d NVEs, %d VMs, %d VNIs (each on %d NVEs), %d moves after %d warm-up%n", nves, vms, vnis,
            NVES_PER_VNI, moves, moves / 3);
        report("decide, record, find affected NVEs (ms)", decide, moves / 3);
        report("compile the affected NVEs (ms)", compile, moves / 3);
        report("delta: compile changed scopes + diff (ms)", delta, moves / 3);
        final long[] total = new long[moves];
        Arrays.setAll(total, i -> decide[i] + delta[i]);
        report("decide + delta (ms)", total, moves / 3);
        OUT.printf("affected NVEs per move: median %d, flows compiled per move: median %d%n",
            median(affected, moves / 3), median(flows, moves / 3));
        OUT.printf("delta per move: median %d flows compiled in the changed scopes (max %d), median %d flow-mods "
            + "(max %d), NVEs re-compiled whole: median %d (max %d)%n", median(scopeFlows, moves / 3),
            max(scopeFlows, moves / 3), median(flowMods, moves / 3), max(flowMods, moves / 3),
            median(everything, moves / 3), max(everything, moves / 3));
    }

    private static void report(final String what, final long[] nanos, final int warmup) {
        final var measured = Arrays.copyOfRange(nanos, warmup, nanos.length);
        Arrays.sort(measured);
        OUT.printf("%-40s p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", what, ms(measured, 0.5), ms(measured, 0.9),
            ms(measured, 0.99), measured[measured.length - 1] / 1e6);
    }

    private static double ms(final long[] sorted, final double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static int median(final int[] values, final int warmup) {
        final var measured = Arrays.copyOfRange(values, warmup, values.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static int max(final int[] values, final int warmup) {
        return Arrays.stream(values, warmup, values.length).max().orElse(0);
    }

    private static int nveOf(final int vniIndex, final int slot, final int nves) {
        return (vniIndex * 10 + slot) % nves;
    }

    static FabricSnapshot fabric(final int nves, final int vms, final int vnis) {
        final Map<NveId, Nve> nveMap = new HashMap<>();
        for (int n = 0; n < nves; n++) {
            final var id = new NveId("n" + n);
            final var underlay = IpAddress.parse("2001:db8:ff::" + Integer.toHexString(n + 1));
            nveMap.put(id, new Nve(id, new DatapathId(0xa000 + n), underlay, Nve.DEFAULT_TUNNEL_PORT));
        }
        final Map<Vni, VirtualNetwork> networks = new HashMap<>();
        for (int v = 0; v < vnis; v++) {
            networks.put(new Vni(v + 1), new VirtualNetwork(new Vni(v + 1), "net" + v, "t", OverlayMode.L2));
        }
        final Map<VmId, Vm> vmMap = new HashMap<>();
        for (int i = 0; i < vms; i++) {
            final int v = i % vnis;
            final int j = i / vnis;
            final var id = new VmId("vm" + i);
            final var mac = new MacAddress(0x0200_0000_0000L + i);
            final var ip = IpAddress.parse("10." + (j >> 8 & 0xff) + "." + (j & 0xff) + ".1");
            final var vm = new Vm(id, new Vni(v + 1), mac, Set.of(ip), new NveId("n" + nveOf(v, j % NVES_PER_VNI,
                nves)), new PortName("t" + i));
            vmMap.put(id, vm);
        }
        return new FabricSnapshot(FabricSettings.DEFAULT, nveMap, networks, vmMap);
    }
}
