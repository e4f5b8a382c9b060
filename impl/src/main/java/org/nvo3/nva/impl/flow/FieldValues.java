/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;

/**
 * The range and address-family checks shared by match fields and actions.
 */
final class FieldValues {
    /** The largest physical or logical port number (OFPP_MAX); above it are reserved ports. */
    static final long MAX_PORT = 0xFFFF_FF00L;
    /** VXLAN carries 24 bits of tunnel key: the VNI. */
    static final long MAX_TUNNEL_KEY = 0xFF_FFFFL;

    private FieldValues() {
        // no instances
    }

    static long inRange(final String what, final long value, final long min, final long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static int inRange(final String what, final int value, final int min, final int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static IpAddress ipv4(final String what, final IpAddress address) {
        if (requireNonNull(address).isIpv6()) {
            throw new IllegalArgumentException(what + " must be an IPv4 address, not " + address);
        }
        return address;
    }

    static IpAddress ipv6(final String what, final IpAddress address) {
        if (!requireNonNull(address).isIpv6()) {
            throw new IllegalArgumentException(what + " must be an IPv6 address, not " + address);
        }
        return address;
    }

    /**
     * Checks a prefix a masked match carries: of the family, neither a host prefix (matched exactly) nor /0
     * (not matched at all).
     */
    static IpPrefix maskedPrefix(final String what, final IpPrefix prefix, final boolean ipv6) {
        if (requireNonNull(prefix).isIpv6() != ipv6) {
            throw new IllegalArgumentException(what + " must be an " + (ipv6 ? "IPv6" : "IPv4") + " prefix, not "
                + prefix);
        }
        final int bits = ipv6 ? 128 : 32;
        if (prefix.length() == 0 || prefix.length() == bits) {
            throw new IllegalArgumentException(what + " prefix " + prefix + " is no masked match (length 1.."
                + (bits - 1) + "): a /0 is no " + what + " match, a host prefix an exact one");
        }
        return prefix;
    }
}
