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

import java.util.HexFormat;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Bad bytes from one switch close that switch's connection only.
 */
@RunWith(Parameterized.class)
public class MalformedMessageTest {
    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture();

    private final String bytes;
    private final String expectedReason;

    public MalformedMessageTest(final String name, final String bytes, final String expectedReason) {
        this.bytes = bytes;
        this.expectedReason = expectedReason;
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return List.of(
            new Object[] {"header length 4", "0400000400000001", "header length 4 is shorter than the 8-byte"},
            new Object[] {"version 0", "0000000800000001", "unknown OpenFlow version 0x00"},
            new Object[] {"version 7", "0700000800000001", "unknown OpenFlow version 0x07"},
            new Object[] {"OpenFlow 1.0 after negotiating 1.3", "0100000800000001",
                "an OpenFlow OF_10 HELLO message on an OpenFlow 1.3 connection"},
            new Object[] {"unknown message type", "04ee000800000001", "undecodable message (version 4, type 238"},
            new Object[] {"truncated FEATURES_REPLY", "040600100000000101020304050607ff",
                "undecodable message (version 4, type 6, length 16)"},
            new Object[] {"garbage FLOW_REMOVED body", "040b0018000000010000000000000000ffffffffffffffff",
                "undecodable message (version 4, type 11"});
    }

    @Test
    public void closesOnlyTheOffendingConnection() throws Exception {
        final var bad = fixture.connect(0xBAD);
        final var good = fixture.connect(0x600D);

        bad.emulated().sendRaw(HexFormat.of().parseHex(bytes));

        final var reason = fixture.listener().awaitDisconnected(bad.datapathId());
        assertTrue(reason, reason.startsWith("malformed message: ") || reason.startsWith("protocol violation: "));
        assertTrue(reason, reason.contains(expectedReason));
        await(bad.emulated().disconnected());
        await(bad.connection().closeFuture());

        await(good.connection().barrier());
        assertFalse(good.connection().closeFuture().isDone());
        assertEquals(List.of(good.datapathId()), List.copyOf(fixture.registry().connections().keySet()));
    }
}
