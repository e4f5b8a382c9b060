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
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import java.time.Clock;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;

public class SwitchKeepAliveTest {
    private static final ConnectionTimeouts SHORT = new ConnectionTimeouts(Duration.ofMillis(100),
        Duration.ofMillis(600), Duration.ofSeconds(5));

    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture(SHORT, Clock.systemUTC());

    @Test
    public void silentSwitchIsClosedAfterTheDeadPeerTimeoutWhileALiveOneStays() throws Exception {
        final var live = fixture.connect(0xD1);
        final long start = System.nanoTime();
        final var dead = fixture.connect(0xD2);

        dead.emulated().stopAnswering();

        final var reason = fixture.listener().awaitDisconnected(dead.datapathId());
        final var elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(reason, reason.contains("presumed dead"));
        assertTrue("closed after " + elapsed, elapsed.compareTo(SHORT.deadPeerTimeout()) >= 0);
        await(dead.emulated().disconnected());
        assertTrue("echo was tried first", dead.emulated().echoRequests() >= 1);

        assertTrue("the live switch was probed too", live.emulated().echoRequests() >= 1);
        await(live.connection().barrier());
        assertFalse(live.connection().closeFuture().isDone());
        assertEquals(1, fixture.registry().connections().size());
    }

    @Test
    public void handshakeMustCompleteInTime() throws Exception {
        final var slowHandshake = new SouthboundFixture(new ConnectionTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofMillis(300)), Clock.systemUTC());
        slowHandshake.before();
        try {
            final var emulated = slowHandshake.emulated(0xD3).build();
            emulated.stopAnswering();
            slowHandshake.track(emulated).connect();

            await(emulated.disconnected());

            assertTrue(emulated.received().stream().anyMatch(OFFeaturesRequest.class::isInstance));
            assertTrue("never ready, so never reported", slowHandshake.listener().events().isEmpty());
        } finally {
            slowHandshake.after();
        }
    }
}
