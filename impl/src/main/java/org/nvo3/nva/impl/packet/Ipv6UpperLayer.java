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
 * Where an IPv6 packet's upper-layer header is, past its extension headers (RFC 8200 section 4): hop-by-hop
 * options, routing, fragment, destination options and authentication headers are skipped; any other next
 * header is the upper layer, including ESP and no-next-header, after which nothing is readable.
 *
 * @param protocol the upper-layer protocol number, e.g. 58 for ICMPv6
 * @param offset where the upper-layer header starts in the IPv6 payload
 * @param laterFragment whether the packet is a fragment other than the first: then the upper-layer header is
 *     in the first fragment and {@code offset} is where this fragment's data starts
 */
record Ipv6UpperLayer(int protocol, int offset, boolean laterFragment) {
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AUTHENTICATION = 51;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int FRAGMENT_HEADER_LENGTH = 8;
    private static final int FRAGMENT_OFFSET_MASK = 0xFFF8;

    /**
     * Walks the extension headers.
     *
     * @param ip the IPv6 header
     * @param payload the packet's payload, as {@link Ipv6Header#payload} returns it
     * @return the upper layer
     * @throws MalformedPacketException if an extension header runs past the payload
     */
    static Ipv6UpperLayer find(final Ipv6Header ip, final ByteBuffer payload) throws MalformedPacketException {
        final int start = payload.position();
        final int length = payload.remaining();
        int protocol = ip.nextHeader();
        int offset = 0;
        while (true) {
            final int headerLength;
            switch (protocol) {
                case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS -> {
                    need(protocol, offset, 2, length);
                    headerLength = ((payload.get(start + offset + 1) & 0xFF) + 1) * 8;
                }
                case AUTHENTICATION -> {
                    need(protocol, offset, 2, length);
                    headerLength = ((payload.get(start + offset + 1) & 0xFF) + 2) * 4;
                }
                case FRAGMENT -> {
                    headerLength = FRAGMENT_HEADER_LENGTH;
                    need(protocol, offset, headerLength, length);
                    if ((payload.getShort(start + offset + 2) & FRAGMENT_OFFSET_MASK) != 0) {
                        return new Ipv6UpperLayer(payload.get(start + offset) & 0xFF, offset + headerLength, true);
                    }
                }
                default -> {
                    return new Ipv6UpperLayer(protocol, offset, false);
                }
            }
            need(protocol, offset, headerLength, length);
            protocol = payload.get(start + offset) & 0xFF;
            offset += headerLength;
        }
    }

    private static void need(final int protocol, final int offset, final int headerLength, final int length)
            throws MalformedPacketException {
        if (offset + headerLength > length) {
            throw new MalformedPacketException("IPv6 extension header " + protocol + " at offset " + offset
                + " runs past the " + length + "-byte payload");
        }
    }
}
