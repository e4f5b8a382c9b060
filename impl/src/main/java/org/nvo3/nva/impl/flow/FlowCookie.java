/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpOp;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpSpa;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpTpa;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6NdTarget;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * A flow's OpenFlow cookie: the NVA marker in the top 8 bits, and below it 56 bits of MurmurHash3
 * (x64, 128-bit, seed 0) of the canonical encoding of the flow's {@link FlowKey}. The same key gives the
 * same cookie in every NVA run and on every host, so NVA recognises its flows on a switch it reconnects
 * to; actions and timeouts are not part of it, so a changed flow keeps its cookie and is modified in place.
 *
 * <p>The canonical encoding (big-endian): encoding version (4 bytes), table id (1), priority (2), number
 * of fields (2), then per field in {@link MatchField} order its OXM field number (2), value length (1) and
 * value as OXM carries it; a masked field (an IP destination prefix) as a masked OXM carries it, value then
 * mask, so its length is twice the field's. Every part has a fixed length or is preceded by one, so two keys
 * never encode alike, and an exact field encodes as it did before masked fields existed (its cookie stays).
 *
 * @param value the 64-bit cookie
 */
public record FlowCookie(long value) {
    /** The top 8 bits of every NVA cookie: ASCII 'N'. */
    public static final int MARKER = 0x4E;
    private static final int MARKER_SHIFT = 56;
    private static final long HASH_MASK = (1L << MARKER_SHIFT) - 1;
    private static final int ENCODING_VERSION = 1;
    /** Per field at most 2 + 1 + 2 * 16 bytes: a masked IPv6 address. */
    private static final int MAX_ENCODING = 9 + MatchField.values().length * 35;

    public static FlowCookie of(final FlowKey key) {
        return of(key.table(), key.priority(), key.match());
    }

    /**
     * Derives the cookie of a flow's key given as its parts, already checked (a {@link FlowEntry}'s).
     *
     * @param table the table
     * @param priority the priority
     * @param match the match
     * @return the cookie {@link #of(FlowKey)} gives for that key
     */
    static FlowCookie of(final PipelineTable table, final int priority, final FlowMatch match) {
        final long hash = Hashing.murmur3_128().hashBytes(canonicalEncoding(table, priority, match)).asLong();
        return new FlowCookie((long) MARKER << MARKER_SHIFT | hash & HASH_MASK);
    }

    /**
     * Tells whether this cookie carries NVA's marker (a flow NVA installed, or one posing as such).
     *
     * @return true when the top 8 bits are {@link #MARKER}
     */
    public boolean hasNvaMarker() {
        return value >>> MARKER_SHIFT == MARKER;
    }

    static byte[] canonicalEncoding(final FlowKey key) {
        return canonicalEncoding(key.table(), key.priority(), key.match());
    }

    private static byte[] canonicalEncoding(final PipelineTable table, final int priority, final FlowMatch match) {
        final var buffer = ByteBuffer.allocate(MAX_ENCODING);
        buffer.putInt(ENCODING_VERSION);
        buffer.put((byte) table.id());
        buffer.putShort((short) priority);
        buffer.putShort((short) match.fields().size());
        for (var field : match.fields()) {
            final int length = field.isMasked() ? 2 * field.field().length() : field.field().length();
            buffer.putShort((short) field.field().oxmField());
            buffer.put((byte) length);
            final int start = buffer.position();
            putValue(buffer, field);
            if (buffer.position() - start != length) {
                throw new IllegalStateException(field.field() + " encoded to " + (buffer.position() - start)
                    + " bytes, not " + length);
            }
        }
        final var encoding = new byte[buffer.position()];
        buffer.flip().get(encoding);
        return encoding;
    }

    private static void putValue(final ByteBuffer buffer, final FlowMatchField field) {
        switch (field) {
            case InPort inPort -> buffer.putInt((int) inPort.port());
            case EthDst ethDst -> putMac(buffer, ethDst.mac());
            case EthSrc ethSrc -> putMac(buffer, ethSrc.mac());
            case EthType ethType -> buffer.putShort((short) ethType.value());
            case IpProto ipProto -> buffer.put((byte) ipProto.value());
            case Ipv4Dst ipv4Dst -> putAddress(buffer, ipv4Dst.address());
            case Ipv4DstPrefix ipv4DstPrefix -> putPrefix(buffer, ipv4DstPrefix.prefix());
            case ArpOp arpOp -> buffer.putShort((short) arpOp.value());
            case ArpSpa arpSpa -> putAddress(buffer, arpSpa.address());
            case ArpTpa arpTpa -> putAddress(buffer, arpTpa.address());
            case Ipv6Dst ipv6Dst -> putAddress(buffer, ipv6Dst.address());
            case Ipv6DstPrefix ipv6DstPrefix -> putPrefix(buffer, ipv6DstPrefix.prefix());
            case Icmpv6Type icmpv6Type -> buffer.put((byte) icmpv6Type.value());
            case Ipv6NdTarget ndTarget -> putAddress(buffer, ndTarget.address());
            case TunnelId tunnelId -> buffer.putLong(tunnelId.key());
        }
    }

    /** A prefix as a masked OXM carries it: the network address, then the mask (the length's leading ones). */
    private static void putPrefix(final ByteBuffer buffer, final IpPrefix prefix) {
        putAddress(buffer, prefix.network());
        final int octets = prefix.network().toBytes().length;
        for (int i = 0; i < octets; i++) {
            final int ones = Math.max(0, Math.min(8, prefix.length() - 8 * i));
            buffer.put((byte) (0xFF00 >> ones));
        }
    }

    private static void putMac(final ByteBuffer buffer, final MacAddress mac) {
        buffer.putShort((short) (mac.bits() >>> 32));
        buffer.putInt((int) mac.bits());
    }

    private static void putAddress(final ByteBuffer buffer, final IpAddress address) {
        buffer.put(address.address().getAddress());
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().toHexDigits(value);
    }
}
