/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An OpenFlow datapath id (unsigned 64 bits). NVA identifies switches by this alone: through relays
 * every switch may appear to come from the same address.
 *
 * @param value the datapath id, read as unsigned
 */
public record DatapathId(long value) implements Comparable<DatapathId> {
    private static final Pattern COLON_FORM = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){7}");
    private static final Pattern HEX_FORM = Pattern.compile("[0-9a-fA-F]{16}");

    /**
     * Parses sixteen hex digits, with or without colons, or a decimal number. Exactly sixteen digits
     * are always hex, as {@link #toString()} writes them: {@code 0000000000000010} is datapath 16.
     *
     * @param text the datapath id
     * @return the datapath id
     */
    public static DatapathId parse(final String text) {
        if (COLON_FORM.matcher(text).matches() || HEX_FORM.matcher(text).matches()) {
            return new DatapathId(Long.parseUnsignedLong(text.replace(":", ""), 16));
        }
        try {
            return new DatapathId(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a datapath id (16 hex digits, "
                + "8 colon-separated hex octets, or an unsigned decimal number)", e);
        }
    }

    /**
     * Returns the decimal form, as YANG uint64 writes it.
     *
     * @return the unsigned decimal value
     */
    public String toDecimal() {
        return Long.toUnsignedString(value);
    }

    @Override
    public int compareTo(final DatapathId other) {
        return Long.compareUnsigned(value, other.value);
    }

    /**
     * Returns sixteen hex digits, as ovs-vsctl's other_config:datapath-id takes them.
     */
    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(value);
    }
}
