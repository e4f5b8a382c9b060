/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;

/**
 * The flow compiler benchmark: a {@code main}, run by hand (see docs/benchmarks.md), never by surefire.
 *
 * <p>{@code [nves=1000] [vms=100000] [vnis=100] [nvesPerVni=50] [moves=200] [rounds=3] [seed=1]} builds a
 * fabric of that many NVEs (IPv6 underlay, every NVE connected with its VXLAN port and a port per local VM)
 * and L2 VNIs, the VMs spread evenly over the VNIs and each VNI's VMs placed at random on
 * {@code nvesPerVni} consecutive NVEs ({@code 0}: on any NVE). Each round then
 * <ul>
 *   <li>compiles every NVE from a fresh state (index build included, and reported apart), counting the
 *       flows without keeping them; and</li>
 *   <li>moves {@code moves} random VMs, one after another, each to a random NVE of its VNI's set with a
 *       redirect from its old NVE (at most 100 redirects kept): per move it builds the new state,
 *       asks {@link FlowCompiler#affectedNves} and re-compiles those NVEs.</li>
 * </ul>
 * Results are plain {@code key=value} lines on standard output; round 1 runs on a cold JVM.
 */
public final class FlowCompilerBenchmark {
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    private static final int FIRST_VNI = 10_000;
    private static final long FIRST_VM_OFPORT = 10;
    private static final int MAX_REDIRECTS = 100;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private FlowCompilerBenchmark() {
        // main only
    }

    /**
     * Runs the benchmark.
     *
     * @param args the numbers, see the class documentation
     */
    public static void main(final String[] args) {
        final int nves = intArg(args, 0, 1000);
        final int vms = intArg(args, 1, 100_000);
        final int vnis = intArg(args, 2, 100);
        final int nvesPerVni = intArg(args, 3, 50);
        final int moves = intArg(args, 4, 200);
        final int rounds = intArg(args, 5, 3);
        final var random = new Random(intArg(args, 6, 1));

        final long buildStart = System.nanoTime();
        final var fabric = fabric(nves, vms, vnis, nvesPerVni, random);
        final var ports = ports(fabric);
        OUT.printf(Locale.ROOT, "fabric nves=%d vms=%d vnis=%d nves_per_vni=%s build_ms=%.1f cores=%d%n", nves, vms,
            vnis, nvesPerVni == 0 ? "any" : Integer.toString(nvesPerVni), millis(System.nanoTime() - buildStart),
            Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= rounds; round++) {
            fullCompile(round, fabric, ports);
            moves(round, fabric, ports, moves, nvesPerVni, random);
        }
    }

    private static void fullCompile(final int round, final FabricSnapshot fabric, final Map<NveId, NvePorts> ports) {
        final var state = ForwardingState.ofIntent(fabric, ports);
        final long start = System.nanoTime();
        state.index();
        final long indexed = System.nanoTime();
        long flows = 0;
        int largest = 0;
        for (var nve : fabric.nves().keySet()) {
            final int count = ReferenceCompiler.compile(state, nve, 1L).size();
            flows += count;
            largest = Math.max(largest, count);
        }
        final long done = System.nanoTime();
        OUT.printf(Locale.ROOT, "round=%d full nves=%d flows=%d largest_nve=%d index_ms=%.1f compile_ms=%.1f "
            + "flows_per_s=%.0f%n", round, fabric.nves().size(), flows, largest, millis(indexed - start),
            millis(done - indexed), flows / ((done - indexed) / 1e9));
    }

    private static void moves(final int round, final FabricSnapshot fabric, final Map<NveId, NvePorts> ports,
            final int moves, final int nvesPerVni, final Random random) {
        final var vms = new ArrayList<>(fabric.vms().values());
        final var nveIds = new ArrayList<>(fabric.nves().keySet());
        nveIds.sort(null);
        final var learned = new HashMap<VmId, VmLocation>();
        final var redirects = new ArrayDeque<Redirect>();
        final var connected = new HashMap<>(ports);
        var state = ForwardingState.ofIntent(fabric, ports);
        state.index();
        final long[] prepare = new long[moves];
        final long[] recompile = new long[moves];
        long affectedTotal = 0;
        long flowsTotal = 0;
        for (int move = 0; move < moves; move++) {
            final var vm = vms.get(random.nextInt(vms.size()));
            final var from = state.placement(vm).orElseThrow().nve();
            final var to = nveIds.get(nvesPerVni == 0 ? random.nextInt(nveIds.size())
                : (firstNve(vm.vni(), nveIds.size(), nvesPerVni) + random.nextInt(nvesPerVni)) % nveIds.size());
            learned.put(vm.id(), new VmLocation(vm.id(), to, vm.port(), move + 1, MoveTrigger.GRATUITOUS_ARP,
                Instant.EPOCH, false));
            redirects.addLast(new Redirect(vm.id(), from, 30));
            if (redirects.size() > MAX_REDIRECTS) {
                redirects.removeFirst();
            }
            final long start = System.nanoTime();
            // the VM's port appears on its new NVE (port-status)
            final var targetPorts = new HashMap<>(connected.get(to).ofports());
            targetPorts.put(vm.port(), ofport(vm));
            connected.put(to, new NvePorts(targetPorts));
            final var next = new ForwardingState(fabric, learned, connected, new HashSet<>(redirects));
            final var affected = ReferenceCompiler.affectedNves(state, next);
            final long prepared = System.nanoTime();
            for (var nve : affected) {
                flowsTotal += ReferenceCompiler.compile(next, nve, 1L).size();
            }
            final long done = System.nanoTime();
            prepare[move] = prepared - start;
            recompile[move] = done - prepared;
            affectedTotal += affected.size();
            state = next;
        }
        OUT.printf(Locale.ROOT, "round=%d moves=%d affected_nves_avg=%.1f flows_recompiled_avg=%.0f "
            + "state_and_affected_ms p50=%.2f p99=%.2f recompile_ms p50=%.2f p99=%.2f%n", round, moves,
            (double) affectedTotal / moves, (double) flowsTotal / moves, percentile(prepare, 50),
            percentile(prepare, 99), percentile(recompile, 50), percentile(recompile, 99));
    }

    private static FabricSnapshot fabric(final int nveCount, final int vmCount, final int vniCount,
            final int nvesPerVni, final Random random) {
        final var nves = new HashMap<NveId, Nve>();
        final var nveIds = new ArrayList<NveId>();
        for (int n = 0; n < nveCount; n++) {
            final var nve = new Nve(new NveId(String.format(Locale.ROOT, "nve%04d", n)), new DatapathId(n + 1),
                IpAddress.parse("2001:db8:ff::" + Integer.toHexString(n + 1)), Nve.DEFAULT_TUNNEL_PORT);
            nves.put(nve.id(), nve);
            nveIds.add(nve.id());
        }
        nveIds.sort(null);
        final var networks = new HashMap<Vni, VirtualNetwork>();
        for (int v = 0; v < vniCount; v++) {
            final var vni = new Vni(FIRST_VNI + v);
            networks.put(vni, new VirtualNetwork(vni, "net" + v, "tenant" + v, OverlayMode.L2));
        }
        final var vms = new HashMap<VmId, Vm>();
        for (int i = 0; i < vmCount; i++) {
            final var vni = new Vni(FIRST_VNI + i % vniCount);
            final int nve = nvesPerVni == 0 ? random.nextInt(nveCount)
                : (firstNve(vni, nveCount, nvesPerVni) + random.nextInt(nvesPerVni)) % nveCount;
            final var id = new VmId("vm" + i);
            final var ip = IpAddress.parse("2001:db8:" + Integer.toHexString(vni.value()) + "::"
                + Integer.toHexString((i + 1) >>> 16) + ":" + Integer.toHexString((i + 1) & 0xFFFF));
            vms.put(id, new Vm(id, vni, new MacAddress(0x0200_0000_0000L + i), Set.of(ip), nveIds.get(nve),
                new PortName("tap" + i)));
        }
        return new FabricSnapshot(FabricSettings.DEFAULT, nves, networks, vms);
    }

    /** Every NVE connected, with its VXLAN port and the ports of the VMs placed on it. */
    private static Map<NveId, NvePorts> ports(final FabricSnapshot fabric) {
        final var byNve = new HashMap<NveId, Map<PortName, Long>>();
        for (var nve : fabric.nves().values()) {
            final var local = new HashMap<PortName, Long>();
            local.put(nve.tunnelPort(), 1L);
            byNve.put(nve.id(), local);
        }
        for (var vm : fabric.vms().values()) {
            byNve.get(vm.nve()).put(vm.port(), ofport(vm));
        }
        final var ports = new HashMap<NveId, NvePorts>();
        byNve.forEach((nve, local) -> ports.put(nve, new NvePorts(local)));
        return ports;
    }

    private static long ofport(final Vm vm) {
        return FIRST_VM_OFPORT + Long.parseLong(vm.id().value().substring(2));
    }

    private static int firstNve(final Vni vni, final int nveCount, final int nvesPerVni) {
        return (vni.value() - FIRST_VNI) * nvesPerVni % nveCount;
    }

    private static double percentile(final long[] nanos, final int percent) {
        final var sorted = nanos.clone();
        Arrays.sort(sorted);
        return millis(sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)]);
    }

    private static double millis(final long nanos) {
        return nanos / NANOS_PER_MILLI;
    }

    private static int intArg(final String[] args, final int index, final int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }
}
