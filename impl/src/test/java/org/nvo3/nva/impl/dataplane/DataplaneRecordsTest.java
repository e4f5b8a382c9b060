/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;

public class DataplaneRecordsTest {
    private static final DatapathId DPID = new DatapathId(1);
    private static final NveId NVE = new NveId("n1");
    private static final Frame ARP = Frame.of(TestFrames.arpRequest());

    @Test
    public void packetInChecksTableAndPort() {
        final var packetIn = new PacketIn(DPID, NVE, 0, 2, 0, PuntReason.TABLE_MISS, ARP);
        assertEquals(PacketKind.ARP, packetIn.kind());
        assertNull(new PacketIn(DPID, null, 254, Ports.LOCAL, -1, PuntReason.OTHER, ARP).nve());
        new PacketIn(DPID, null, 0, Ports.CONTROLLER, 0, PuntReason.OTHER, ARP);
        assertThrows(IllegalArgumentException.class, () -> new PacketIn(DPID, NVE, 255, 2, 0, PuntReason.ACTION, ARP));
        assertThrows(IllegalArgumentException.class, () -> new PacketIn(DPID, NVE, -1, 2, 0, PuntReason.ACTION, ARP));
        assertThrows(IllegalArgumentException.class, () -> new PacketIn(DPID, NVE, 0, 0, 0, PuntReason.ACTION, ARP));
        assertThrows(IllegalArgumentException.class, () -> new PacketIn(DPID, NVE, 0, 0xFFFF_FFFFL, 0,
            PuntReason.ACTION, ARP));
        assertThrows(NullPointerException.class, () -> new PacketIn(DPID, NVE, 0, 1, 0, PuntReason.ACTION, null));
        assertTrue(packetIn.toString(), packetIn.toString().contains("in_port 2"));
    }

    @Test
    public void flowExpiryChecksPriorityAndDuration() {
        final var expiry = new FlowExpiry(DPID, NVE, 20, 100, 0xABCL, ExpiryReason.HARD_TIMEOUT, -1, -1,
            Duration.ofSeconds(10));
        assertTrue(expiry.toString(), expiry.toString().contains("18446744073709551615 packets"));
        assertThrows(IllegalArgumentException.class, () -> new FlowExpiry(DPID, NVE, 20, 0x10000, 0,
            ExpiryReason.DELETE, 0, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new FlowExpiry(DPID, NVE, 20, 1, 0,
            ExpiryReason.DELETE, 0, 0, Duration.ofSeconds(-1)));
    }

    @Test
    public void portChangeChecksThePort() {
        assertEquals("vm1", new PortChange(DPID, NVE, PortChangeKind.ADDED, 7, "vm1", true).portName());
        assertThrows(IllegalArgumentException.class, () -> new PortChange(DPID, NVE, PortChangeKind.ADDED,
            Ports.CONTROLLER, "x", true));
    }

    @Test
    public void packetOutFactories() {
        final var answer = PacketOut.toPort(3, ARP);
        assertEquals(Ports.CONTROLLER, answer.inPort());
        assertEquals(List.of(new Output(3)), answer.actions());

        final var tunnelled = PacketOut.toTunnel(100, IpAddress.parse("192.0.2.2"), new Vni(5001), ARP);
        assertEquals(List.of(new SetTunnelId(5001), new SetTunnelDst(IpAddress.parse("192.0.2.2")), new Output(100)),
            tunnelled.actions());
    }

    @Test
    public void packetOutMustSendThePacketSomewhereSensible() {
        assertThrows("nowhere", IllegalArgumentException.class, () -> new PacketOut(Ports.CONTROLLER,
            List.of(new SetTunnelId(1)), false, ARP));
        assertThrows("to the controller", IllegalArgumentException.class, () -> new PacketOut(2,
            List.of(new OutputController(OutputController.WHOLE_PACKET)), false, ARP));
        assertThrows("IN_PORT from CONTROLLER", IllegalArgumentException.class, () -> new PacketOut(
            Ports.CONTROLLER, List.of(new OutputInPort()), false, ARP));
        assertEquals(List.of(new OutputInPort()), new PacketOut(2, List.of(new OutputInPort()), false, ARP)
            .actions());
        assertThrows("shorter than Ethernet", IllegalArgumentException.class, () -> PacketOut.toPort(1,
            Frame.of(new byte[13])));
        assertThrows("in_port 0", IllegalArgumentException.class, () -> new PacketOut(0, List.of(), true, ARP));
    }
}
