/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class UnknownOxmFilterTest {
    /** NXM_NX_TUN_IPV6_SRC (NXM_1 field 109, 16 bytes) = 2001:db8:ff::1, as Open vSwitch sends it. */
    private static final String TUN_IPV6_SRC = "0001da10" + "20010db800ff00000000000000000001";

    private static OFPacketIn packetIn() {
        return TestFlowMods.FACTORY.buildPacketIn().setXid(7).setReason(OFPacketInReason.NO_MATCH)
            .setTableId(TableId.of(30)).setCookie(U64.of(0x4e01))
            .setMatch(TestFlowMods.FACTORY.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(100))
                .setExact(MatchField.TUNNEL_ID, U64.of(5001)).build())
            .setData(HexFormat.of().parseHex("ffffffffffff020000000b010806"))
            .build();
    }

    /** The packet-in's wire form with TUN_IPV6_SRC inserted as the first OXM of its match. */
    private static byte[] withTunIpv6Src(final OFPacketIn packetIn) {
        final var buf = Unpooled.buffer();
        packetIn.writeTo(buf);
        final byte[] plain = new byte[buf.readableBytes()];
        buf.readBytes(plain);
        final byte[] oxm = HexFormat.of().parseHex(TUN_IPV6_SRC);
        // a 20-byte OXM keeps the padded match 8-aligned only with 4 more bytes of padding: rebuild fully
        final int matchLength = ((plain[26] & 0xff) << 8) | (plain[27] & 0xff);
        final int padded = (matchLength + 7) / 8 * 8;
        final int newMatchLength = matchLength + oxm.length;
        final int newPadded = (newMatchLength + 7) / 8 * 8;
        final var out = Unpooled.buffer();
        out.writeBytes(plain, 0, 24);
        out.writeShort(1).writeShort(newMatchLength).writeBytes(oxm).writeBytes(plain, 28, matchLength - 4);
        out.writeZero(newPadded - newMatchLength);
        out.writeBytes(plain, 24 + padded, plain.length - 24 - padded);
        out.setShort(2, out.readableBytes());
        final byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Test
    public void packetInWithIpv6TunnelSourceDecodesWithoutIt() {
        final var packetIn = packetIn();
        final var channel = new EmbeddedChannel(new OpenFlowFrameDecoder());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(withTunIpv6Src(packetIn)));
            assertEquals(packetIn, channel.<OFMessage>readInbound());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    public void messagesWithoutUndecodableOxmsAreLeftAlone() {
        final ByteBuf plain = Unpooled.buffer();
        packetIn().writeTo(plain);
        assertSame(plain, UnknownOxmFilter.withoutUndecodableOxms(plain));
        final ByteBuf barrier = Unpooled.buffer();
        TestFlowMods.FACTORY.buildBarrierReply().setXid(1).build().writeTo(barrier);
        assertSame(barrier, UnknownOxmFilter.withoutUndecodableOxms(barrier));
    }

    @Test
    public void filteredFrameHasTheOriginalLength() {
        final ByteBuf plain = Unpooled.buffer();
        packetIn().writeTo(plain);
        final ByteBuf filtered = UnknownOxmFilter.withoutUndecodableOxms(
            Unpooled.wrappedBuffer(withTunIpv6Src(packetIn())));
        assertEquals(HexFormat.of().formatHex(plain.array(), 0, plain.readableBytes()),
            HexFormat.of().formatHex(filtered.array(), 0, filtered.readableBytes()));
    }
}
