/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import org.nvo3.nva.api.IpAddress;

/**
 * The fixed IPv6 header (RFC 8200), as far as this codec needs it. Traffic class and flow label are
 * read past and written as zero.
 *
 * @param payloadLength the length of what follows the header, 0..0xffff
 * @param nextHeader the next header's protocol number
 * @param hopLimit the hop limit
 * @param source the source address
 * @param destination the destination address
 */
record Ipv6Header(int payloadLength, int nextHeader, int hopLimit, IpAddress source, IpAddress destination) {
    static final int LENGTH = 40;
    static final int ICMPV6 = 58;
    private static final int VERSION = 6;

    Ipv6Header {
        requireNonNull(source);
        requireNonNull(destination);
    }

    /**
     * Reads the header and leaves the buffer at the payload.
     *
     * @param packet the Ethernet payload
     * @return the header
     * @throws MalformedPacketException if the packet is short, not version 6, or shorter than its payload length
     */
    static Ipv6Header read(final ByteBuffer packet) throws MalformedPacketException {
        final int length = packet.remaining();
        if (length < LENGTH) {
            throw new MalformedPacketException("IPv6 packet of " + length + " bytes is shorter than its " + LENGTH
                + "-byte header");
        }
        final int version = (packet.getInt() >>> 28) & 0xF;
        if (version != VERSION) {
            throw new MalformedPacketException("IPv6 packet (ethertype 0x86dd) has IP version " + version);
        }
        final int payloadLength = packet.getShort() & 0xFFFF;
        final int nextHeader = packet.get() & 0xFF;
        final int hopLimit = packet.get() & 0xFF;
        final var source = WireAddresses.readIp(packet, WireAddresses.IPV6_LENGTH);
        final var destination = WireAddresses.readIp(packet, WireAddresses.IPV6_LENGTH);
        if (payloadLength > length - LENGTH) {
            throw new MalformedPacketException("IPv6 payload length " + payloadLength + " exceeds the "
                + (length - LENGTH) + " bytes after the header");
        }
        return new Ipv6Header(payloadLength, nextHeader, hopLimit, source, destination);
    }

    /**
     * Returns the payload, without any Ethernet padding after it.
     *
     * @param packet the buffer {@link #read} left at the payload
     * @return the payload
     */
    ByteBuffer payload(final ByteBuffer packet) {
        return packet.slice(packet.position(), payloadLength);
    }

    void write(final ByteBuffer packet) {
        packet.putInt(VERSION << 28).putShort((short) payloadLength).put((byte) nextHeader).put((byte) hopLimit);
        WireAddresses.writeIp(packet, source);
        WireAddresses.writeIp(packet, destination);
    }
}
