/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address without zone, parsed without any name resolution.
 *
 * @param address the address
 */
public record IpAddress(InetAddress address) implements Comparable<IpAddress> {
    public IpAddress {
        requireNonNull(address);
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            throw new IllegalArgumentException("IP address " + address + " must not carry a zone");
        }
    }

    /**
     * Parses a literal IPv4 or IPv6 address.
     *
     * @param text the literal, e.g. {@code 192.0.2.1} or {@code 2001:db8::1}
     * @return the address
     * @throws IllegalArgumentException if the text is not an IP literal (no DNS look-up is made)
     */
    public static IpAddress parse(final String text) {
        if (text.indexOf('%') >= 0) {
            throw new IllegalArgumentException("IP address '" + text + "' must not carry a zone");
        }
        try {
            return new IpAddress(InetAddresses.forString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address", e);
        }
    }

    /**
     * Builds an address from its octets in network order.
     *
     * <p>Like {@link #parse(String)}, sixteen octets holding an IPv4-mapped address ({@code ::ffff:a.b.c.d})
     * give the IPv4 address.
     *
     * @param octets 4 octets for IPv4, 16 for IPv6
     * @return the address
     * @throws IllegalArgumentException if there are neither 4 nor 16 octets
     */
    public static IpAddress fromBytes(final byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            throw new IllegalArgumentException("An IP address has 4 or 16 octets, not " + octets.length);
        }
        try {
            return new IpAddress(InetAddress.getByAddress(octets));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("An IP address has 4 or 16 octets, not " + octets.length, e);
        }
    }

    /**
     * Returns the octets in network order: 4 for IPv4, 16 for IPv6.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return address.getAddress();
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /**
     * Tells whether a host may own this address: not unspecified, multicast, loopback or broadcast.
     *
     * @return true for an ordinary unicast address
     */
    public boolean isHostUnicast() {
        if (address.isAnyLocalAddress() || address.isMulticastAddress() || address.isLoopbackAddress()) {
            return false;
        }
        final var bytes = address.getAddress();
        return !(bytes.length == 4 && Arrays.equals(bytes, new byte[] {-1, -1, -1, -1}));
    }

    /**
     * Orders IPv4 before IPv6, then numerically.
     */
    @Override
    public int compareTo(final IpAddress other) {
        final var mine = address.getAddress();
        final var theirs = other.address.getAddress();
        final int byFamily = Integer.compare(mine.length, theirs.length);
        return byFamily != 0 ? byFamily : Arrays.compareUnsigned(mine, theirs);
    }

    /**
     * Returns the canonical literal (RFC 5952 for IPv6).
     */
    @Override
    public String toString() {
        return InetAddresses.toAddrString(address);
    }
}
