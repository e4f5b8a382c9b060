/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.nvo3.nva.impl.dataplane.PacketInDispatcher;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The punt meter benchmark: a {@code main}, run by hand through mininet-topos/nva_fabric/bench_punt.sh
 * (see docs/benchmarks.md), never by surefire. It listens on 127.0.0.1:{@code port}, waits for one real
 * Open vSwitch NVE, puts the punt meter on it as NVA does ({@link PuntMeter}; rate 0: none) and a table-0
 * miss flow that punts through it (meter instruction, output CONTROLLER), adds a veth port {@code vm5}
 * (OpenFlow port 5) and floods its host side {@code vm5-h} with broadcast ARP requests from a raw socket
 * ({@code nva_fabric.rawframes arp-flood}), once as fast as Python sends and once paced. Packet-ins are
 * translated and dispatched by kind as the southbound does, and counted. Results are {@code key=value}
 * lines on standard output.
 *
 * <p>Arguments: {@code [port=16654] [ratePps=1000] [frames=20000] [pacedPps=5000] [base=/tmp/nva-punt]
 * [prefix=nvp]}.
 */
public final class PuntFloodBenchmark {
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    private static final OFFactory FACTORY = VersionNegotiation.FACTORY;
    private static final Path TOPOS = Path.of("mininet-topos").toAbsolutePath();
    private static final Pattern RX = Pattern.compile("rx pkts=(\\d+)");
    private static final long VM_PORT = 5;
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final AtomicLong packetIns = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final CompletableFuture<SwitchConnection> ready = new CompletableFuture<>();
    private final PacketInDispatcher dispatcher = new PacketInDispatcher();

    private PuntFloodBenchmark() {
        dispatcher.register(PacketKind.ARP, packet -> {
            final long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            lastNanos.set(now);
            packetIns.incrementAndGet();
        });
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class documentation
     * @throws Exception when the switch does not connect, or a command fails
     */
    public static void main(final String[] args) throws Exception {
        final int port = args.length > 0 ? Integer.parseInt(args[0]) : 16654;
        final long rate = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        final int frames = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        final int paced = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        final String base = args.length > 4 ? args[4] : "/tmp/nva-punt";
        final String prefix = args.length > 5 ? args[5] : "nvp";
        new PuntFloodBenchmark().run(port, rate, frames, paced, base, prefix);
    }

    private void run(final int port, final long rate, final int frames, final int paced, final String base,
            final String prefix) throws Exception {
        final var settings = rate == 0 ? PuntMeterSettings.NONE : new PuntMeterSettings(rate, 0);
        try (var server = new OpenFlowServer(OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", port),
                ConnectionTimeouts.DEFAULT), new SwitchRegistry(new Listener()), Clock.systemUTC())) {
            OUT.println("listening port=" + server.start().getPort());
            final var connection = ready.get(120, TimeUnit.SECONDS);
            final var meter = PuntMeter.ensure(connection, settings).get(10, TimeUnit.SECONDS);
            connection.sendAll(puntFlow(connection, meter));
            connection.barrier().get(10, TimeUnit.SECONDS);
            OUT.printf("switch=%s meter=%s rate_pps=%d burst=%d%n", connection.datapathId(), meter,
                settings.ratePps(), settings.burstPackets());
            final var namespace = prefix + "1";
            final var mgmt = "unix:" + base + "/" + namespace + "/br-int.mgmt";
            exec("python3", "-c", "from nva_fabric.ovs_nve import OvsNve; OvsNve(1, 0, base='" + base + "', prefix='"
                + prefix + "').add_veth_port('vm5', " + VM_PORT + ")");
            for (int pace : List.of(0, paced)) {
                flood(namespace, mgmt, frames, pace);
            }
            OUT.println("meter_stats " + exec("ovs-ofctl", "-O", "OpenFlow13", "meter-stats", mgmt)
                .replace('\n', ' ').trim());
        }
    }

    private void flood(final String namespace, final String mgmt, final int frames, final int pace)
            throws IOException, InterruptedException {
        packetIns.set(0);
        firstNanos.set(0);
        lastNanos.set(0);
        final long rxBefore = portRx(mgmt);
        final long started = System.nanoTime();
        final var sent = exec("ip", "netns", "exec", namespace, "python3", "-m", "nva_fabric.rawframes", "arp-flood",
            "vm5-h", Integer.toString(frames), Integer.toString(pace)).trim();
        final long floodEnd = System.nanoTime();
        // wait until packet-ins stop (1 s without one), at most 30 s
        while (System.nanoTime() - Math.max(floodEnd, lastNanos.get()) < QUIET_NANOS
                && System.nanoTime() - floodEnd < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(50);
        }
        final long count = packetIns.get();
        final double floodSeconds = (floodEnd - started) / NANOS_PER_SECOND;
        final double spanSeconds = (lastNanos.get() - firstNanos.get()) / NANOS_PER_SECOND;
        OUT.printf("flood pace_pps=%s frames=%d python=\"%s\" ovs_rx=%d packet_ins=%d flood_s=%.3f "
            + "packet_ins_per_flood_s=%.0f first_to_last_s=%.3f packet_ins_per_s=%.0f unhandled_other=%d%n",
            pace == 0 ? "max" : Integer.toString(pace), frames, sent, portRx(mgmt) - rxBefore, count, floodSeconds,
            count / floodSeconds, spanSeconds, spanSeconds > 0 ? count / spanSeconds : 0.0,
            dispatcher.unhandled(PacketKind.OTHER));
    }

    private static List<OFMessage> puntFlow(final SwitchConnection connection, final Long meter) {
        final var instructions = new ArrayList<OFInstruction>();
        if (meter != null) {
            instructions.add(FACTORY.instructions().meter(meter));
        }
        instructions.add(FACTORY.instructions().applyActions(List.of(FACTORY.actions().output(OFPort.CONTROLLER,
            0xFFFF))));
        return List.of(
            FACTORY.buildFlowDelete().setXid(connection.nextXid()).setTableId(TableId.ALL).setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY).setMatch(FACTORY.matchWildcardAll()).build(),
            FACTORY.buildFlowAdd().setXid(connection.nextXid()).setTableId(TableId.of(0)).setPriority(0)
                .setCookie(U64.of(0xBE7C4L)).setMatch(FACTORY.matchWildcardAll()).setInstructions(instructions)
                .build());
    }

    private static long portRx(final String mgmt) throws IOException, InterruptedException {
        final var matcher = RX.matcher(exec("ovs-ofctl", "-O", "OpenFlow13", "dump-ports", mgmt,
            Long.toString(VM_PORT)));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static String exec(final String... command) throws IOException, InterruptedException {
        final var process = new ProcessBuilder(command).directory(TOPOS.toFile()).redirectErrorStream(true).start();
        final var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /**
     * Completes {@link #ready} with the first switch and counts its ARP packet-ins.
     */
    private final class Listener implements SwitchListener {
        @Override
        public void switchReady(final SwitchConnection connection) {
            ready.complete(connection);
        }

        @Override
        public void switchDisconnected(final SwitchConnection connection, final String reason) {
            ready.completeExceptionally(new IllegalStateException("switch disconnected: " + reason));
        }

        @Override
        public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
            dispatcher.packetIn(DataplaneEventTranslator.packetIn(packetIn, connection.datapathId(), null));
        }

        @Override
        public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
            // none expected
        }

        @Override
        public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
            // the veth port arrives; nothing to do
        }
    }
}
