/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.junit.Rule;
import org.junit.Test;

public class OpenFlowServerTest {
    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture();

    @Test
    public void defaultsListenOnTheOpenFlowPortOfEveryAddress() {
        assertEquals(new InetSocketAddress(6653), OpenFlowServerSettings.DEFAULT.bindAddress());
        assertEquals(null, OpenFlowServerSettings.DEFAULT.tls());
    }

    @Test
    public void portZeroBindsAFreePort() {
        assertNotEquals(0, fixture.address().getPort());
    }

    @Test
    public void startsOnlyOnce() {
        assertThrows(IllegalStateException.class, () -> fixture.server().start());
    }

    @Test
    public void busyPortIsReported() throws Exception {
        try (var second = new OpenFlowServer(OpenFlowServerSettings.plain(fixture.address(),
                ConnectionTimeouts.DEFAULT), fixture.registry(), Clock.systemUTC())) {
            assertThrows(IOException.class, second::start);
        }
    }

    @Test
    public void closeDisconnectsEverySwitch() throws Exception {
        final var first = fixture.connect(0xE1);
        final var second = fixture.connect(0xE2);

        fixture.server().close();

        assertEquals("the OpenFlow server is stopping", fixture.listener().awaitDisconnected(first.datapathId()));
        assertEquals("the OpenFlow server is stopping", fixture.listener().awaitDisconnected(second.datapathId()));
        await(first.emulated().disconnected());
        await(second.emulated().disconnected());
        fixture.server().close();
    }
}
