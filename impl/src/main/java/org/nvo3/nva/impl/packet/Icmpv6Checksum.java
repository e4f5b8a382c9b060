/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import org.nvo3.nva.api.IpAddress;

/**
 * The ICMPv6 checksum (RFC 4443 section 2.3): the one's complement of the one's complement sum of the
 * IPv6 pseudo-header (RFC 8200 section 8.1: source, destination, upper-layer length, next header 58) and
 * the ICMPv6 message.
 */
public final class Icmpv6Checksum {
    private static final int CHECKSUM_OFFSET = 2;
    private static final int MIN_LENGTH = 4;

    private Icmpv6Checksum() {
        // no instances
    }

    /**
     * Computes the checksum of a message, taking its checksum field (octets 2 and 3) as zero.
     *
     * @param source the IPv6 source address
     * @param destination the IPv6 destination address
     * @param message the whole ICMPv6 message, from its type octet on
     * @return the checksum to put into octets 2 and 3, 0..0xffff
     * @throws IllegalArgumentException if an address is not IPv6 or the message has no checksum field
     */
    public static int compute(final IpAddress source, final IpAddress destination, final byte[] message) {
        if (!source.isIpv6() || !destination.isIpv6()) {
            throw new IllegalArgumentException("the ICMPv6 pseudo-header needs IPv6 addresses, not " + source
                + " and " + destination);
        }
        if (message.length < MIN_LENGTH) {
            throw new IllegalArgumentException("ICMPv6 message of " + message.length
                + " bytes ends before its checksum field");
        }
        final var sourceOctets = source.toBytes();
        final var destinationOctets = destination.toBytes();
        long sum = InternetChecksum.sum(sourceOctets, 0, sourceOctets.length)
            + InternetChecksum.sum(destinationOctets, 0, destinationOctets.length);
        sum += (message.length >>> 16) + (message.length & 0xFFFF) + Ipv6Header.ICMPV6;
        // the checksum field counts as zero: the words before it and after it
        final int afterChecksum = CHECKSUM_OFFSET + 2;
        sum += InternetChecksum.sum(message, 0, CHECKSUM_OFFSET);
        sum += InternetChecksum.sum(message, afterChecksum, message.length - afterChecksum);
        return InternetChecksum.complement(sum);
    }

    /**
     * Tells whether a received message carries the right checksum.
     *
     * @param source the IPv6 source address
     * @param destination the IPv6 destination address
     * @param message the whole ICMPv6 message, from its type octet on
     * @return true if octets 2 and 3 hold the checksum {@link #compute} gives
     * @throws IllegalArgumentException if an address is not IPv6 or the message has no checksum field
     */
    public static boolean isValid(final IpAddress source, final IpAddress destination, final byte[] message) {
        return compute(source, destination, message) == stored(message);
    }

    static int stored(final byte[] message) {
        return (message[CHECKSUM_OFFSET] & 0xFF) << 8 | message[CHECKSUM_OFFSET + 1] & 0xFF;
    }

    static void store(final byte[] message, final int checksum) {
        message[CHECKSUM_OFFSET] = (byte) (checksum >>> 8);
        message[CHECKSUM_OFFSET + 1] = (byte) checksum;
    }
}
