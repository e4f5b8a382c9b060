/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.impl.southbound.EmulatedFlowTable.Flow;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class SwitchHandshakeTest {
    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture();

    @Test
    public void handshakeReportsDatapathIdVersionAndPorts() throws Exception {
        final var connected = fixture.connect(0xA1);
        final var connection = connected.connection();

        assertEquals(new DatapathId(0xA1), connection.datapathId());
        assertEquals(4, connection.ofVersion());
        assertEquals(SouthboundFixture.PORTS, connection.ports());
        assertEquals("127.0.0.1", connection.remoteAddress().getAddress().getHostAddress());
        assertEquals("full packets on a table miss", 0xFFFF, (int) await(connected.emulated().missSendLen()));
        assertEquals(Optional.of(connection), fixture.registry().connection(new DatapathId(0xA1)));
        assertTrue(connection.toString(), connection.toString().contains("00000000000000a1"));
    }

    @Test
    public void portDescriptionInSeveralPartsIsCollected() throws Exception {
        final var connected = fixture.connect(fixture.emulated(0xA2).statsPartSize(1));

        assertEquals(SouthboundFixture.PORTS, connected.connection().ports());
    }

    @Test
    public void handshakeLeavesExistingFlowsAlone() throws Exception {
        final var emulated = fixture.emulated(0xA3).build();
        for (int i = 0; i < 3; i++) {
            emulated.table().preload(new Flow(TableId.of(0), 100 + i, TestFlowMods.inPort(i + 1), U64.of(i),
                TestFlowMods.outputTo(1), 0, 0, Set.of(), 5, 500, Instant.now()));
        }
        fixture.track(emulated).connect();
        final var connection = fixture.listener().awaitReady(emulated.datapathId());

        assertEquals(3, await(connection.flowStats()).size());
        assertEquals(0, emulated.flowModsTotal());
        assertTrue(emulated.received().stream().noneMatch(OFFlowMod.class::isInstance));
    }

    @Test
    public void switchWithoutOpenFlow13IsRefused() throws Exception {
        final var emulated = fixture.track(fixture.emulated(0xA4).helloVersion(OFVersion.OF_10).connect());

        await(emulated.disconnected());
        final var errors = emulated.errorsReceived();
        assertEquals(1, errors.size());
        final var helloFailed = (OFHelloFailedErrorMsg) errors.get(0);
        assertEquals(OFVersion.OF_10, helloFailed.getVersion());
        assertEquals(OFHelloFailedCode.INCOMPATIBLE, helloFailed.getCode());
        assertEquals(List.of(), fixture.listener().events());
        assertTrue(fixture.registry().connections().isEmpty());
    }

    @Test
    public void hundredSwitchesCompleteTheHandshake() throws Exception {
        final var switches = new ArrayList<EmulatedSwitch>();
        for (long dpid = 1; dpid <= 100; dpid++) {
            switches.add(fixture.track(fixture.emulated(dpid).connect()));
        }
        for (var emulated : switches) {
            final var connection = fixture.listener().awaitReady(emulated.datapathId());
            assertEquals(SouthboundFixture.PORTS, connection.ports());
        }
        assertEquals(100, fixture.registry().connections().size());
    }
}
