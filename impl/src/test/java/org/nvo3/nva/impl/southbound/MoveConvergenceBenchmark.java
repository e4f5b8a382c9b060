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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MigrationTimeline;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketInDispatcher;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.mobility.ForwardingStates;
import org.nvo3.nva.impl.mobility.MobilityDataplaneHandler;
import org.nvo3.nva.impl.mobility.MobilityFlowSource;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.MobilityState;
import org.nvo3.nva.impl.mobility.MobilityStateSink;
import org.nvo3.nva.impl.mobility.MoveAnnouncement;
import org.nvo3.nva.impl.mobility.MoveRequest;
import org.nvo3.nva.impl.mobility.MoveVerdict;
import org.nvo3.nva.impl.mobility.MovesThread;
import org.nvo3.nva.impl.mobility.SilentNotifications;
import org.nvo3.nva.impl.state.NveStatePublisher;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.projectfloodlight.openflow.protocol.OFPortReason;

/**
 * A benchmark, not a test (a {@code main}, never run by surefire): VM moves end to end through NVA's real
 * southbound over loopback TCP. NVA is wired as {@code SouthboundComponent} and {@code MobilityComponent} wire it
 * (an {@link OpenFlowServer} reporting to {@link NveSessions}, a {@link MobilityService} publishing on a single
 * thread, {@link ForwardingStates}, a {@link MobilityFlowSource}, a {@link MobilityDataplaneHandler} hearing the
 * port changes), with an in-memory datastore for state/nve, the mobility state discarded, and no notifications.
 * The fabric (default 1,000 NVEs, 100,000 VMs in 100 VNIs, each VNI on 50 NVEs, as in the mobility benchmark) is
 * given to both directly, not through fabric/ in the datastore. Every NVE is an {@link EmulatedSwitch} (OpenFlow
 * 1.3 over TCP, applying flow-mods to its table) with the tunnel port, the ports of the VMs placed on it and
 * {@code spares} free ports for VMs moving in; NVE n0 holds {@code evacuees} VMs (of the VNIs it is in) more.
 * <ol>
 *   <li>Initial programming: from the first connect until every switch holds exactly as many flows as NVA
 *       desires for it (computed before, not timed).</li>
 *   <li>Single moves, one at a time: a VM not on n0 is requested to move (GRATUITOUS_ARP) to a free port of
 *       another NVE of its VNI; measured from {@link MobilityService#moveRequested} until its migration record in
 *       {@link MobilityService#current()} is CONVERGED (every affected NVE's barrier reply in; observed by polling
 *       every ~50 us), and its timeline's stages once written. The first {@code warmup} moves are not reported.</li>
 *   <li>An evacuation: {@code evacuees} VMs leave n0 at once: {@link MobilityService#announceAll} announces their
 *       moves to free ports of other NVEs of their VNIs (the targets are prepared and their barriers awaited), then
 *       the emulated n0 deletes their ports, so NVA receives that many PORT_STATUS DELETEs, each completing its
 *       announced move; measured from the first PORT_STATUS until every migration is CONVERGED.</li>
 * </ol>
 * Afterwards n0 and the evacuees' target NVEs must hold exactly the flows NVA desires for them (same cookies).
 *
 * <p>Run (the build: {@code ./mvnw -B -o -pl yang,api,impl test-compile}):
 * <pre>
 * cd impl &amp;&amp; ../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx12g -XX:+UseParallelGC -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     org.nvo3.nva.impl.southbound.MoveConvergenceBenchmark [nves=1000 vms=100000 vnis=100 moves=300 warmup=100 \
 *     evacuees=1000 spares=8]
 * </pre>
 * Prints percentiles in milliseconds and {@code key=value} lines; logs go where slf4j-simple sends them
 * (standard error), e.g. add {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=warn}.
 */
public final class MoveConvergenceBenchmark {
    private static final PrintWriter OUT = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    private static final int NVES_PER_VNI = 50;
    private static final long TUNNEL_OFPORT = 1;
    private static final long FIRST_VM_OFPORT = 2;
    private static final long FIRST_SPARE_OFPORT = 60_000;
    private static final long WAIT_SECONDS = 1_800;
    private static final long POLL_NANOS = 50_000;
    /**
     * Scanning the evacuation's 1,000 migrations every 50 us took a core of the two this machine has from NVA:
     * it is scanned every millisecond (the observed CONVERGED times are that coarse; the timelines are not).
     */
    private static final long EVACUATION_POLL_NANOS = 1_000_000;
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final double MICROS_PER_MILLI = 1_000.0;

    /** The fabric, where each VM's port is, and each NVE's ports. */
    private record Layout(FabricSnapshot fabric, Map<NveId, List<SwitchPort>> ports, List<VmId> evacuees,
            int spares) {
    }

    /** A move to make: the VM, its target NVE and port there. */
    private record Target(VmId vm, NveId nve, PortName port) {
    }

    private MoveConvergenceBenchmark() {
        // main only
    }

    /**
     * Runs the benchmark.
     *
     * @param args nves, vms, vnis, moves, warmup, evacuees, spares
     * @throws Exception when NVA or a switch does not answer in time, or a switch ends with other flows than desired
     */
    public static void main(final String[] args) throws Exception {
        final int nves = intArg(args, 0, 1000);
        final int vms = intArg(args, 1, 100_000);
        final int vnis = intArg(args, 2, 100);
        final int moves = intArg(args, 3, 300);
        final int warmup = intArg(args, 4, 100);
        final int evacuees = intArg(args, 5, 1000);
        final int spares = intArg(args, 6, 8);
        OUT.printf("MoveConvergenceBenchmark nves=%d vms=%d vnis=%d nves_per_vni=%d moves=%d warmup=%d evacuees=%d "
            + "spares=%d cpus=%d max_heap_mb=%d%n", nves, vms, vnis, NVES_PER_VNI, moves, warmup, evacuees, spares,
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        final var layout = layout(nves, vms, vnis, evacuees, spares);

        final var datastore = new AbstractConcurrentDataBrokerTest(true) { };
        datastore.setup();
        final var clock = Clock.systemUTC();
        final ExecutorService publications = Executors.newSingleThreadExecutor(task -> {
            final var thread = new Thread(task, "nva-mobility-publish");
            thread.setDaemon(true);
            return thread;
        });
        // as MobilityComponent: data plane events are handled on a moves thread, not on the OpenFlow I/O threads
        final var movesThread = new MovesThread("nva-mobility-moves");
        final var clients = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        final var switches = new LinkedHashMap<NveId, EmulatedSwitch>();
        try (var nveState = new NveStatePublisher(datastore.getDataBroker())) {
            // as SouthboundComponent wires the southbound (switches wait for the flow source)
            final var sessions = new NveSessions(nveState, clock, System::nanoTime, PuntMeterSettings.DEFAULT, false);
            final var dispatcher = new PacketInDispatcher();
            sessions.addListener(dispatcher);
            final var programming = sessions.programming();
            // as MobilityComponent wires mobility
            final var states = new ForwardingStates(clock);
            final var service = new MobilityService(clock, System::nanoTime, programming, MobilityStateSink.DISCARD,
                new SilentNotifications(), states::changedScopes, MobilityState.EMPTY,
                publications, movesThread.programming());
            final var source = new MobilityFlowSource(states, service::current);
            final var handler = new MobilityDataplaneHandler(service, programming, sessions.packetOuts(), source,
                clock, (nve, count) -> { });
            for (var kind : PacketKind.values()) {
                dispatcher.register(kind, packetIn -> movesThread.execute(() -> handler.packetIn(packetIn)));
            }
            sessions.addListener(new DataplaneListener() {
                @Override
                public void flowExpired(final FlowExpiry expiry) {
                    movesThread.execute(() -> handler.flowExpired(expiry));
                }

                @Override
                public void portChanged(final PortChange change) {
                    movesThread.execute(() -> handler.portChanged(change));
                }
            });
            sessions.directoryChanged(layout.fabric());
            service.fabricChanged(layout.fabric());
            programming.useFlowSource(source);

            long started = System.nanoTime();
            final var expected = new HashMap<NveId, Integer>();
            long totalFlows = 0;
            for (var nve : layout.fabric().nves().keySet()) {
                final int flows = source.desired(nve, nvePorts(layout.ports().get(nve)), PuntMeterSettings.METER_ID)
                    .size();
                expected.put(nve, flows);
                totalFlows += flows;
            }
            OUT.printf(Locale.ROOT, "desired flows: total=%d per_nve_avg=%.0f n0=%d (computed in %.1f s, not timed)%n",
                totalFlows, totalFlows / (double) nves, expected.get(new NveId("n0")),
                (System.nanoTime() - started) / 1e9);

            try (var server = new OpenFlowServer(OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", 0),
                    ConnectionTimeouts.DEFAULT), new SwitchRegistry(sessions), clock)) {
                final var address = server.start();
                final long connecting = System.nanoTime();
                for (var nve : layout.fabric().nves().values()) {
                    switches.put(nve.id(), EmulatedSwitch.builder(clients, address, nve.datapathId().value())
                        .ports(layout.ports().get(nve.id())).withoutMessageLog().connect());
                }
                // as OVS does, a switch whose connection closed (e.g. its echo went unanswered under the load of the
                // other switches' full syncs) connects again, until every switch holds its flows
                final int[] reconnects = {0};
                final long[] bound = {0};
                awaitUntil("every switch connected, bound and holding its desired flows", () -> {
                    boolean allBound = true;
                    for (var entry : switches.entrySet()) {
                        if (!sessions.isBound(entry.getKey())) {
                            allBound = false;
                            if (entry.getValue().disconnected().isDone()) {
                                entry.getValue().connect();
                                reconnects[0]++;
                            }
                        }
                    }
                    if (allBound && bound[0] == 0) {
                        bound[0] = System.nanoTime() - connecting;
                    }
                    return allBound && switches.entrySet().stream()
                        .allMatch(entry -> entry.getValue().table().size() == expected.get(entry.getKey()));
                });
                OUT.printf("switch reconnects during the initial programming: %d%n", reconnects[0]);
                final long programmed = System.nanoTime() - connecting;
                OUT.printf(Locale.ROOT, "initial programming: switches=%d flows=%d all_bound_s=%.1f all_flows_s=%.1f "
                    + "flowmods=%d barriers=%d heap_used_mb=%d%n", switches.size(), totalFlows, bound[0] / 1e9,
                    programmed / 1e9, flowMods(switches), barriers(switches), usedHeapMb());

                singleMoves(service, layout, moves, warmup, switches);
                final var evacueesWent = evacuation(service, programming, layout, switches);
                verify(source, evacueesWent, switches);
            }
        } finally {
            switches.values().forEach(EmulatedSwitch::close);
            clients.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            publications.shutdown();
            movesThread.close();
        }
    }

    private static void singleMoves(final MobilityService service, final Layout layout, final int moves,
            final int warmup, final Map<NveId, EmulatedSwitch> switches) throws Exception {
        final var random = new Random(42);
        final var n0 = new NveId("n0");
        final var candidates = layout.fabric().vms().values().stream()
            .filter(vm -> !n0.equals(vm.nve())).map(Vm::id).sorted().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(candidates, random);
        final var used = new HashMap<NveId, Integer>();
        final int total = warmup + moves;
        final long[] convergence = new long[total];
        final long[] decided = new long[total];
        final long[] compiled = new long[total];
        final long[] converged = new long[total];
        final long[] nvesAffected = new long[total];
        final long[] flowModsPerMove = new long[total];
        final long[] flowModsMax = new long[total];
        final long flowModsBefore = flowMods(switches);
        final long barriersBefore = barriers(switches);
        for (int i = 0; i < total; i++) {
            final var vm = layout.fabric().vm(candidates.get(i)).orElseThrow();
            final var target = target(layout, vm, n0, used, random);
            final long start = System.nanoTime();
            final var outcome = service.moveRequested(new MoveRequest(vm.id(), target.nve(), target.port(),
                MoveTrigger.GRATUITOUS_ARP, Clock.systemUTC().instant()));
            final var migration = outcome.migration();
            if (outcome.verdict() != MoveVerdict.MOVED || migration == null) {
                throw new IllegalStateException("move " + i + " of " + vm.id() + " to " + target + ": "
                    + outcome.verdict() + " " + outcome.reason());
            }
            final var id = migration.id();
            awaitUntil("migration " + id + " converged", () -> stateOf(service, id) == MigrationState.CONVERGED);
            convergence[i] = System.nanoTime() - start;
            awaitUntil("migration " + id + " has its timeline", () -> service.current().state().migration(id)
                .map(recorded -> recorded.timeline().notifiedMicros() != null).orElse(false));
            final var timeline = service.current().state().migration(id).orElseThrow().timeline();
            decided[i] = orZero(timeline.decidedMicros());
            compiled[i] = orZero(timeline.compiledMicros());
            converged[i] = orZero(timeline.convergedMicros());
            nvesAffected[i] = timeline.nves().size();
            flowModsPerMove[i] = timeline.nves().stream().mapToLong(MigrationTimeline.NveStage::flowMods).sum();
            flowModsMax[i] = timeline.nves().stream().mapToLong(MigrationTimeline.NveStage::flowMods).max().orElse(0);
        }
        OUT.printf("single moves: %d measured after %d warm-up (GRATUITOUS_ARP, one at a time)%n", moves, warmup);
        report("move request -> CONVERGED observed (ms)", convergence, warmup, NANOS_PER_MILLI);
        report("timeline decided (ms)", decided, warmup, MICROS_PER_MILLI);
        report("timeline compiled (flow-mods written) (ms)", compiled, warmup, MICROS_PER_MILLI);
        report("timeline converged (last barrier) (ms)", converged, warmup, MICROS_PER_MILLI);
        report("affected NVEs per move", nvesAffected, warmup, 1);
        report("flow-mods per move (all NVEs)", flowModsPerMove, warmup, 1);
        report("flow-mods per move (busiest NVE)", flowModsMax, warmup, 1);
        OUT.printf("single moves: switches received flowmods=%d barriers=%d for %d moves%n",
            flowMods(switches) - flowModsBefore, barriers(switches) - barriersBefore, total);
    }

    /** Returns the NVEs the evacuees went to. */
    private static Set<NveId> evacuation(final MobilityService service,
            final NveProgramming programming, final Layout layout,
            final Map<NveId, EmulatedSwitch> switches) throws Exception {
        final var n0 = new NveId("n0");
        final var random = new Random(7);
        final var used = new HashMap<NveId, Integer>();
        for (var port : switches.values().stream().flatMap(emulated -> emulated.ports().stream()).toList()) {
            // ports taken by the single moves are still counted as taken: the VMs are on them
            if (port.number() >= FIRST_SPARE_OFPORT) {
                final var nve = new NveId(port.name().substring(1, port.name().indexOf('x')));
                if (service.current().state().locations().values().stream().anyMatch(location ->
                        location.nve().equals(nve) && new PortName(port.name()).equals(location.port()))) {
                    used.merge(nve, 1, Integer::sum);
                }
            }
        }
        final var targets = new ArrayList<Target>();
        for (var vm : layout.evacuees()) {
            targets.add(target(layout, layout.fabric().vm(vm).orElseThrow(), n0, used, random));
        }
        final var announcements = targets.stream().map(target -> new MoveAnnouncement(target.vm(), target.nve(),
            target.port())).toList();
        final long flowModsBefore = flowMods(switches);
        final long barriersBefore = barriers(switches);
        final long announceStart = System.nanoTime();
        final var outcomes = service.announceAll(announcements);
        final long announceReturned = System.nanoTime() - announceStart;
        final var ids = new ArrayList<String>();
        for (int i = 0; i < outcomes.size(); i++) {
            final var migration = outcomes.get(i).migration();
            if (migration == null) {
                throw new IllegalStateException("announcement of " + announcements.get(i) + " refused: "
                    + outcomes.get(i).refusal());
            }
            ids.add(migration.id());
        }
        // the targets were prepared: wait for a barrier behind their preparation, as the time a live migration
        // takes would
        final var prepared = targets.stream().map(Target::nve).distinct()
            .map(nve -> programming.resync(nve, NveScopes.NONE)).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(prepared).get(WAIT_SECONDS, TimeUnit.SECONDS);
        final long announceDone = System.nanoTime() - announceStart;
        final long announceFlowMods = flowMods(switches) - flowModsBefore;
        final long announceBarriers = barriers(switches) - barriersBefore;
        OUT.printf(Locale.ROOT, "evacuation: %d VMs leave n0 for %d NVEs; announceAll returned in %.1f ms, targets "
            + "prepared (barriers in) after %.1f ms; flowmods=%d barriers=%d (incl. %d awaited by the benchmark)%n",
            ids.size(), prepared.length, announceReturned / NANOS_PER_MILLI, announceDone / NANOS_PER_MILLI,
            announceFlowMods, announceBarriers, prepared.length);

        final var evacuated = switches.get(n0);
        final var portsByName = evacuated.ports().stream().collect(Collectors.toMap(SwitchPort::name, port -> port));
        final var doomed = layout.evacuees().stream()
            .map(vm -> portsByName.get(layout.fabric().vm(vm).orElseThrow().port().value())).toList();
        final var pending = new HashSet<>(ids);
        final long[] convergedAt = new long[ids.size()];
        final var index = new HashMap<String, Integer>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        final long start = System.nanoTime();
        for (var port : doomed) {
            evacuated.injectPortStatus(OFPortReason.DELETE, port);
        }
        final long injected = System.nanoTime() - start;
        final long deadline = start + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!pending.isEmpty()) {
            final var state = service.current().state();
            final long now = System.nanoTime();
            for (var it = pending.iterator(); it.hasNext();) {
                final var id = it.next();
                final var migration = state.migration(id).orElseThrow();
                if (migration.state() == MigrationState.CONVERGED) {
                    convergedAt[index.get(id)] = now - start;
                    it.remove();
                } else if (migration.state() != MigrationState.ANNOUNCED
                        && migration.state() != MigrationState.CONVERGING) {
                    throw new IllegalStateException("migration " + id + " ended " + migration.state() + ": "
                        + migration.reason());
                }
            }
            if (now > deadline) {
                throw new TimeoutException(pending.size() + " migrations not converged after " + WAIT_SECONDS + " s");
            }
            LockSupport.parkNanos(EVACUATION_POLL_NANOS);
        }
        final long all = System.nanoTime() - start;
        OUT.printf(Locale.ROOT, "evacuation: %d PORT_STATUS DELETE written by n0 in %.1f ms; all %d migrations "
            + "CONVERGED %.1f ms after the first PORT_STATUS%n", doomed.size(), injected / NANOS_PER_MILLI, ids.size(),
            all / NANOS_PER_MILLI);
        report("evacuation: first PORT_STATUS -> each migration CONVERGED (ms)", convergedAt, 0, NANOS_PER_MILLI);
        awaitUntil("every evacuee's timeline written", () -> ids.stream().allMatch(id ->
            service.current().state().migration(id).orElseThrow().timeline().notifiedMicros() != null));
        final var timelines = ids.stream().map(id -> service.current().state().migration(id).orElseThrow())
            .map(Migration::timeline).toList();
        report("evacuation timeline: detected (port-status) -> converged (ms)", timelines.stream()
            .mapToLong(timeline -> orZero(timeline.convergedMicros())).toArray(), 0, MICROS_PER_MILLI);
        report("evacuation timeline: detected -> decided (ms)", timelines.stream()
            .mapToLong(timeline -> orZero(timeline.decidedMicros())).toArray(), 0, MICROS_PER_MILLI);
        report("evacuation timeline: detected -> compiled (ms)", timelines.stream()
            .mapToLong(timeline -> orZero(timeline.compiledMicros())).toArray(), 0, MICROS_PER_MILLI);
        report("evacuation timeline: affected NVEs per move", timelines.stream()
            .mapToLong(timeline -> timeline.nves().size()).toArray(), 0, 1);
        // the counters include the switches' answers to the barriers the last moves sent: wait for quiet
        awaitQuiet(switches);
        OUT.printf("evacuation: after the PORT_STATUSes the switches received flowmods=%d barriers=%d "
            + "(announce phase: flowmods=%d barriers=%d); flow-mods in the move timelines: %d%n",
            flowMods(switches) - flowModsBefore - announceFlowMods,
            barriers(switches) - barriersBefore - announceBarriers, announceFlowMods, announceBarriers,
            timelines.stream().flatMap(timeline -> timeline.nves().stream())
                .mapToLong(MigrationTimeline.NveStage::flowMods).sum());
        return targets.stream().map(Target::nve).collect(Collectors.toSet());
    }

    /** n0 and the evacuees' targets hold exactly the flows NVA desires for them. */
    private static void verify(final MobilityFlowSource source, final Set<NveId> targets,
            final Map<NveId, EmulatedSwitch> switches) {
        final var checked = new ArrayList<NveId>();
        checked.add(new NveId("n0"));
        checked.addAll(targets);
        for (var nve : checked) {
            final var emulated = switches.get(nve);
            final var ports = new ArrayList<>(emulated.ports());
            final var desired = source.desired(nve, nvePorts(ports), PuntMeterSettings.METER_ID).stream()
                .map(FlowEntry::cookie).map(cookie -> cookie.value()).collect(Collectors.toSet());
            final var held = emulated.table().flows().stream().map(flow -> flow.cookie().getValue())
                .collect(Collectors.toSet());
            if (!desired.equals(held) || emulated.table().size() != desired.size()) {
                final var extra = emulated.table().flows().stream()
                    .filter(flow -> !desired.contains(flow.cookie().getValue()))
                    .map(flow -> "table " + flow.table().getValue() + " priority " + flow.priority() + " "
                        + flow.match())
                    .limit(10).toList();
                throw new IllegalStateException(nve + " holds " + emulated.table().size() + " flows, desired "
                    + desired.size() + "; missing " + desired.stream().filter(cookie -> !held.contains(cookie)).count()
                    + ", extra " + held.stream().filter(cookie -> !desired.contains(cookie)).count() + ": " + extra);
            }
        }
        OUT.printf("verified: %d switches (n0 and the evacuees' %d targets) hold exactly the desired flows%n",
            checked.size(), targets.size());
    }

    private static Target target(final Layout layout, final Vm vm, final NveId excluded,
            final Map<NveId, Integer> used, final Random random) {
        final int vniIndex = vm.vni().value() - 1;
        final int nves = layout.fabric().nves().size();
        final int first = random.nextInt(NVES_PER_VNI);
        NveId best = null;
        int bestUsed = Integer.MAX_VALUE;
        for (int k = 0; k < NVES_PER_VNI; k++) {
            final var nve = new NveId("n" + nveOf(vniIndex, (first + k) % NVES_PER_VNI, nves));
            final int taken = used.getOrDefault(nve, 0);
            if (!nve.equals(excluded) && !nve.equals(vm.nve()) && taken < layout.spares() && taken < bestUsed) {
                best = nve;
                bestUsed = taken;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no free port for " + vm.id() + " in " + vm.vni());
        }
        used.put(best, bestUsed + 1);
        return new Target(vm.id(), best, sparePort(best, bestUsed));
    }

    private static MigrationState stateOf(final MobilityService service, final String id) {
        return service.current().state().migration(id).map(Migration::state).orElseThrow();
    }

    private static long orZero(final Long micros) {
        return micros == null ? 0 : micros;
    }

    private static void awaitUntil(final String what, final BooleanSupplier condition) throws TimeoutException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not " + what + " after " + WAIT_SECONDS + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static void awaitQuiet(final Map<NveId, EmulatedSwitch> switches) {
        long last = -1;
        while (true) {
            final long now = flowMods(switches) + barriers(switches);
            if (now == last) {
                return;
            }
            last = now;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private static long flowMods(final Map<NveId, EmulatedSwitch> switches) {
        return switches.values().stream().mapToLong(EmulatedSwitch::flowModsTotal).sum();
    }

    private static long barriers(final Map<NveId, EmulatedSwitch> switches) {
        return switches.values().stream().mapToLong(EmulatedSwitch::barrierRequests).sum();
    }

    private static long usedHeapMb() {
        final var runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private static void report(final String what, final long[] values, final int warmup, final double unit) {
        final var measured = Arrays.copyOfRange(values, warmup, values.length);
        Arrays.sort(measured);
        OUT.printf(Locale.ROOT, "%-62s n=%d p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", what, measured.length,
            quantile(measured, 0.5) / unit, quantile(measured, 0.9) / unit, quantile(measured, 0.99) / unit,
            measured[measured.length - 1] / unit);
    }

    private static long quantile(final long[] sorted, final double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    }

    private static NvePorts nvePorts(final List<SwitchPort> ports) {
        final var numbers = new HashMap<PortName, Long>();
        for (var port : ports) {
            numbers.put(new PortName(port.name()), port.number());
        }
        return new NvePorts(numbers);
    }

    private static PortName sparePort(final NveId nve, final int index) {
        return new PortName("s" + nve.value() + "x" + index);
    }

    private static int nveOf(final int vniIndex, final int slot, final int nves) {
        return (vniIndex * 10 + slot) % nves;
    }

    /**
     * The mobility benchmark's fabric (VM i in VNI i % vnis, on slot (i / vnis) % 50 of the VNI's NVEs), except
     * that the first VMs of the VNIs n0 is in are placed on n0, {@code evacuees} of them in all.
     */
    private static Layout layout(final int nves, final int vms, final int vnis, final int evacuees,
            final int spares) {
        final var n0 = new NveId("n0");
        final Map<NveId, Nve> nveMap = new HashMap<>();
        final Map<NveId, List<SwitchPort>> ports = new HashMap<>();
        for (int n = 0; n < nves; n++) {
            final var id = new NveId("n" + n);
            final var underlay = IpAddress.parse("2001:db8:ff::" + Integer.toHexString(n + 1));
            nveMap.put(id, new Nve(id, new DatapathId(0xa000 + n), underlay, Nve.DEFAULT_TUNNEL_PORT));
            final var nvePorts = new ArrayList<SwitchPort>();
            nvePorts.add(new SwitchPort(TUNNEL_OFPORT, Nve.DEFAULT_TUNNEL_PORT.value(), portMac(n, 0)));
            for (int k = 0; k < spares; k++) {
                nvePorts.add(new SwitchPort(FIRST_SPARE_OFPORT + k, sparePort(id, k).value(), portMac(n, 50_000 + k)));
            }
            ports.put(id, nvePorts);
        }
        final var n0Vnis = new ArrayList<Integer>();
        for (int v = 0; v < vnis; v++) {
            for (int slot = 0; slot < NVES_PER_VNI; slot++) {
                if (nveOf(v, slot, nves) == 0) {
                    n0Vnis.add(v);
                    break;
                }
            }
        }
        final int perVni = (evacuees + n0Vnis.size() - 1) / n0Vnis.size();
        final Map<Integer, Integer> onN0 = new HashMap<>();
        final Map<Vni, VirtualNetwork> networks = new HashMap<>();
        for (int v = 0; v < vnis; v++) {
            networks.put(new Vni(v + 1), new VirtualNetwork(new Vni(v + 1), "net" + v, "t", OverlayMode.L2));
        }
        final Map<VmId, Vm> vmMap = new HashMap<>();
        final var evacueeList = new ArrayList<VmId>();
        for (int i = 0; i < vms; i++) {
            final int v = i % vnis;
            final int j = i / vnis;
            final var id = new VmId("vm" + i);
            final var mac = new MacAddress(0x0200_0000_0000L + i);
            final var ip = IpAddress.parse("10." + (j >> 8 & 0xff) + "." + (j & 0xff) + ".1");
            var nve = new NveId("n" + nveOf(v, j % NVES_PER_VNI, nves));
            if (n0Vnis.contains(v) && evacueeList.size() < evacuees && onN0.getOrDefault(v, 0) < perVni
                    && !nve.equals(n0)) {
                nve = n0;
                onN0.merge(v, 1, Integer::sum);
                evacueeList.add(id);
            }
            final var port = new PortName("t" + i);
            final var nvePorts = ports.get(nve);
            nvePorts.add(new SwitchPort(FIRST_VM_OFPORT + nvePorts.size() - 1 - spares, port.value(),
                portMac(Integer.parseInt(nve.value().substring(1)), nvePorts.size())));
            vmMap.put(id, new Vm(id, new Vni(v + 1), mac, Set.of(ip), nve, port));
        }
        if (evacueeList.size() < evacuees) {
            throw new IllegalArgumentException("only " + evacueeList.size() + " VMs could be placed on n0 to leave it");
        }
        return new Layout(new FabricSnapshot(FabricSettings.DEFAULT, nveMap, networks, vmMap), ports,
            List.copyOf(evacueeList), spares);
    }

    private static MacAddress portMac(final int nve, final int port) {
        return new MacAddress(0x0600_0000_0000L | (long) nve << 20 | port);
    }

    private static int intArg(final String[] args, final int index, final int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }
}
