/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * The kinds of punted packet NVA answers, told apart by their first bytes only (no body is parsed here).
 *
 * <p>One 802.1Q tag (TPID 0x8100) is skipped: a tagged ARP is {@link #ARP}. Any other tag (QinQ
 * 0x88a8, a second 0x8100) makes the packet {@link #OTHER}. An IPv6 packet is {@link #IPV6_ND} only
 * when ICMPv6 directly follows the fixed header (next header 58; neighbour discovery carries no
 * extension headers) and its type is 133..137 (router solicitation/advertisement, neighbour
 * solicitation/advertisement, redirect). A frame too short to hold those bytes is {@link #OTHER}.
 */
public enum PacketKind {
    /** Ethertype 0x0806. */
    ARP,
    /** Ethertype 0x8035: reverse ARP, what a hypervisor announces a migrated VM with. */
    RARP,
    /** IPv6 neighbour discovery (ICMPv6 133..137). */
    IPV6_ND,
    /** Anything else. */
    OTHER;

    private static final int ETHERTYPE_OFFSET = 12;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_RARP = 0x8035;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    /** Offset of next header within the IPv6 fixed header. */
    private static final int IPV6_NEXT_HEADER = 6;
    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int NEXT_HEADER_ICMPV6 = 58;
    private static final int ND_FIRST_TYPE = 133;
    private static final int ND_LAST_TYPE = 137;

    /**
     * Classifies a frame.
     *
     * @param frame the frame
     * @return its kind
     */
    public static PacketKind classify(final Frame frame) {
        int typeOffset = ETHERTYPE_OFFSET;
        int ethertype = uint16(frame, typeOffset);
        if (ethertype == ETHERTYPE_VLAN) {
            typeOffset += VLAN_TAG_LENGTH;
            ethertype = uint16(frame, typeOffset);
        }
        return switch (ethertype) {
            case ETHERTYPE_ARP -> ARP;
            case ETHERTYPE_RARP -> RARP;
            case ETHERTYPE_IPV6 -> isNeighbourDiscovery(frame, typeOffset + 2) ? IPV6_ND : OTHER;
            default -> OTHER;
        };
    }

    private static boolean isNeighbourDiscovery(final Frame frame, final int ipv6Offset) {
        final int icmpTypeOffset = ipv6Offset + IPV6_HEADER_LENGTH;
        if (frame.length() <= icmpTypeOffset || frame.byteAt(ipv6Offset + IPV6_NEXT_HEADER) != NEXT_HEADER_ICMPV6) {
            return false;
        }
        final int type = frame.byteAt(icmpTypeOffset);
        return type >= ND_FIRST_TYPE && type <= ND_LAST_TYPE;
    }

    /** Reads a big-endian 16-bit value, or -1 when the frame ends before it. */
    private static int uint16(final Frame frame, final int offset) {
        return frame.length() < offset + 2 ? -1 : frame.byteAt(offset) << 8 | frame.byteAt(offset + 1);
    }
}
