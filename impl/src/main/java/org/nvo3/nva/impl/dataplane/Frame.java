/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of one Ethernet frame, immutable: copied in, copied out. At most 65535 bytes (what an
 * OpenFlow message can carry); a punted frame may be shorter than a valid Ethernet frame when the
 * switch truncated it.
 */
public final class Frame {
    /** The largest frame an OpenFlow 1.3 message can carry. */
    public static final int MAX_LENGTH = 0xFFFF;
    /** How many leading bytes {@link #toString()} shows. */
    private static final int SHOWN_BYTES = 16;

    private final byte[] bytes;

    private Frame(final byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a frame of " + bytes.length + " bytes exceeds " + MAX_LENGTH);
        }
        this.bytes = bytes;
    }

    /**
     * Copies bytes into a frame.
     *
     * @param bytes the frame, from the destination MAC on (no preamble, no FCS)
     * @return the frame
     * @throws IllegalArgumentException when longer than {@link #MAX_LENGTH}
     */
    public static Frame of(final byte[] bytes) {
        return new Frame(bytes.clone());
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return a new array
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /**
     * Returns one byte, unsigned.
     *
     * @param index 0..length()-1
     * @return 0..255
     * @throws IndexOutOfBoundsException outside the frame
     */
    public int byteAt(final int index) {
        return Byte.toUnsignedInt(bytes[index]);
    }

    /**
     * Returns a read-only view of the bytes, for parsers.
     *
     * @return a read-only buffer positioned at 0
     */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(final Object obj) {
        return this == obj || obj instanceof Frame other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * Returns the length and the first 16 bytes in hex, e.g. {@code Frame[42 bytes: ffffffffffff0200…]}.
     */
    @Override
    public String toString() {
        final var shown = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
        return "Frame[" + bytes.length + " bytes: " + shown + (bytes.length > SHOWN_BYTES ? "…]" : "]");
    }
}
