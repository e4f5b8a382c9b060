/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowAction;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.FlowMatch;
import org.nvo3.nva.impl.flow.FlowMatchField;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * The southbound benchmark: a {@code main}, run by hand (see docs/benchmarks.md and
 * mininet-topos/nva_fabric/bench_southbound.sh), never by surefire. It starts an {@link OpenFlowServer}
 * on 127.0.0.1 with a {@link SwitchRegistry}, then either
 * <ul>
 *   <li>{@code emulated [switches=100] [flowsPerSwitch=1000] [barriersPerSwitch=100] [port=0] [rounds=3]}:
 *       connects that many {@link EmulatedSwitch}es (counting flow-mods only) and measures the handshakes;
 *       then, each round, pushes the flow-mods and one barrier to every switch in parallel, runs
 *       sequential barriers on every switch in parallel, and sequential barriers one switch at a time; or</li>
 *   <li>{@code wait-real [port=16653] [batches=10] [batchSize=1000] [barriers=1000] [waitSeconds=60]
 *       [rounds=3]}: waits for one real switch; then, each round, adds the flows in ordered batches (each
 *       followed by a barrier that is awaited), counts them with flow-stats, measures sequential barriers,
 *       deletes the flows the same way (DELETE_STRICT) and counts again.</li>
 * </ul>
 * Every round is printed: the first runs on a cold JVM.
 * The flows are valid NVA flows ({@code L2_DESTINATION}: distinct {@code eth_dst} and {@code tun_id},
 * {@code set_field tun_dst} and output to the VXLAN port), translated by {@link FlowModTranslator} before
 * the clock starts. Results are plain {@code key=value} lines on standard output.
 */
public final class SouthboundBenchmark {
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    private static final long VXLAN_PORT = 100;
    private static final int PRIORITY = 100;
    private static final long WAIT_SECONDS = 120;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private SouthboundBenchmark() {
        // main only
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its numbers, see the class documentation
     * @throws Exception if a switch does not connect or answer in time, or the switch reports fewer flows
     *     than were sent
     */
    public static void main(final String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        switch (args[0]) {
            case "emulated" -> emulated(intArg(args, 1, 100), intArg(args, 2, 1000), intArg(args, 3, 100),
                intArg(args, 4, 0), intArg(args, 5, 3));
            case "wait-real" -> real(intArg(args, 1, 16_653), intArg(args, 2, 10), intArg(args, 3, 1000),
                intArg(args, 4, 1000), intArg(args, 5, 60), intArg(args, 6, 3));
            default -> usage();
        }
    }

    private static void usage() {
        OUT.println("usage: SouthboundBenchmark emulated [switches] [flowsPerSwitch] [barriersPerSwitch] [port] "
            + "[rounds]");
        OUT.println("       SouthboundBenchmark wait-real [port] [batches] [batchSize] [barriers] [waitSeconds] "
            + "[rounds]");
    }

    private static void emulated(final int switches, final int flowsPerSwitch, final int barriersPerSwitch,
            final int port, final int rounds) throws Exception {
        final var ready = new ReadyQueue();
        final var clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        final var emulatedSwitches = new ArrayList<EmulatedSwitch>();
        try (var server = new OpenFlowServer(settings(port), new SwitchRegistry(ready), Clock.systemUTC())) {
            final var address = server.start();
            OUT.println("listening address=" + address.getHostString() + ":" + address.getPort());

            final long connectStart = System.nanoTime();
            for (int i = 1; i <= switches; i++) {
                emulatedSwitches.add(EmulatedSwitch.builder(clientGroup, address, 0xB000L + i)
                    .ports(SouthboundFixture.PORTS).countOnly().connect());
            }
            final var connections = ready.take(switches, WAIT_SECONDS);
            final long handshakeNanos = System.nanoTime() - connectStart;

            final long translateStart = System.nanoTime();
            final var flowMods = new ArrayList<List<OFFlowMod>>();
            for (int i = 0; i < switches; i++) {
                flowMods.add(translate(flows(i, flowsPerSwitch), FlowModTranslator::add));
            }
            final long translateNanos = System.nanoTime() - translateStart;

            OUT.println(String.format(Locale.ROOT, "emulated switches=%d handshake_ms=%.1f translate_ms=%.1f",
                switches, handshakeNanos / NANOS_PER_MILLI, translateNanos / NANOS_PER_MILLI));
            final int total = switches * flowsPerSwitch;
            for (int round = 1; round <= rounds; round++) {
                final long pushStart = System.nanoTime();
                final var barriers = new ArrayList<CompletableFuture<?>>();
                for (int i = 0; i < switches; i++) {
                    final var connection = connections.get(i);
                    connection.sendAll(flowMods.get(i));
                    barriers.add(connection.barrier());
                }
                awaitAll(barriers);
                final long pushNanos = System.nanoTime() - pushStart;
                final int counted = emulatedSwitches.stream().mapToInt(s -> s.flowMods(OFFlowModCommand.ADD)).sum();
                if (counted != round * total) {
                    throw new IllegalStateException("the emulated switches received " + counted + " adds, not "
                        + round * total);
                }
                OUT.println(String.format(Locale.ROOT,
                    "emulated round=%d switches=%d flowmods=%d seconds=%.3f flowmods_per_s=%.0f", round, switches,
                    total, pushNanos / NANOS_PER_SECOND, total / (pushNanos / NANOS_PER_SECOND)));
                OUT.println("emulated round=" + round + " switches=" + switches + " concurrent "
                    + barrierRtts(connections, barriersPerSwitch));
                OUT.println("emulated round=" + round + " switches=" + switches + " one_switch_at_a_time "
                    + sequentialBarrierRtts(connections, barriersPerSwitch));
            }
        } finally {
            emulatedSwitches.forEach(EmulatedSwitch::close);
            clientGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static void real(final int port, final int batches, final int batchSize, final int barriers,
            final int waitSeconds, final int rounds) throws Exception {
        final var ready = new ReadyQueue();
        try (var server = new OpenFlowServer(settings(port), new SwitchRegistry(ready), Clock.systemUTC())) {
            final var address = server.start();
            OUT.println("listening address=" + address.getHostString() + ":" + address.getPort());
            final var connection = ready.take(1, waitSeconds).get(0);
            final int before = connection.flowStats().get(WAIT_SECONDS, TimeUnit.SECONDS).size();
            OUT.println("real switch=" + connection.datapathId() + " flows_before=" + before);

            final var flows = flows(1, batches * batchSize);
            final var adds = translate(flows, FlowModTranslator::add);
            final var deletes = translate(flows, FlowModTranslator::delete);

            for (int round = 1; round <= rounds; round++) {
                final long addNanos = orderedBatches(connection, adds, batchSize);
                final int afterAdd = connection.flowStats().get(WAIT_SECONDS, TimeUnit.SECONDS).size();
                OUT.println(String.format(Locale.ROOT, "real round=%d add flowmods=%d batches=%d batch_size=%d "
                    + "seconds=%.3f flowmods_per_s=%.0f flows_after=%d", round, adds.size(), batches, batchSize,
                    addNanos / NANOS_PER_SECOND, adds.size() / (addNanos / NANOS_PER_SECOND), afterAdd));

                OUT.println("real round=" + round + " " + barrierRtts(List.of(connection), barriers));

                final long deleteNanos = orderedBatches(connection, deletes, batchSize);
                final int afterDelete = connection.flowStats().get(WAIT_SECONDS, TimeUnit.SECONDS).size();
                OUT.println(String.format(Locale.ROOT, "real round=%d delete_strict flowmods=%d batches=%d "
                    + "batch_size=%d seconds=%.3f flowmods_per_s=%.0f flows_after=%d", round, deletes.size(), batches,
                    batchSize, deleteNanos / NANOS_PER_SECOND, deletes.size() / (deleteNanos / NANOS_PER_SECOND),
                    afterDelete));
                if (afterAdd != before + adds.size() || afterDelete != before) {
                    throw new IllegalStateException("the switch held " + afterAdd + " flows after the adds and "
                        + afterDelete + " after the deletes; expected " + (before + adds.size()) + " and " + before
                        + " (see the log for OpenFlow errors)");
                }
            }
        }
    }

    private static OpenFlowServerSettings settings(final int port) {
        return OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", port), ConnectionTimeouts.DEFAULT);
    }

    /**
     * Sends the flow-mods in batches, each followed by a barrier that is awaited before the next batch.
     *
     * @return the nanoseconds from the first send to the last barrier reply
     */
    private static long orderedBatches(final SwitchConnection connection, final List<OFFlowMod> flowMods,
            final int batchSize) throws Exception {
        final long start = System.nanoTime();
        for (int from = 0; from < flowMods.size(); from += batchSize) {
            connection.sendAll(flowMods.subList(from, Math.min(from + batchSize, flowMods.size())));
            connection.barrier().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        return System.nanoTime() - start;
    }

    /**
     * Runs {@code count} barriers one after another on every connection (the connections in parallel),
     * each timed from the call that sends it to the completion of its reply.
     */
    private static String barrierRtts(final List<SwitchConnection> connections, final int count) throws Exception {
        final long[] rtts = new long[connections.size() * count];
        final var chains = new ArrayList<CompletableFuture<?>>();
        for (int i = 0; i < connections.size(); i++) {
            chains.add(barrierChain(connections.get(i), rtts, i * count, count));
        }
        awaitAll(chains);
        return summary(rtts);
    }

    private static String summary(final long[] rtts) {
        Arrays.sort(rtts);
        return String.format(Locale.ROOT, "barriers=%d barrier_rtt_us p50=%.1f p99=%.1f max=%.1f", rtts.length,
            percentile(rtts, 0.50) / NANOS_PER_MICRO, percentile(rtts, 0.99) / NANOS_PER_MICRO,
            rtts[rtts.length - 1] / NANOS_PER_MICRO);
    }

    /**
     * Runs {@code count} barriers one after another on one connection after the other, each awaited by
     * this thread: the round trip without concurrent load.
     */
    private static String sequentialBarrierRtts(final List<SwitchConnection> connections, final int count)
            throws Exception {
        final long[] rtts = new long[connections.size() * count];
        int index = 0;
        for (var connection : connections) {
            for (int i = 0; i < count; i++) {
                final long start = System.nanoTime();
                connection.barrier().get(WAIT_SECONDS, TimeUnit.SECONDS);
                rtts[index++] = System.nanoTime() - start;
            }
        }
        return summary(rtts);
    }

    private static CompletableFuture<Void> barrierChain(final SwitchConnection connection, final long[] rtts,
            final int index, final int remaining) {
        if (remaining == 0) {
            return CompletableFuture.completedFuture(null);
        }
        final long start = System.nanoTime();
        return connection.barrier().thenCompose(replied -> {
            rtts[index] = System.nanoTime() - start;
            return barrierChain(connection, rtts, index + 1, remaining - 1);
        });
    }

    private static long percentile(final long[] sorted, final double fraction) {
        final int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void awaitAll(final List<CompletableFuture<?>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Builds distinct, valid {@code L2_DESTINATION} flows: remote VMs behind other NVEs.
     */
    private static List<FlowEntry> flows(final int switchIndex, final int count) {
        final var nves = new ArrayList<IpAddress>();
        for (int i = 1; i <= 250; i++) {
            nves.add(IpAddress.parse("192.0.2." + i));
        }
        final var flows = new ArrayList<FlowEntry>(count);
        for (int i = 0; i < count; i++) {
            final long mac = 0x0200_0000_0000L | (long) switchIndex << 24 | i;
            final var match = FlowMatch.of(new FlowMatchField.EthDst(new MacAddress(mac)),
                new FlowMatchField.TunnelId(10_000 + i % 4096));
            flows.add(FlowEntry.of(PipelineTable.L2_DESTINATION, PRIORITY, match,
                List.of(new FlowAction.SetTunnelDst(nves.get(i % nves.size())), new FlowAction.Output(VXLAN_PORT)),
                null));
        }
        return flows;
    }

    private static List<OFFlowMod> translate(final List<FlowEntry> flows,
            final Function<FlowEntry, OFFlowMod> translator) {
        return flows.stream().map(translator).toList();
    }

    private static int intArg(final String[] args, final int index, final int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }

    /**
     * Collects ready connections; ignores everything else.
     */
    private static final class ReadyQueue implements SwitchListener {
        private final BlockingQueue<SwitchConnection> ready = new LinkedBlockingQueue<>();

        List<SwitchConnection> take(final int count, final long seconds) throws InterruptedException,
                TimeoutException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            final var taken = new ArrayList<SwitchConnection>(count);
            while (taken.size() < count) {
                final var connection = ready.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (connection == null) {
                    throw new TimeoutException(taken.size() + " of " + count + " switches ready after " + seconds
                        + " s");
                }
                taken.add(connection);
            }
            return taken;
        }

        @Override
        public void switchReady(final SwitchConnection connection) {
            ready.add(connection);
        }

        @Override
        public void switchDisconnected(final SwitchConnection connection, final String reason) {
            // not measured
        }

        @Override
        public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
            // not measured
        }

        @Override
        public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
            // not measured
        }

        @Override
        public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
            // not measured
        }
    }
}
