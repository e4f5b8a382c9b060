/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.TableId;

/**
 * The emulated switch's flow table, driven through a real connection: what later reconciliation
 * tests rely on.
 */
public class FlowModSemanticsTest {
    private static final Match MATCH = TestFlowMods.inPort(1);

    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture();

    @Test
    public void addReplacesTheSameEntryAndResetsItsCounters() throws Exception {
        final var connected = fixture.connect(0xC1);
        final var connection = connected.connection();
        connection.send(TestFlowMods.add(0, 10, MATCH, 1, TestFlowMods.outputTo(2)));
        await(connection.barrier());
        connected.emulated().table().hit(TableId.of(0), 10, MATCH, 7, 700);

        connection.send(TestFlowMods.add(0, 10, MATCH, 2, TestFlowMods.outputTo(3)));
        await(connection.barrier());

        final var flows = connected.emulated().table().flows();
        assertEquals(1, flows.size());
        assertEquals(2, flows.get(0).cookie().getValue());
        assertEquals(TestFlowMods.outputTo(3), flows.get(0).instructions());
        assertEquals(0, flows.get(0).packets());
    }

    @Test
    public void addWithAnotherPriorityIsAnotherEntry() throws Exception {
        final var connected = fixture.connect(0xC2);
        connected.connection().sendAll(List.of(
            TestFlowMods.add(0, 10, MATCH, 1, TestFlowMods.outputTo(2)),
            TestFlowMods.add(0, 11, MATCH, 1, TestFlowMods.outputTo(2)),
            TestFlowMods.add(1, 10, MATCH, 1, TestFlowMods.outputTo(2))));
        await(connected.connection().barrier());

        assertEquals(3, connected.emulated().table().flows().size());
    }

    @Test
    public void modifyStrictChangesInstructionsAndKeepsCounters() throws Exception {
        final var connected = fixture.connect(0xC3);
        final var connection = connected.connection();
        connection.send(TestFlowMods.add(0, 10, MATCH, 1, TestFlowMods.outputTo(2)));
        await(connection.barrier());
        connected.emulated().table().hit(TableId.of(0), 10, MATCH, 7, 700);

        connection.sendAll(List.of(
            TestFlowMods.modifyStrict(0, 10, MATCH, TestFlowMods.outputTo(4)),
            TestFlowMods.modifyStrict(0, 99, MATCH, TestFlowMods.outputTo(5))));
        await(connection.barrier());

        final var flows = connected.emulated().table().flows();
        assertEquals("MODIFY_STRICT of a missing entry adds nothing", 1, flows.size());
        assertEquals(TestFlowMods.outputTo(4), flows.get(0).instructions());
        assertEquals(7, flows.get(0).packets());
        assertEquals(700, flows.get(0).bytes());
    }

    @Test
    public void deleteStrictRemovesOnlyTheExactEntry() throws Exception {
        final var connected = fixture.connect(0xC4);
        final var connection = connected.connection();
        connection.sendAll(List.of(
            TestFlowMods.add(0, 10, MATCH, 1, TestFlowMods.outputTo(2)),
            TestFlowMods.add(0, 11, MATCH, 1, TestFlowMods.outputTo(2)),
            TestFlowMods.deleteStrict(0, 10, MATCH)));
        await(connection.barrier());

        final var flows = connected.emulated().table().flows();
        assertEquals(1, flows.size());
        assertEquals(11, flows.get(0).priority());
    }

    @Test
    public void deleteWithCookieMaskRemovesOnlyThatCookie() throws Exception {
        final var connected = fixture.connect(0xC5);
        final var connection = connected.connection();
        connection.sendAll(List.of(
            TestFlowMods.add(0, 10, TestFlowMods.inPort(1), 0xAA00_0001L, TestFlowMods.outputTo(2)),
            TestFlowMods.add(1, 10, TestFlowMods.inPort(2), 0xAA00_0002L, TestFlowMods.outputTo(2)),
            TestFlowMods.add(0, 10, TestFlowMods.inPort(3), 0xBB00_0001L, TestFlowMods.outputTo(2)),
            TestFlowMods.deleteByCookie(0xAA00_0000L, 0xFF00_0000L)));
        await(connection.barrier());

        final var flows = connected.emulated().table().flows();
        assertEquals(1, flows.size());
        assertEquals(0xBB00_0001L, flows.get(0).cookie().getValue());
    }

    @Test
    public void flowModsAreCountedByCommand() throws Exception {
        final var connected = fixture.connect(0xC6);
        connected.connection().sendAll(List.of(
            TestFlowMods.add(0, 10, MATCH, 1, TestFlowMods.outputTo(2)),
            TestFlowMods.add(0, 11, MATCH, 1, TestFlowMods.outputTo(2)),
            TestFlowMods.modifyStrict(0, 10, MATCH, TestFlowMods.outputTo(3)),
            TestFlowMods.deleteStrict(0, 11, MATCH),
            TestFlowMods.deleteByCookie(0, 0)));
        await(connected.connection().barrier());

        final var emulated = connected.emulated();
        assertEquals(2, emulated.flowMods(OFFlowModCommand.ADD));
        assertEquals(1, emulated.flowMods(OFFlowModCommand.MODIFY_STRICT));
        assertEquals(1, emulated.flowMods(OFFlowModCommand.DELETE_STRICT));
        assertEquals(1, emulated.flowMods(OFFlowModCommand.DELETE));
        assertEquals(0, emulated.flowMods(OFFlowModCommand.MODIFY));
        assertEquals("DELETE with mask 0 removes everything", 0, emulated.table().flows().size());
    }
}
