/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Cuts the byte stream into OpenFlow messages by the length in their 8-byte header and decodes each
 * with Loxi, in whatever OpenFlow version its header names (the connection decides which versions it
 * accepts). The first malformed message fails the stream with a {@link MalformedMessageException}
 * saying what was wrong; everything after it is discarded, as there is no way to find the next
 * message boundary. OXMs Loxi cannot decode (Open vSwitch's IPv6 tunnel source in a packet-in) are removed
 * first ({@link UnknownOxmFilter}).
 */
final class OpenFlowFrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_LENGTH = 8;

    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();
    private static final int LOWEST_VERSION = OFVersion.OF_10.getWireVersion();
    private static final int HIGHEST_VERSION = OFVersion.OF_15.getWireVersion();

    private boolean broken;

    // Loxi reports bad bytes with whatever runtime exception its reader hits, not only OFParseError.
    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        final int start = in.readerIndex();
        final int version = in.getUnsignedByte(start);
        final int type = in.getUnsignedByte(start + 1);
        // The length is 16 bits: it cannot exceed 65535, only undercut the header.
        final int length = in.getUnsignedShort(start + 2);
        if (version < LOWEST_VERSION || version > HIGHEST_VERSION) {
            throw malformed(in, String.format("unknown OpenFlow version 0x%02x in a message of type %d", version,
                type));
        }
        if (length < HEADER_LENGTH) {
            throw malformed(in, "header length " + length + " is shorter than the 8-byte OpenFlow header (version "
                + version + ", type " + type + ")");
        }
        if (in.readableBytes() < length) {
            return;
        }
        final var frame = UnknownOxmFilter.withoutUndecodableOxms(in.slice(start, length));
        final OFMessage message;
        try {
            message = READER.readFrom(frame);
        } catch (OFParseError | RuntimeException e) {
            throw malformed(in, "undecodable message (version " + version + ", type " + type + ", length " + length
                + "): " + e.getMessage(), e);
        }
        if (message == null) {
            throw malformed(in, "undecodable message (version " + version + ", type " + type + ", length " + length
                + "): shorter than its type requires");
        }
        in.readerIndex(start + length);
        out.add(message);
    }

    private MalformedMessageException malformed(final ByteBuf in, final String what) {
        return malformed(in, what, null);
    }

    private MalformedMessageException malformed(final ByteBuf in, final String what,
            final @Nullable Throwable cause) {
        broken = true;
        in.skipBytes(in.readableBytes());
        return cause == null ? new MalformedMessageException(what) : new MalformedMessageException(what, cause);
    }
}
