/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix: an address with its host bits zero and a length.
 *
 * @param network the network address (host bits zero)
 * @param length the prefix length, 0..32 for IPv4, 0..128 for IPv6
 */
public record IpPrefix(IpAddress network, int length) implements Comparable<IpPrefix> {
    public IpPrefix {
        requireNonNull(network);
        final int bits = network.toBytes().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " is not 0.." + bits);
        }
        final var octets = network.toBytes();
        if (!Arrays.equals(octets, masked(octets, length))) {
            throw new IllegalArgumentException("prefix " + network + "/" + length + " has host bits set (did you mean "
                + IpAddress.fromBytes(masked(octets, length)) + "/" + length + "?)");
        }
    }

    /**
     * Parses {@code address/length}, e.g. {@code 192.0.2.0/24} or {@code 2001:db8:1::/64}.
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException if it is not one, or has host bits set
     */
    public static IpPrefix parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix (address/length)");
        }
        final int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length", e);
        }
        return new IpPrefix(IpAddress.parse(text.substring(0, slash)), length);
    }

    public boolean isIpv6() {
        return network.isIpv6();
    }

    /**
     * Tells whether an address lies in this prefix (an address of the other family never does).
     *
     * @param address the address
     * @return true when its first {@link #length} bits are the network's
     */
    public boolean contains(final IpAddress address) {
        final var octets = address.toBytes();
        return octets.length == network.toBytes().length
            && Arrays.equals(masked(octets, length), network.toBytes());
    }

    /**
     * Tells whether two prefixes share an address (one contains the other).
     *
     * @param other the other prefix
     * @return true when they overlap
     */
    public boolean overlaps(final IpPrefix other) {
        return length <= other.length ? contains(other.network) : other.contains(network);
    }

    /**
     * Tells whether this prefix is one host's ({@code /32} or {@code /128}).
     *
     * @return true for a host prefix
     */
    public boolean isHost() {
        return length == network.toBytes().length * 8;
    }

    private static byte[] masked(final byte[] octets, final int length) {
        final var result = octets.clone();
        for (int i = 0; i < result.length; i++) {
            final int keep = Math.max(0, Math.min(8, length - i * 8));
            result[i] = (byte) (result[i] & (0xFF00 >> keep));
        }
        return result;
    }

    /** Orders IPv4 before IPv6, then by network, then shorter first. */
    @Override
    public int compareTo(final IpPrefix other) {
        final int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
