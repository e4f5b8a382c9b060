/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Writes OpenFlow messages with Loxi (the message fills in its own header length). Stateless, so one
 * instance serves every connection.
 */
@Sharable
final class OpenFlowMessageEncoder extends MessageToByteEncoder<OFMessage> {
    static final OpenFlowMessageEncoder INSTANCE = new OpenFlowMessageEncoder();

    private OpenFlowMessageEncoder() {
        super(OFMessage.class);
    }

    @Override
    protected void encode(final ChannelHandlerContext ctx, final OFMessage msg, final ByteBuf out) {
        msg.writeTo(out);
    }
}
