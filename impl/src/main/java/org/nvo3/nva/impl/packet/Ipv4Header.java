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
 * The addresses of an IPv4 header (RFC 791), read after checking its lengths.
 *
 * @param source the source address
 * @param destination the destination address
 */
record Ipv4Header(IpAddress source, IpAddress destination) {
    private static final int MIN_LENGTH = 20;
    private static final int VERSION = 4;
    private static final int TOTAL_LENGTH_OFFSET = 2;
    private static final int SOURCE_OFFSET = 12;

    Ipv4Header {
        requireNonNull(source);
        requireNonNull(destination);
    }

    /**
     * Reads the header's addresses.
     *
     * @param packet the Ethernet payload
     * @return the addresses
     * @throws MalformedPacketException if the packet is short, not version 4, or its lengths do not fit
     */
    static Ipv4Header read(final ByteBuffer packet) throws MalformedPacketException {
        final int length = packet.remaining();
        if (length < MIN_LENGTH) {
            throw new MalformedPacketException("IPv4 packet of " + length + " bytes is shorter than " + MIN_LENGTH);
        }
        final int start = packet.position();
        final int versionAndLength = packet.get(start) & 0xFF;
        final int version = versionAndLength >>> 4;
        if (version != VERSION) {
            throw new MalformedPacketException("IPv4 packet (ethertype 0x0800) has IP version " + version);
        }
        final int headerLength = (versionAndLength & 0xF) * 4;
        if (headerLength < MIN_LENGTH) {
            throw new MalformedPacketException("IPv4 header length " + headerLength + " is shorter than "
                + MIN_LENGTH);
        }
        final int totalLength = packet.getShort(start + TOTAL_LENGTH_OFFSET) & 0xFFFF;
        if (totalLength < headerLength) {
            throw new MalformedPacketException("IPv4 total length " + totalLength + " is shorter than its "
                + headerLength + "-byte header");
        }
        if (totalLength > length) {
            throw new MalformedPacketException("IPv4 total length " + totalLength + " exceeds the " + length
                + " bytes of the packet");
        }
        packet.position(start + SOURCE_OFFSET);
        return new Ipv4Header(WireAddresses.readIp(packet, WireAddresses.IPV4_LENGTH),
            WireAddresses.readIp(packet, WireAddresses.IPV4_LENGTH));
    }
}
