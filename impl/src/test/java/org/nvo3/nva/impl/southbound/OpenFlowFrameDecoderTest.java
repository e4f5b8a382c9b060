/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.After;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;

public class OpenFlowFrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new OpenFlowFrameDecoder(),
        OpenFlowMessageEncoder.INSTANCE);

    @After
    public void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    public void decodesMessagesSplitAcrossReads() {
        final var barrier = TestFlowMods.FACTORY.buildBarrierReply().setXid(5).build();
        final var flowMod = TestFlowMods.add(1, 2, TestFlowMods.inPort(3), 4, TestFlowMods.outputTo(5));
        final var bytes = Unpooled.buffer();
        flowMod.writeTo(bytes);
        barrier.writeTo(bytes);

        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();

        assertEquals(flowMod, channel.readInbound());
        assertEquals(barrier, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    public void encodesWhatItDecodes() {
        final var echo = TestFlowMods.FACTORY.buildEchoRequest().setXid(9).setData(new byte[] {1, 2}).build();

        assertTrue(channel.writeOutbound(echo));
        final ByteBuf encoded = channel.readOutbound();
        assertEquals("0402000a0000000901" + "02", HexFormat.of().formatHex(bytesOf(encoded)));
        channel.writeInbound(encoded);
        assertEquals(echo, channel.<OFMessage>readInbound());
    }

    @Test
    public void headerShorterThanEightBytesFailsAndDiscardsTheRest() {
        final var failure = assertThrows(MalformedMessageException.class,
            () -> channel.writeInbound(hex("0400000400000001")));
        assertTrue(failure.getMessage(), failure.getMessage().contains("header length 4"));

        assertFalse("nothing is decoded after a malformed message",
            channel.writeInbound(hex("0414000800000002")));
    }

    @Test
    public void undecodableBodyFails() {
        final var failure = assertThrows(MalformedMessageException.class,
            () -> channel.writeInbound(hex("04ee000800000001")));
        assertTrue(failure.getMessage(), failure.getMessage().contains("type 238"));
    }

    private static ByteBuf hex(final String bytes) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(bytes));
    }

    private static byte[] bytesOf(final ByteBuf buf) {
        final var bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }
}
