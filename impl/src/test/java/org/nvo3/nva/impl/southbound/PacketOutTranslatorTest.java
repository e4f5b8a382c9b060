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

import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.TestFrames;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.ver13.OFFactoryVer13;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

public class PacketOutTranslatorTest {
    private static final OFFactory FACTORY = new OFFactoryVer13();
    private static final Frame ARP = Frame.of(TestFrames.arpRequest());

    @Test
    public void anAnswerOutOfOnePort() {
        final var message = PacketOutTranslator.toLoxi(PacketOut.toPort(3, ARP), 42, FACTORY);
        assertEquals(42, message.getXid());
        assertEquals(OFBufferId.NO_BUFFER, message.getBufferId());
        assertEquals(OFPort.CONTROLLER, message.getInPort());
        assertEquals(List.of(FACTORY.actions().output(OFPort.of(3), 0)), message.getActions());
        assertArrayEquals(ARP.bytes(), message.getData());
    }

    @Test
    public void aReinjectionKeepsTheInPortAndOutputsToTable() {
        final var message = PacketOutTranslator.toLoxi(new PacketOut(7, List.of(), true, ARP), 1, FACTORY);
        assertEquals(OFPort.of(7), message.getInPort());
        assertEquals(List.of(FACTORY.actions().output(OFPort.TABLE, 0)), message.getActions());
    }

    @Test
    public void setFieldsComeBeforeTheOutputs() {
        final var tunnelled = PacketOutTranslator.toLoxi(PacketOut.toTunnel(100, IpAddress.parse("192.0.2.2"),
            new Vni(5001), ARP), 1, FACTORY);
        assertEquals(List.of(FACTORY.actions().setField(FACTORY.oxms().tunnelId(U64.of(5001))),
            FACTORY.actions().setField(FACTORY.oxms().tunnelIpv4Dst(IPv4Address.of("192.0.2.2"))),
            FACTORY.actions().output(OFPort.of(100), 0)), tunnelled.getActions());

        final var both = PacketOutTranslator.toLoxi(new PacketOut(100, List.of(new SetTunnelId(7),
            new OutputInPort()), true, ARP), 1, FACTORY);
        assertEquals(List.of(FACTORY.actions().setField(FACTORY.oxms().tunnelId(U64.of(7))),
            FACTORY.actions().output(OFPort.IN_PORT, 0), FACTORY.actions().output(OFPort.TABLE, 0)),
            both.getActions());
    }
}
