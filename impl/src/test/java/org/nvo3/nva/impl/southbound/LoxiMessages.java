/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;

import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.ver13.OFFactoryVer13;
import org.projectfloodlight.openflow.types.U64;

/**
 * Test helpers: what a switch would report for a flow-mod it accepted, and a wire round trip.
 */
final class LoxiMessages {
    private LoxiMessages() {
        // no instances
    }

    /**
     * Builds the flow-stats entry a switch reports for a flow installed by this flow-mod.
     */
    static OFFlowStatsEntry statsOf(final OFFlowMod flowMod) {
        return OFFactoryVer13.INSTANCE.buildFlowStatsEntry()
            .setTableId(flowMod.getTableId())
            .setPriority(flowMod.getPriority())
            .setCookie(flowMod.getCookie())
            .setMatch(flowMod.getMatch())
            .setInstructions(flowMod.getInstructions())
            .setFlags(flowMod.getFlags())
            .setIdleTimeout(flowMod.getIdleTimeout())
            .setHardTimeout(flowMod.getHardTimeout())
            .setDurationSec(12)
            .setDurationNsec(345)
            .setPacketCount(U64.of(3))
            .setByteCount(U64.of(294))
            .build();
    }

    /**
     * Writes a message as a switch would receive it and parses it back.
     */
    static OFMessage wireRoundTrip(final OFMessage message) throws OFParseError {
        final var buffer = Unpooled.buffer();
        try {
            message.writeTo(buffer);
            final var parsed = OFFactoryVer13.INSTANCE.getReader().readFrom(buffer);
            assertEquals("the whole message was read", 0, buffer.readableBytes());
            return parsed;
        } finally {
            buffer.release();
        }
    }
}
