/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.nio.ByteBuffer;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MacAddress;

/**
 * The options of a neighbour discovery message (RFC 4861 section 4.6): type, length in units of 8 octets
 * (never 0), data. Only the link-layer address options are read; others are checked and skipped.
 */
final class NeighborDiscoveryOptions {
    static final int SOURCE_LINK_LAYER = 1;
    static final int TARGET_LINK_LAYER = 2;
    static final int LINK_LAYER_LENGTH = 8;
    private static final int UNIT = 8;

    private NeighborDiscoveryOptions() {
        // no instances
    }

    /**
     * Checks every option's length and returns the first link-layer address option of a type.
     *
     * @param messageName the message's name, for errors
     * @param message the ICMPv6 message
     * @param offset where its options start
     * @param type {@link #SOURCE_LINK_LAYER} or {@link #TARGET_LINK_LAYER}
     * @return the address in the first option of that type, or null if there is none
     * @throws MalformedPacketException if an option has length 0 or runs past the end of the message
     */
    static @Nullable MacAddress linkLayerAddress(final String messageName, final byte[] message, final int offset,
            final int type) throws MalformedPacketException {
        MacAddress found = null;
        int at = offset;
        while (at < message.length) {
            final int left = message.length - at;
            if (left < 2) {
                throw new MalformedPacketException(messageName + " ends with " + left + " byte at offset " + at
                    + ", too short for an option's type and length");
            }
            final int optionType = message[at] & 0xFF;
            final int units = message[at + 1] & 0xFF;
            if (units == 0) {
                throw new MalformedPacketException(messageName + " option of type " + optionType + " at offset " + at
                    + " has length 0");
            }
            if (units * UNIT > left) {
                throw new MalformedPacketException(messageName + " option of type " + optionType + " at offset " + at
                    + " is " + units * UNIT + " bytes long but only " + left + " bytes remain");
            }
            if (optionType == type && found == null) {
                found = WireAddresses.readMac(ByteBuffer.wrap(message, at + 2, WireAddresses.MAC_LENGTH));
            }
            at += units * UNIT;
        }
        return found;
    }

    static void writeLinkLayerAddress(final ByteBuffer message, final int type, final MacAddress mac) {
        message.put((byte) type).put((byte) (LINK_LAYER_LENGTH / UNIT));
        WireAddresses.writeMac(message, mac);
    }
}
