/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.DirectoryFixture;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.SettingsBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;

/**
 * The southbound end to end against emulated switches and a real in-memory datastore: switches bind
 * to fabric/nve by datapath id, get the compiled flows, appear in state/nve, and a reconnect re-syncs
 * with no flow-mod at all when nothing changed.
 */
public class SouthboundComponentTest extends AbstractConcurrentDataBrokerTest {
    /** n1's switch has its VXLAN port and vm-a's port. */
    private static final List<SwitchPort> N1_PORTS = List.of(
        new SwitchPort(1, "vxlan0", MacAddress.parse("02:00:00:00:01:01")),
        new SwitchPort(5, "tap-a", MacAddress.parse("02:00:00:00:01:05")));
    /**
     * n1 hosts VNI 100 (vm-a): a miss per table, vm-a admitted from tap-a, VNI 100 from the VXLAN port,
     * four punts (ARP, RARP, NS, NA), vm-a local and vm-b over the overlay.
     */
    private static final int N1_FLOWS = PipelineTable.values().length + 8;

    private DirectoryFixture fixture;
    private SouthboundComponent southbound;
    private EventLoopGroup clients;

    public SouthboundComponentTest() {
        super(true);
    }

    @Before
    public void start() throws Exception {
        fixture = new DirectoryFixture(getDataBroker());
        fixture.loadStandardFabric();
        southbound = new SouthboundComponent(getDataBroker(), fixture.directory(),
            OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", 0), ConnectionTimeouts.DEFAULT),
            Clock.systemUTC());
        clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @After
    public void stop() throws Exception {
        southbound.close();
        fixture.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    @Test
    public void bindsByDatapathIdProgramsAndReports() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).ports(N1_PORTS).connect();
        final var stranger = EmulatedSwitch.builder(clients, southbound.address(), 0x77).connect();
        try {
            fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getLastSync).isPresent()
                && row("n1").orElseThrow().getLastSync() != null);
            final var synced = row("n1").orElseThrow();
            assertTrue(synced.getConnected());
            assertEquals("1.3", synced.getOfVersion());
            assertEquals(N1_FLOWS, synced.getFlowCount().intValue());
            assertEquals(N1_FLOWS, n1.table().flows().size());

            fixture.signal().await("stranger shown", () -> row("dpid:0000000000000077").isPresent());
            assertTrue(row("dpid:0000000000000077").orElseThrow().getConnected());
            assertEquals(0, stranger.flowModsTotal());
            // n2 is in fabric/nve but no switch connected
            assertFalse(row("n2").orElseThrow().getConnected());
        } finally {
            n1.close();
            stranger.close();
        }
        fixture.signal().await("n1 disconnected", () -> !row("n1").orElseThrow().getConnected());
        fixture.signal().await("stranger row withdrawn", () -> row("dpid:0000000000000077").isEmpty());
    }

    @Test
    public void reconnectWithNothingChangedSendsNoFlowMod() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).ports(N1_PORTS).connect();
        try {
            fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getFlowCount).isPresent()
                && row("n1").orElseThrow().getFlowCount().intValue() == N1_FLOWS);
            final var firstSync = row("n1").orElseThrow().getLastSync();
            assertEquals(N1_FLOWS, n1.flowMods(OFFlowModCommand.ADD));

            n1.disconnect();
            fixture.signal().await("n1 disconnected", () -> !row("n1").orElseThrow().getConnected());
            n1.connect().get(5, TimeUnit.SECONDS);
            fixture.signal().await("n1 synced again", () -> row("n1").orElseThrow().getConnected()
                && !firstSync.equals(row("n1").orElseThrow().getLastSync()));
            assertEquals("no flow-mod after the reconnect", N1_FLOWS, n1.flowModsTotal());
            assertEquals(N1_FLOWS, n1.table().flows().size());
        } finally {
            n1.close();
        }
    }

    @Test
    public void aSettingChangeModifiesOnlyTheFlowsItConcerns() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).ports(N1_PORTS).connect();
        try {
            fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getFlowCount).isPresent()
                && row("n1").orElseThrow().getFlowCount().intValue() == N1_FLOWS);
            final var before = n1.flowModsTotal();
            final var syncBefore = row("n1").orElseThrow().getLastSync();

            fixture.put(DataObjectIdentifier.builder(Fabric.class).child(Settings.class).build(),
                new SettingsBuilder().setUnknownDestination(Settings.UnknownDestination.Drop).build());
            fixture.signal().await("n1 re-synced", () -> !syncBefore.equals(row("n1").orElseThrow().getLastSync()));
            final int sent = n1.flowModsTotal() - before;
            assertTrue("only the misses that follow unknown-destination changed: " + sent,
                sent >= 1 && sent < N1_FLOWS);
            assertEquals(N1_FLOWS, n1.table().flows().size());
        } finally {
            n1.close();
        }
    }

    private Optional<Nve> row(final String id) {
        final var path = DataObjectIdentifier.builder(State.class).child(Nve.class, new NveKey(id)).build();
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
