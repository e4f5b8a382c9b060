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
 * Recognises a punted Ethernet frame: the one entry point of the codec.
 */
public final class FrameParser {
    private FrameParser() {
        // no instances
    }

    /**
     * Parses a frame into the packet it carries. Bytes after the packet (Ethernet padding) are ignored;
     * the frame is not modified.
     *
     * @param frame the frame, from its destination MAC on, without FCS
     * @return an {@link ArpPacket}, {@link RarpPacket}, {@link NeighborSolicitation},
     *         {@link NeighborAdvertisement}, or {@link OtherPacket} for anything else
     * @throws MalformedPacketException if the frame or a recognised packet in it is truncated, has a wrong
     *         length or field, or a bad checksum
     */
    public static Packet parse(final byte[] frame) throws MalformedPacketException {
        final var buffer = ByteBuffer.wrap(frame).asReadOnlyBuffer();
        final var eth = EthernetHeader.read(buffer);
        return switch (eth.etherType()) {
            case EtherTypes.ARP -> ArpCodec.decode(eth, buffer);
            case EtherTypes.RARP -> RarpCodec.decode(eth, buffer);
            case EtherTypes.IPV4 -> {
                final var ip = Ipv4Header.read(buffer);
                yield new OtherPacket(eth, ip.source(), ip.destination());
            }
            case EtherTypes.IPV6 -> ipv6(eth, buffer);
            default -> new OtherPacket(eth, null, null);
        };
    }

    private static Packet ipv6(final EthernetHeader eth, final ByteBuffer buffer) throws MalformedPacketException {
        final var ip = Ipv6Header.read(buffer);
        final var payload = ip.payload(buffer);
        return NeighborDiscoveryCodec.isNeighborDiscovery(ip, payload) ? NeighborDiscoveryCodec.decode(eth, ip, payload)
            : new OtherPacket(eth, ip.source(), ip.destination());
    }
}
