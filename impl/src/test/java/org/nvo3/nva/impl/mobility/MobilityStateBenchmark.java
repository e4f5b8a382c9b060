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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmLocation;

/**
 * A benchmark, not a test: what one learned location costs the mobility state and the port index when the
 * NVA has learned every VM of a large fabric (default 1,000 NVEs, 100,000 VMs, 100 VNIs): recording the
 * location, and indexing the new state by patching versus by rebuilding. Prints percentiles in ms; run with
 * {@code java -cp <test classpath> org.nvo3.nva.impl.mobility.MobilityStateBenchmark [nves vms vnis moves]}.
 */
public final class MobilityStateBenchmark {
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);

    private MobilityStateBenchmark() {
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
        final int moves = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        final var fabric = MobilityBenchmark.fabric(nves, vms, vnis);

        var state = MobilityState.EMPTY;
        final long learning = System.nanoTime();
        for (var vm : fabric.vms().values()) {
            state = state.withLocation(new VmLocation(vm.id(), vm.nve(), vm.port(), 1, MoveTrigger.GRATUITOUS_ARP,
                Instant.EPOCH, false));
        }
        OUT.printf("%d NVEs, %d VMs, %d VNIs: learning every VM one by one took %.0f ms%n", nves, vms, vnis,
            (System.nanoTime() - learning) / 1e6);

        var index = LocationIndex.of(fabric, state);
        final var all = new ArrayList<>(fabric.vms().values());
        final var record = new long[moves];
        final var patch = new long[moves];
        final var rebuild = new long[moves / 10];
        for (int i = 0; i < moves; i++) {
            final var vm = all.get((int) ((i * 7919L) % all.size()));
            final long start = System.nanoTime();
            final var next = state.withLocation(new VmLocation(vm.id(), vm.nve(), new PortName("moved" + i), i + 2,
                MoveTrigger.GRATUITOUS_ARP, Instant.EPOCH, false));
            final long recorded = System.nanoTime();
            final var patched = index.patched(fabric, next);
            final long indexed = System.nanoTime();
            record[i] = recorded - start;
            patch[i] = indexed - recorded;
            if (i % 10 == 0) {
                LocationIndex.of(fabric, next);
                rebuild[i / 10] = System.nanoTime() - indexed;
            }
            state = next;
            index = patched;
        }
        report("record a location (100% learned)", record);
        report("port index: patch", patch);
        report("port index: rebuild (new intent)", rebuild);
    }

    private static void report(final String what, final long[] nanos) {
        final var sorted = nanos.clone();
        Arrays.sort(sorted);
        OUT.printf("%-36s p50 %8.3f  p99 %8.3f  max %8.3f%n", what, sorted[sorted.length / 2] / 1e6,
            sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
