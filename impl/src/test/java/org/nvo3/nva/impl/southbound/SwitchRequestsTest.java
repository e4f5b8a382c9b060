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
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.failureOf;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.nvo3.nva.api.MacAddress;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class SwitchRequestsTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture(ConnectionTimeouts.DEFAULT,
        Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    public void flowStatsCollectsEveryReplyPart() throws Exception {
        final var connected = fixture.connect(fixture.emulated(0xB1).statsPartSize(10));
        final var mods = new ArrayList<OFFlowMod>();
        for (int i = 0; i < 25; i++) {
            mods.add(TestFlowMods.add(i % 3, 1000 + i, TestFlowMods.inPort(i + 1), 0x100 + i,
                TestFlowMods.outputTo(2)));
        }
        connected.connection().sendAll(mods);
        await(connected.connection().barrier());

        final var entries = await(connected.connection().flowStats());

        assertEquals(3, connected.emulated().flowStatsParts());
        assertEquals(25, entries.size());
        final var cookies = new HashSet<Long>();
        entries.forEach(entry -> cookies.add(entry.getCookie().getValue()));
        for (long i = 0; i < 25; i++) {
            assertTrue(cookies.contains(0x100 + i));
        }
    }

    @Test
    public void flowStatsOfAnEmptySwitchIsEmpty() throws Exception {
        final var connected = fixture.connect(0xB2);

        assertEquals(List.of(), await(connected.connection().flowStats()));
    }

    @Test
    public void barrierCompletesWithTheClockTimeOfItsReply() throws Exception {
        final var connected = fixture.connect(0xB3);

        assertEquals(NOW, await(connected.connection().barrier()));
    }

    @Test
    public void flowModReachesTheSwitchTable() throws Exception {
        final var connected = fixture.connect(0xB4);
        final var mod = TestFlowMods.add(2, 300, TestFlowMods.inPort(7), 0xC0FFEE, TestFlowMods.outputTo(1));

        connected.connection().send(mod);
        await(connected.connection().barrier());

        final var flows = connected.emulated().table().flows();
        assertEquals(1, flows.size());
        assertEquals(TableId.of(2), flows.get(0).table());
        assertEquals(300, flows.get(0).priority());
        assertEquals(mod.getMatch(), flows.get(0).match());
        assertEquals(mod.getInstructions(), flows.get(0).instructions());
        assertEquals(U64.of(0xC0FFEE), flows.get(0).cookie());
    }

    @Test
    public void switchErrorFailsTheRequest() throws Exception {
        final var connected = fixture.connect(0xB5);
        connected.emulated().rejectFlowStats();

        final var rejected = failureOf(connected.connection().flowStats(), SwitchRejectedException.class);

        assertEquals("BAD_REQUEST", rejected.error().type());
        assertEquals("EPERM", rejected.error().code());
        assertTrue(rejected.getMessage(), rejected.getMessage().contains("00000000000000b5"));
        assertFalse("the connection survives an error", connected.connection().closeFuture().isDone());
        assertEquals(NOW, await(connected.connection().barrier()));
    }

    @Test
    public void pendingRequestsFailWhenTheConnectionCloses() throws Exception {
        final var connected = fixture.connect(0xB6);
        connected.emulated().stopAnswering();
        final var barrier = connected.connection().barrier();
        final var stats = connected.connection().flowStats();

        connected.emulated().disconnect();

        failureOf(barrier, SwitchDisconnectedException.class);
        failureOf(stats, SwitchDisconnectedException.class);
        assertEquals("the switch closed the connection", fixture.listener().awaitDisconnected(connected.datapathId()));
        await(connected.connection().closeFuture());
        failureOf(connected.connection().barrier(), SwitchDisconnectedException.class);
        assertTrue(fixture.registry().connections().isEmpty());
    }

    @Test
    public void packetInReachesTheListener() throws Exception {
        final var connected = fixture.connect(0xB7);
        final byte[] frame = new byte[1400];
        frame[0] = (byte) 0xFF;
        frame[1399] = 0x42;

        connected.emulated().injectPacketIn(2, frame);

        final var packetIn = fixture.listener().awaitPacketIn();
        assertArrayEquals("the whole frame, not a buffered prefix", frame, packetIn.getData());
        assertEquals(OFPort.of(2), packetIn.getMatch().get(MatchField.IN_PORT));
    }

    @Test
    public void portStatusUpdatesPortsAndReachesTheListener() throws Exception {
        final var connected = fixture.connect(0xB8);
        final var vm2 = new SwitchPort(3, "vm2", MacAddress.parse("02:00:00:00:00:03"));

        connected.emulated().injectPortStatus(OFPortReason.ADD, vm2);
        assertEquals(OFPortReason.ADD, fixture.listener().awaitPortStatus().getReason());
        assertTrue(connected.connection().ports().contains(vm2));

        connected.emulated().injectPortStatus(OFPortReason.DELETE, SouthboundFixture.PORTS.get(1));
        assertEquals(OFPortReason.DELETE, fixture.listener().awaitPortStatus().getReason());
        assertEquals(List.of(1L, 3L, 0xFFFF_FFFEL),
            connected.connection().ports().stream().map(SwitchPort::number).toList());
    }

    @Test
    public void flowRemovedReachesTheListener() throws Exception {
        final var connected = fixture.connect(0xB9);
        connected.connection().sendAll(List.of(
            TestFlowMods.addNotifyingRemoval(0, 10, TestFlowMods.inPort(1), 0xD1),
            TestFlowMods.deleteByCookie(0xD1, -1L)));

        final var removed = fixture.listener().awaitFlowRemoved();

        assertEquals(U64.of(0xD1), removed.getCookie());
        assertEquals(OFFlowRemovedReason.DELETE, removed.getReason());
    }

    @Test
    public void controllerAnswersEcho() throws Exception {
        final var connected = fixture.connect(0xBA);

        await(connected.emulated().echo());
    }

    @Test
    public void sendRefusesOtherOpenFlowVersions() throws Exception {
        final var connected = fixture.connect(0xBB);
        final var hello10 = OFFactories.getFactory(OFVersion.OF_10).buildHello().build();

        assertThrows(IllegalArgumentException.class, () -> connected.connection().send(hello10));
    }

    @Test
    public void flowStatsEntriesCarryTheirCounters() throws Exception {
        final var connected = fixture.connect(0xBC);
        final var match = TestFlowMods.inPort(4);
        connected.connection().send(TestFlowMods.add(0, 5, match, 1, TestFlowMods.outputTo(1)));
        await(connected.connection().barrier());
        connected.emulated().table().hit(TableId.of(0), 5, match, 3, 300);

        final OFFlowStatsEntry entry = await(connected.connection().flowStats()).get(0);

        assertEquals(U64.of(3), entry.getPacketCount());
        assertEquals(U64.of(300), entry.getByteCount());
    }
}
