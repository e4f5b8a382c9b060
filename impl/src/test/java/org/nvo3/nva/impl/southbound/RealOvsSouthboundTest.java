/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.DirectoryFixture;
import org.nvo3.nva.impl.FabricBindings;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.PortChangeKind;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.dataplane.TestFrames;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * The southbound against a real Open vSwitch 3.x NVE (userspace datapath in its own network
 * namespace, started by mininet-topos/nva_fabric): handshake and sync, the flows as ovs-ofctl shows
 * them, a controller-side restart that deletes nothing, and an ovs-vswitchd restart that re-syncs;
 * the punt meter and the table-miss flow using it, a port added with ovs-vsctl arriving as a port
 * change, a punted ARP arriving as a packet-in and a packet-out leaving the right port. The namespace
 * and run directory carry this JVM's pid, so that concurrent builds do not collide.
 * Needs root, openvswitch-switch and socat (.ci/run installs them); skipped where they are missing.
 */
public class RealOvsSouthboundTest extends AbstractConcurrentDataBrokerTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String BASE = "/tmp/nva-junit-fabric-" + PID;
    private static final String PREFIX = "nvaj" + PID % 100_000 + "x";
    private static final long DPID = 0xB001L;
    private static final String MGMT = "unix:" + BASE + "/" + PREFIX + "1/br-int.mgmt";
    private static final Pattern FLOW = Pattern.compile("cookie=(0x[0-9a-f]+), duration=([0-9.]+)s, table=(\\d+)");
    private static final Path TOPOS = Path.of("..", "mininet-topos").toAbsolutePath().normalize();

    private DirectoryFixture fixture;
    private SouthboundComponent southbound;
    private Process nves;

    public RealOvsSouthboundTest() {
        super(true);
    }

    @Before
    public void start() throws Exception {
        assumeTrue("needs root", "root".equals(System.getProperty("user.name")));
        assumeTrue("needs Open vSwitch and socat", onPath("ovs-vswitchd") && onPath("socat") && onPath("ovs-ofctl"));
        fixture = new DirectoryFixture(getDataBroker());
        fixture.put(DirectoryFixture.nvePath("ovs1"), FabricBindings.nve("ovs1", DPID, "192.0.2.201"));
        southbound = startSouthbound(0);
        nves = new ProcessBuilder("python3", "-m", "nva_fabric.nves", "up", "1",
            "--controller", "127.0.0.1:" + southbound.address().getPort(), "--base", BASE, "--prefix", PREFIX,
            "--first-dpid", Long.toString(DPID))
            .directory(TOPOS.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "real-ovs-nves.log").toFile())
            .start();
    }

    @After
    public void stop() throws Exception {
        if (nves != null) {
            nves.destroy();
            nves.waitFor(20, TimeUnit.SECONDS);
            new ProcessBuilder("python3", "-m", "nva_fabric.nves", "down", "--base", BASE, "--prefix", PREFIX)
                .directory(TOPOS.toFile()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
        if (southbound != null) {
            southbound.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    public void puntMeterPortChangesPacketInsAndPacketOuts() throws Exception {
        final BlockingQueue<PortChange> portChanges = new LinkedBlockingQueue<>();
        final BlockingQueue<PacketIn> arps = new LinkedBlockingQueue<>();
        southbound.addListener(new DataplaneListener() {
            @Override
            public void portChanged(final PortChange change) {
                portChanges.add(change);
            }
        });
        southbound.register(PacketKind.ARP, arps::add);
        awaitSynced("first connect", null);

        final var meters = run("ovs-ofctl", "-O", "OpenFlow13", "dump-meters", MGMT);
        assertTrue(meters, meters.contains("meter=1 pktps burst stats"));
        assertTrue(meters, meters.contains("type=drop rate=1000 burst_size=100"));
        final var tableMiss = run("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", MGMT, "table=0").lines()
            .filter(line -> line.contains("priority=0")).toList();
        assertEquals(tableMiss.toString(), 1, tableMiss.size());
        assertTrue(tableMiss.getFirst(), tableMiss.getFirst().contains("actions=meter:1,CONTROLLER:65535"));

        // a VM port: veth vm5 on br-int as port 5, vm5-h its host side in the NVE's namespace
        run("python3", "-c", "from nva_fabric.ovs_nve import OvsNve; OvsNve(1, 0, base='" + BASE + "', prefix='"
            + PREFIX + "').add_veth_port('vm5', 5)");
        final var added = awaitPortChange(portChanges, "vm5");
        assertEquals(new PortChange(new DatapathId(DPID), new NveId("ovs1"), PortChangeKind.ADDED, 5, "vm5",
            added.linkUp()), added.receivedAt(0));

        // the host sends a broadcast ARP: table 0 misses, the switch punts it
        run("ip", "netns", "exec", PREFIX + "1", "python3", "-m", "nva_fabric.rawframes", "send", "vm5-h",
            HexFormat.of().formatHex(TestFrames.arpRequest()));
        final var arp = arps.poll(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("the ARP sent into vm5 was punted", arp);
        assertEquals(new NveId("ovs1"), arp.nve());
        assertEquals(5, arp.inPort());
        assertEquals(0, arp.tableId());
        assertEquals(PuntReason.TABLE_MISS, arp.reason());
        assertArrayEquals(TestFrames.arpRequest(), Arrays.copyOf(arp.frame().bytes(), 42));

        // a packet-out to port 5 leaves on vm5 and arrives on vm5-h, byte for byte
        final var receiver = new ProcessBuilder("ip", "netns", "exec", PREFIX + "1", "python3", "-m",
            "nva_fabric.rawframes", "receive", "vm5-h", "88b5", "20").directory(TOPOS.toFile())
            .redirectErrorStream(true).start();
        try (var lines = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                StandardCharsets.US_ASCII))) {
            assertEquals("ready", lines.readLine());
            final var frame = TestFrames.ethernet(0x88B5, "NVA packet-out to port 5, padded to 60 bytes.."
                .getBytes(StandardCharsets.US_ASCII));
            southbound.send(new NveId("ovs1"), PacketOut.toPort(5, Frame.of(frame))).get(5, TimeUnit.SECONDS);
            assertEquals(HexFormat.of().formatHex(frame), lines.readLine());
        } finally {
            receiver.destroy();
        }
    }

    @Test
    public void syncsRestartsWithoutChurnAndResyncsARestartedSwitch() throws Exception {
        awaitSynced("first connect", null);
        final var first = flows();
        assertEquals("one flow per pipeline table, tables 0,10,20,30,40: " + first, 5, first.size());
        assertEquals(List.of(0, 10, 20, 30, 40), first.values().stream().map(flow -> flow.table).sorted().toList());

        // controller side restart: a new southbound on the same port; nothing may be deleted or re-added
        final int port = southbound.address().getPort();
        southbound.close();
        southbound = startSouthbound(port);
        awaitSynced("after the controller restart", null);
        final var again = flows();
        assertEquals(first.keySet(), again.keySet());
        for (var cookie : first.keySet()) {
            assertTrue("flow " + cookie + " kept its age: " + first.get(cookie).duration + " s then "
                + again.get(cookie).duration + " s", again.get(cookie).duration >= first.get(cookie).duration);
        }

        // the switch restarts empty (userspace datapath): NVA notices and programs it again
        final var syncedBefore = row().orElseThrow().getLastSync();
        run("python3", "-c", "from nva_fabric.ovs_nve import OvsNve; "
            + "OvsNve(1, 0, base='" + BASE + "', prefix='" + PREFIX + "').restart_vswitchd()");
        awaitSynced("after the ovs-vswitchd restart", syncedBefore.getValue());
        final var restarted = flows();
        assertEquals(first.keySet(), restarted.keySet());
    }

    private SouthboundComponent startSouthbound(final int port) throws Exception {
        return new SouthboundComponent(getDataBroker(), fixture.directory(),
            OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", port), ConnectionTimeouts.DEFAULT),
            PuntMeterSettings.DEFAULT, Clock.systemUTC());
    }

    private void awaitSynced(final String when, final @Nullable String notSyncedAt) throws InterruptedException {
        fixture.signal().await("ovs1 connected and synced " + when, () -> {
            final var row = row();
            return row.isPresent() && Boolean.TRUE.equals(row.orElseThrow().getConnected())
                && row.orElseThrow().getLastSync() != null
                && !row.orElseThrow().getLastSync().getValue().equals(notSyncedAt)
                && row.orElseThrow().getFlowCount().intValue() == 5;
        }, Duration.ofSeconds(30));
    }

    private static PortChange awaitPortChange(final BlockingQueue<PortChange> changes, final String name)
            throws InterruptedException {
        while (true) {
            final var change = changes.poll(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
            if (change == null) {
                throw new AssertionError("no port change of " + name + " within " + RecordingListener.WAIT_SECONDS
                    + " s");
            }
            if (change.portName().equals(name)) {
                return change;
            }
        }
    }

    private record Flow(int table, double duration) {
    }

    private static Map<String, Flow> flows() throws IOException, InterruptedException {
        final var flows = new TreeMap<String, Flow>();
        for (var line : run("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", MGMT).split("\n")) {
            final var matcher = FLOW.matcher(line);
            if (matcher.find()) {
                flows.put(matcher.group(1), new Flow(Integer.parseInt(matcher.group(3)),
                    Double.parseDouble(matcher.group(2))));
            }
        }
        return flows;
    }

    private Optional<Nve> row() {
        final var path = DataObjectIdentifier.builder(State.class).child(Nve.class, new NveKey("ovs1")).build();
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static String run(final String... command) throws IOException, InterruptedException {
        final var process = new ProcessBuilder(command).directory(TOPOS.toFile()).redirectErrorStream(true).start();
        final var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static boolean onPath(final String program) {
        for (var dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
