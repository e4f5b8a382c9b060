/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.nio.ByteBuffer;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Reads and writes MAC and IP addresses in network order. Callers check that enough bytes remain.
 */
final class WireAddresses {
    static final int MAC_LENGTH = 6;
    static final int IPV4_LENGTH = 4;
    static final int IPV6_LENGTH = 16;

    private WireAddresses() {
        // no instances
    }

    static MacAddress readMac(final ByteBuffer buffer) {
        final long high = buffer.getShort() & 0xFFFFL;
        return new MacAddress(high << 32 | buffer.getInt() & 0xFFFF_FFFFL);
    }

    static void writeMac(final ByteBuffer buffer, final MacAddress mac) {
        buffer.put(mac.toBytes());
    }

    static IpAddress readIp(final ByteBuffer buffer, final int length) {
        final var octets = new byte[length];
        buffer.get(octets);
        return IpAddress.fromBytes(octets);
    }

    static void writeIp(final ByteBuffer buffer, final IpAddress ip) {
        buffer.put(ip.toBytes());
    }
}
