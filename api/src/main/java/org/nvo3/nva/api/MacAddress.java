/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 48-bit Ethernet address, held as the low 48 bits of a long.
 *
 * @param bits the address; bits 48..63 must be zero
 */
public record MacAddress(long bits) implements Comparable<MacAddress> {
    private static final long MASK = 0xFFFF_FFFF_FFFFL;
    private static final long GROUP_BIT = 0x0100_0000_0000L;
    private static final Pattern TEXT = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    public MacAddress {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException("MAC address " + Long.toHexString(bits) + " is wider than 48 bits");
        }
    }

    /**
     * Parses the colon form, e.g. {@code 02:00:00:00:00:01}, in either case.
     *
     * @param text the MAC address
     * @return the address
     * @throws IllegalArgumentException if the text is not six colon-separated hex octets
     */
    public static MacAddress parse(final String text) {
        if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (expected xx:xx:xx:xx:xx:xx)");
        }
        return new MacAddress(Long.parseLong(text.replace(":", ""), 16));
    }

    /**
     * Builds an address from its six octets in transmission order.
     *
     * @param octets the six octets
     * @return the address
     * @throws IllegalArgumentException if there are not exactly six octets
     */
    public static MacAddress fromBytes(final byte[] octets) {
        if (octets.length != 6) {
            throw new IllegalArgumentException("A MAC address has 6 octets, not " + octets.length);
        }
        long value = 0;
        for (byte octet : octets) {
            value = value << 8 | octet & 0xFF;
        }
        return new MacAddress(value);
    }

    /**
     * Returns the six octets in transmission order, as {@link #fromBytes(byte[])} takes them.
     *
     * @return a new array of six octets
     */
    public byte[] toBytes() {
        final var octets = new byte[6];
        for (int i = 0; i < 6; i++) {
            octets[i] = (byte) (bits >>> 8 * (5 - i));
        }
        return octets;
    }

    /**
     * Tells whether this is a group (multicast or broadcast) address, which no VM can own.
     *
     * @return true when the I/G bit is set
     */
    public boolean isGroup() {
        return (bits & GROUP_BIT) != 0;
    }

    public boolean isZero() {
        return bits == 0;
    }

    @Override
    public int compareTo(final MacAddress other) {
        return Long.compare(bits, other.bits);
    }

    /**
     * Returns the canonical lower-case colon form.
     */
    @Override
    public String toString() {
        final var hex = HexFormat.of().toHexDigits(bits).substring(4).toLowerCase(Locale.ROOT);
        final var sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
