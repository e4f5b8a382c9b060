/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.ArrayList;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.Ports;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Translates NVA's {@link PacketOut} to an OpenFlow 1.3 PACKET_OUT carrying the whole packet
 * (buffer NO_BUFFER); {@code toPipeline} becomes a last output to OFPP_TABLE.
 */
final class PacketOutTranslator {
    /** The max_len of an output to OFPP_TABLE, where it means nothing. */
    private static final int NO_MAX_LENGTH = 0;

    private PacketOutTranslator() {
        // no instances
    }

    static OFPacketOut toLoxi(final PacketOut packet, final long xid, final OFFactory factory) {
        final var actions = new ArrayList<OFAction>(ActionTranslator.toLoxi(packet.actions(), factory));
        if (packet.toPipeline()) {
            actions.add(factory.actions().output(OFPort.TABLE, NO_MAX_LENGTH));
        }
        return factory.buildPacketOut()
            .setXid(xid)
            .setBufferId(OFBufferId.NO_BUFFER)
            .setInPort(packet.inPort() == Ports.CONTROLLER ? OFPort.CONTROLLER : OFPort.of((int) packet.inPort()))
            .setActions(actions)
            .setData(packet.frame().bytes())
            .build();
    }
}
