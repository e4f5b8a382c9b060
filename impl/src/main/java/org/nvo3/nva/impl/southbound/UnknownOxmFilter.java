/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Set;

/**
 * Removes from the match of an OpenFlow 1.3 packet-in or flow-removed the OXM fields that OpenFlowJ-Loxi
 * 3.2.1 cannot decode, so that the message can be read at all. Open vSwitch puts the tunnel metadata of a
 * packet that came over a tunnel into the packet-in's match; over an IPv6 underlay that includes
 * {@code NXM_NX_TUN_IPV6_SRC} (NXM_1 field 109), which Loxi has no OXM for: its reader throws and the
 * whole connection is closed. NVA never reads the tunnel source (docs/pipeline.md), so dropping that field
 * from an incoming match loses nothing it uses. Any other message, or a match without such a field, is
 * returned as it is.
 */
final class UnknownOxmFilter {
    private static final int OF_13 = 4;
    private static final int PACKET_IN = 10;
    private static final int FLOW_REMOVED = 11;
    private static final int PACKET_IN_MATCH_OFFSET = 24;
    private static final int FLOW_REMOVED_MATCH_OFFSET = 48;
    private static final int MATCH_TYPE_OXM = 1;
    private static final int MATCH_HEADER = 4;
    private static final int OXM_HEADER = 4;
    private static final int NXM_1 = 0x0001;
    private static final int NXM_NX_TUN_IPV6_SRC = 109;
    /** (class << 7 | field) of the OXMs Loxi cannot decode. */
    private static final Set<Integer> UNDECODABLE = Set.of(NXM_1 << 7 | NXM_NX_TUN_IPV6_SRC);

    private UnknownOxmFilter() {
        // no instances
    }

    /**
     * The message without the undecodable OXMs of its match.
     *
     * @param frame one whole OpenFlow message (header included); not modified
     * @return frame itself when nothing is removed, else a new buffer with the match and the header's
     *     length rewritten
     */
    static ByteBuf withoutUndecodableOxms(final ByteBuf frame) {
        final int start = frame.readerIndex();
        final int length = frame.readableBytes();
        if (length < OpenFlowFrameDecoder.HEADER_LENGTH || frame.getUnsignedByte(start) != OF_13) {
            return frame;
        }
        final int matchOffset = switch (frame.getUnsignedByte(start + 1)) {
            case PACKET_IN -> PACKET_IN_MATCH_OFFSET;
            case FLOW_REMOVED -> FLOW_REMOVED_MATCH_OFFSET;
            default -> -1;
        };
        if (matchOffset < 0 || length < matchOffset + MATCH_HEADER
            || frame.getUnsignedShort(start + matchOffset) != MATCH_TYPE_OXM) {
            return frame;
        }
        final int match = start + matchOffset;
        final int matchLength = frame.getUnsignedShort(match + 2);
        final int paddedMatchLength = padded(matchLength);
        if (matchLength < MATCH_HEADER || matchOffset + paddedMatchLength > length) {
            // let Loxi report the malformed match
            return frame;
        }
        final ByteBuf kept = Unpooled.buffer(matchLength);
        int at = match + MATCH_HEADER;
        final int end = match + matchLength;
        boolean removed = false;
        while (at + OXM_HEADER <= end) {
            final long header = frame.getUnsignedInt(at);
            final int oxmLength = OXM_HEADER + (int) (header & 0xff);
            if (at + oxmLength > end) {
                return frame;
            }
            if (UNDECODABLE.contains((int) (header >>> 9))) {
                removed = true;
            } else {
                kept.writeBytes(frame, at, oxmLength);
            }
            at += oxmLength;
        }
        if (!removed) {
            return frame;
        }
        final int newMatchLength = MATCH_HEADER + kept.readableBytes();
        final int tail = length - matchOffset - paddedMatchLength;
        final int newLength = matchOffset + padded(newMatchLength) + tail;
        final ByteBuf out = Unpooled.buffer(newLength);
        out.writeBytes(frame, start, matchOffset);
        out.setShort(2, newLength);
        out.writeShort(MATCH_TYPE_OXM).writeShort(newMatchLength).writeBytes(kept);
        out.writeZero(padded(newMatchLength) - newMatchLength);
        out.writeBytes(frame, match + paddedMatchLength, tail);
        return out;
    }

    private static int padded(final int matchLength) {
        return (matchLength + 7) / 8 * 8;
    }
}
