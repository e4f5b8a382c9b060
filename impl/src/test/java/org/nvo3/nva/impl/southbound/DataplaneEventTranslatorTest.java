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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.nvo3.nva.impl.dataplane.PortChangeKind;
import org.nvo3.nva.impl.dataplane.Ports;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.dataplane.TestFrames;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.ver13.OFFactoryVer13;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class DataplaneEventTranslatorTest {
    private static final OFFactory FACTORY = new OFFactoryVer13();
    private static final DatapathId DPID = new DatapathId(0xA001);
    private static final NveId NVE = new NveId("n1");

    @Test
    public void packetInReadsInPortFromTheMatchTableCookieAndReason() {
        final byte[] arp = TestFrames.arpRequest();
        final var record = DataplaneEventTranslator.packetIn(packetIn(OFPacketInReason.NO_MATCH, 10,
            0x8000_0000_0000_00ABL, OFPort.of(7), arp), DPID, NVE);
        assertEquals(DPID, record.datapathId());
        assertEquals(NVE, record.nve());
        assertEquals(10, record.tableId());
        assertEquals(7, record.inPort());
        assertEquals(0x8000_0000_0000_00ABL, record.cookie());
        assertEquals(PuntReason.TABLE_MISS, record.reason());
        assertArrayEquals(arp, record.frame().bytes());
        assertEquals(PacketKind.ARP, record.kind());
        assertNull("no tun_id in the match", record.tunnelId());
    }

    @Test
    public void packetInReadsTheTunnelIdFromTheMatch() {
        final byte[] frame = TestFrames.arpRequest();
        final var message = FACTORY.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER)
            .setTotalLen(frame.length).setReason(OFPacketInReason.NO_MATCH).setTableId(TableId.of(30))
            .setCookie(U64.of(1)).setMatch(FACTORY.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(7))
                .setExact(MatchField.TUNNEL_ID, U64.of(5001)).build()).setData(frame).build();
        final var record = DataplaneEventTranslator.packetIn(message, DPID, NVE);
        assertEquals(Long.valueOf(5001), record.tunnelId());
        assertEquals(30, record.tableId());
    }

    @Test
    public void packetInReasonsAndSpecialPorts() {
        final byte[] frame = TestFrames.ipv4();
        assertEquals(PuntReason.ACTION, DataplaneEventTranslator.packetIn(packetIn(OFPacketInReason.ACTION, 0, 0,
            OFPort.of(1), frame), DPID, null).reason());
        final var other = DataplaneEventTranslator.packetIn(packetIn(OFPacketInReason.INVALID_TTL, 254, -1,
            OFPort.LOCAL, frame), DPID, null);
        assertEquals(PuntReason.OTHER, other.reason());
        assertEquals(Ports.LOCAL, other.inPort());
        assertEquals(254, other.tableId());
        assertEquals(-1, other.cookie());
        assertNull(other.nve());
        assertEquals("an unsigned port number above 2^31", 0xFFFF_FF00L, DataplaneEventTranslator.packetIn(
            packetIn(OFPacketInReason.ACTION, 0, 0, OFPort.of(0xFFFF_FF00), frame), DPID, null).inPort());
    }

    @Test
    public void packetInWithoutInPortIsRefused() {
        final var noInPort = FACTORY.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER)
            .setTotalLen(14).setReason(OFPacketInReason.NO_MATCH).setTableId(TableId.of(0)).setCookie(U64.ZERO)
            .setMatch(FACTORY.matchWildcardAll()).setData(new byte[14]).build();
        final var e = assertThrows(IllegalArgumentException.class,
            () -> DataplaneEventTranslator.packetIn(noInPort, DPID, NVE));
        assertTrue(e.getMessage(), e.getMessage().contains("in_port"));
    }

    @Test
    public void flowRemovedBecomesAFlowExpiry() {
        final var message = FACTORY.buildFlowRemoved().setXid(0).setCookie(U64.of(0xFEEDL)).setPriority(40000)
            .setReason(OFFlowRemovedReason.HARD_TIMEOUT).setTableId(TableId.of(20)).setDurationSec(30)
            .setDurationNsec(5_000_000).setIdleTimeout(0).setHardTimeout(30).setPacketCount(U64.of(17))
            .setByteCount(U64.of(1700)).setMatch(FACTORY.matchWildcardAll()).build();
        final var expiry = DataplaneEventTranslator.flowExpiry(message, DPID, NVE);
        assertEquals(20, expiry.tableId());
        assertEquals(40000, expiry.priority());
        assertEquals(0xFEEDL, expiry.cookie());
        assertEquals(ExpiryReason.HARD_TIMEOUT, expiry.reason());
        assertEquals(17, expiry.packetCount());
        assertEquals(1700, expiry.byteCount());
        assertEquals(Duration.ofSeconds(30, 5_000_000), expiry.duration());
        assertEquals(NVE, expiry.nve());
    }

    @Test
    public void everyFlowRemovedReasonMaps() {
        for (var reason : OFFlowRemovedReason.values()) {
            final var message = FACTORY.buildFlowRemoved().setXid(0).setCookie(U64.ZERO).setPriority(0)
                .setReason(reason).setTableId(TableId.of(0)).setDurationSec(0).setDurationNsec(0)
                .setIdleTimeout(0).setHardTimeout(0).setPacketCount(U64.ZERO).setByteCount(U64.ZERO)
                .setMatch(FACTORY.matchWildcardAll()).build();
            final var expected = reason == OFFlowRemovedReason.EVICTION ? ExpiryReason.OTHER
                : ExpiryReason.valueOf(reason.name());
            assertEquals(reason.name(), expected, DataplaneEventTranslator.flowExpiry(message, DPID, null).reason());
        }
    }

    @Test
    public void portStatusBecomesAPortChange() {
        final var added = DataplaneEventTranslator.portChange(portStatus(OFPortReason.ADD, 5, Set.of(OFPortState.LIVE),
            Set.of()), DPID, NVE);
        assertEquals(PortChangeKind.ADDED, added.kind());
        assertEquals(5, added.portNumber());
        assertEquals("vm5", added.portName());
        assertTrue(added.linkUp());
        assertEquals(NVE, added.nve());

        final var linkDown = DataplaneEventTranslator.portChange(portStatus(OFPortReason.MODIFY, 5,
            Set.of(OFPortState.LINK_DOWN), Set.of()), DPID, NVE);
        assertEquals(PortChangeKind.MODIFIED, linkDown.kind());
        assertFalse(linkDown.linkUp());
        assertFalse("administratively down", DataplaneEventTranslator.portChange(portStatus(OFPortReason.MODIFY, 5,
            Set.of(), Set.of(OFPortConfig.PORT_DOWN)), DPID, NVE).linkUp());
        assertEquals(PortChangeKind.DELETED, DataplaneEventTranslator.portChange(portStatus(OFPortReason.DELETE, 5,
            Set.of(OFPortState.LINK_DOWN), Set.of()), DPID, NVE).kind());
    }

    private static OFPacketIn packetIn(final OFPacketInReason reason, final int table, final long cookie,
            final OFPort inPort, final byte[] frame) {
        return FACTORY.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
            .setReason(reason).setTableId(TableId.of(table)).setCookie(U64.of(cookie))
            .setMatch(FACTORY.buildMatch().setExact(MatchField.IN_PORT, inPort).build()).setData(frame).build();
    }

    private static OFPortStatus portStatus(final OFPortReason reason, final int port, final Set<OFPortState> state,
            final Set<OFPortConfig> config) {
        return FACTORY.buildPortStatus().setXid(0).setReason(reason).setDesc(FACTORY.buildPortDesc()
            .setPortNo(OFPort.of(port)).setName("vm" + port).setHwAddr(MacAddress.of("02:00:00:00:00:05"))
            .setState(state).setConfig(config).build()).build();
    }
}
