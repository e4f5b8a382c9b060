/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

/**
 * The Internet checksum (RFC 1071) of the IPv4 header, ICMP and ICMPv6: the one's complement of the one's
 * complement sum of 16-bit big-endian words, an odd last octet counting as a word with a zero low octet.
 */
final class InternetChecksum {
    private InternetChecksum() {
        // no instances
    }

    /**
     * Computes the checksum of a run of octets, e.g. an IPv4 header or an ICMP message whose checksum field
     * is zero.
     *
     * @param bytes the octets
     * @param offset where the run starts
     * @param length how many octets
     * @return the checksum, 0..0xffff
     */
    static int of(final byte[] bytes, final int offset, final int length) {
        return complement(sum(bytes, offset, length));
    }

    /**
     * Adds up the 16-bit words of a run of octets without folding, so that sums of several runs (a
     * pseudo-header and a message) can be added before {@link #complement}.
     *
     * @param bytes the octets
     * @param offset where the run starts
     * @param length how many octets; an odd count pads the last octet with a zero
     * @return the sum
     */
    static long sum(final byte[] bytes, final int offset, final int length) {
        long sum = 0;
        final int end = offset + length;
        for (int i = offset; i < end; i += 2) {
            final int low = i + 1 < end ? bytes[i + 1] & 0xFF : 0;
            sum += (bytes[i] & 0xFF) << 8 | low;
        }
        return sum;
    }

    /**
     * Folds a sum to 16 bits with end-around carry and complements it.
     *
     * @param sum a sum of words
     * @return the checksum, 0..0xffff
     */
    static int complement(final long sum) {
        long folded = sum;
        while (folded >>> 16 != 0) {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int) ~folded & 0xFFFF;
    }
}
