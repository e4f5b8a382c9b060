/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.nvo3.nva.impl.southbound.RecordingListener.Event;

public class SwitchRegistryTest {
    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture();

    @Test
    public void secondConnectionOfTheSameDatapathReplacesTheFirst() throws Exception {
        final var first = fixture.connect(7);
        final var second = fixture.connect(7);

        await(first.emulated().disconnected());
        await(first.connection().closeFuture());
        final var reason = fixture.listener().awaitDisconnected(first.datapathId());
        assertTrue(reason, reason.startsWith("replaced by a newer connection of the same datapath id"));
        assertSame(second.connection(), fixture.registry().connection(second.datapathId()).orElseThrow());
        assertEquals(1, fixture.registry().connections().size());

        final var events = fixture.listener().events();
        assertEquals(List.of("ready", "disconnected", "ready"), events.stream().map(Event::kind).toList());
        assertSame(first.connection(), events.get(0).connection());
        assertSame(first.connection(), events.get(1).connection());
        assertSame(second.connection(), events.get(2).connection());
        await(second.connection().barrier());
    }

    @Test
    public void switchThatReconnectsGetsANewConnection() throws Exception {
        final var before = fixture.connect(8);
        before.emulated().disconnect();
        assertEquals("the switch closed the connection", fixture.listener().awaitDisconnected(before.datapathId()));
        assertTrue(fixture.registry().connection(before.datapathId()).isEmpty());

        before.emulated().connect();
        final var after = fixture.listener().awaitReady(before.datapathId());

        assertNotSame(before.connection(), after);
        assertSame(after, fixture.registry().connection(before.datapathId()).orElseThrow());
        await(after.barrier());
    }

    @Test
    public void disconnectByTheControllerIsReportedWithItsReason() throws Exception {
        final var connected = fixture.connect(9);

        connected.connection().disconnect("operator request");

        assertEquals("operator request", fixture.listener().awaitDisconnected(connected.datapathId()));
        await(connected.emulated().disconnected());
    }
}
