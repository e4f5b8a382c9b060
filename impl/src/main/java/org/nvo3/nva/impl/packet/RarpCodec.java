/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.nio.ByteBuffer;

/**
 * Decodes and encodes Ethernet/IPv4 RARP packets.
 */
public final class RarpCodec {
    private RarpCodec() {
        // no instances
    }

    /**
     * Encodes a packet as a frame, without padding to the 60-byte Ethernet minimum (the switch pads).
     *
     * @param packet the packet
     * @return the frame
     */
    public static byte[] encode(final RarpPacket packet) {
        return packet.body().frame(packet.eth());
    }

    static RarpPacket decode(final EthernetHeader eth, final ByteBuffer payload) throws MalformedPacketException {
        final var body = ArpBody.read("RARP", payload);
        return MalformedPacketException.ifValid(() -> new RarpPacket(eth, body.operation(), body.senderMac(),
            body.senderIp(), body.targetMac(), body.targetIp()));
    }
}
