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
 * An IPv4 header (RFC 791), as far as this codec needs it, read after checking its lengths. Identification
 * and flags are read past and written as zero; options are read past (they count in {@code headerLength})
 * and never written. The header checksum is not checked on reading and is computed on writing.
 *
 * @param headerLength the header's length in octets, options included: 20..60
 * @param typeOfService the type of service octet (DSCP and ECN)
 * @param totalLength the length of header and payload, 0..0xffff
 * @param fragmentOffset where the payload belongs in the original datagram, in 8-octet units: 0 for an
 *     unfragmented datagram or a first fragment
 * @param ttl the time to live
 * @param protocol the payload's protocol number
 * @param source the source address
 * @param destination the destination address
 */
record Ipv4Header(int headerLength, int typeOfService, int totalLength, int fragmentOffset, int ttl, int protocol,
        IpAddress source, IpAddress destination) {
    /** The length of a header without options. */
    static final int MIN_LENGTH = 20;
    /** The protocol number of ICMP. */
    static final int ICMP = 1;

    private static final int VERSION = 4;
    private static final int TOTAL_LENGTH_OFFSET = 2;
    private static final int FRAGMENT_OFFSET = 6;
    private static final int FRAGMENT_OFFSET_MASK = 0x1FFF;
    private static final int TTL_OFFSET = 8;
    private static final int CHECKSUM_OFFSET = 10;
    private static final int SOURCE_OFFSET = 12;

    Ipv4Header {
        if (requireNonNull(source).isIpv6() || requireNonNull(destination).isIpv6()) {
            throw new IllegalArgumentException("an IPv4 header holds IPv4 addresses, not " + source + " and "
                + destination);
        }
    }

    /**
     * Reads the header and leaves the buffer at the payload.
     *
     * @param packet the Ethernet payload
     * @return the header
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
        final int typeOfService = packet.get(start + 1) & 0xFF;
        final int fragmentOffset = packet.getShort(start + FRAGMENT_OFFSET) & FRAGMENT_OFFSET_MASK;
        final int ttl = packet.get(start + TTL_OFFSET) & 0xFF;
        final int protocol = packet.get(start + TTL_OFFSET + 1) & 0xFF;
        packet.position(start + SOURCE_OFFSET);
        final var source = WireAddresses.readIp(packet, WireAddresses.IPV4_LENGTH);
        final var destination = WireAddresses.readIp(packet, WireAddresses.IPV4_LENGTH);
        packet.position(start + headerLength);
        return new Ipv4Header(headerLength, typeOfService, totalLength, fragmentOffset, ttl, protocol, source,
            destination);
    }

    /**
     * Writes the header, without options, with its checksum.
     *
     * @param packet a heap buffer positioned where the header goes
     * @throws IllegalStateException if this header has options ({@code headerLength} is not 20)
     */
    void write(final ByteBuffer packet) {
        if (headerLength != MIN_LENGTH) {
            throw new IllegalStateException("an IPv4 header of " + headerLength + " bytes has options, which are "
                + "not written");
        }
        final int start = packet.position();
        packet.put((byte) (VERSION << 4 | MIN_LENGTH / 4)).put((byte) typeOfService).putShort((short) totalLength)
            .putShort((short) 0).putShort((short) fragmentOffset).put((byte) ttl).put((byte) protocol)
            .putShort((short) 0);
        WireAddresses.writeIp(packet, source);
        WireAddresses.writeIp(packet, destination);
        packet.putShort(start + CHECKSUM_OFFSET,
            (short) InternetChecksum.of(packet.array(), packet.arrayOffset() + start, MIN_LENGTH));
    }
}
