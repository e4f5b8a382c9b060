/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.nvo3.nva.api.IpAddress;

/**
 * Changes an ICMPv6 frame the way tests need and, unless told otherwise, makes its payload length and
 * checksum consistent again, so that a test reaches the check it is after.
 */
final class Ipv6FrameEdits {
    private static final int SOURCE = 8;
    private static final int DESTINATION = 24;

    private Ipv6FrameEdits() {
        // no instances
    }

    static int ipOffset(final byte[] frame) {
        return (frame[12] & 0xFF) == 0x81 && frame[13] == 0 ? 18 : 14;
    }

    static byte[] message(final byte[] frame) {
        final int ip = ipOffset(frame);
        final int length = ByteBuffer.wrap(frame).getShort(ip + 4) & 0xFFFF;
        return Arrays.copyOfRange(frame, ip + 40, ip + 40 + length);
    }

    /** Replaces the ICMPv6 message, sets the payload length to its length and recomputes its checksum. */
    static byte[] withMessage(final byte[] frame, final Consumer<ByteBuffer> change) {
        final var changed = ByteBuffer.allocate(1024);
        changed.put(message(frame)).flip();
        change.accept(changed);
        final var message = new byte[changed.limit()];
        changed.get(0, message);
        return rebuilt(frame, message, true);
    }

    /** Sets the IPv6 source address, recomputing the checksum. */
    static byte[] withSource(final byte[] frame, final IpAddress source) {
        final var copy = frame.clone();
        System.arraycopy(source.toBytes(), 0, copy, ipOffset(frame) + SOURCE, 16);
        return rebuilt(copy, message(copy), true);
    }

    /** Sets the IPv6 destination address, recomputing the checksum. */
    static byte[] withDestination(final byte[] frame, final IpAddress destination) {
        final var copy = frame.clone();
        System.arraycopy(destination.toBytes(), 0, copy, ipOffset(frame) + DESTINATION, 16);
        return rebuilt(copy, message(copy), true);
    }

    /** Sets one byte of the IPv6 header, leaving the checksum as it is. */
    static byte[] withHeaderByte(final byte[] frame, final int offset, final int value) {
        final var copy = frame.clone();
        copy[ipOffset(frame) + offset] = (byte) value;
        return copy;
    }

    /** Recomputes the checksum of an ICMPv6 frame whose bytes were changed. */
    static byte[] withChecksumFixed(final byte[] frame) {
        return rebuilt(frame, message(frame), true);
    }

    private static byte[] rebuilt(final byte[] frame, final byte[] message, final boolean fixChecksum) {
        final int ip = ipOffset(frame);
        final var source = IpAddress.fromBytes(Arrays.copyOfRange(frame, ip + SOURCE, ip + SOURCE + 16));
        final var destination = IpAddress.fromBytes(Arrays.copyOfRange(frame, ip + DESTINATION,
            ip + DESTINATION + 16));
        if (fixChecksum && message.length >= 4) {
            Icmpv6Checksum.store(message, Icmpv6Checksum.compute(source, destination, message));
        }
        final var rebuilt = ByteBuffer.allocate(ip + 40 + message.length);
        rebuilt.put(frame, 0, ip + 40).put(message);
        rebuilt.putShort(ip + 4, (short) message.length);
        return rebuilt.array();
    }
}
