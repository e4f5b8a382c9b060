/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MacAddress;

/**
 * An Ethernet II header with at most one IEEE 802.1Q tag.
 *
 * @param destination the destination MAC address
 * @param source the source MAC address
 * @param vlan the 802.1Q tag, or null for an untagged frame
 * @param etherType the ethertype of the payload (after the tag, if any), 0..0xffff
 */
public record EthernetHeader(MacAddress destination, MacAddress source, @Nullable VlanTag vlan, int etherType) {
    /** The broadcast address ff:ff:ff:ff:ff:ff. */
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

    private static final int UNTAGGED_LENGTH = 14;
    private static final int TAGGED_LENGTH = 18;

    public EthernetHeader {
        requireNonNull(destination);
        requireNonNull(source);
        if (etherType < 0 || etherType > 0xFFFF) {
            throw new IllegalArgumentException("ethertype " + etherType + " is wider than 16 bits");
        }
        if (vlan == null && etherType == EtherTypes.VLAN) {
            throw new IllegalArgumentException("an 802.1Q tag is given as vlan, not as ethertype 0x8100");
        }
    }

    /**
     * Returns the header's length on the wire.
     *
     * @return 14, or 18 with a tag
     */
    public int length() {
        return vlan == null ? UNTAGGED_LENGTH : TAGGED_LENGTH;
    }

    /**
     * Reads the header from the start of a frame and leaves the buffer at the payload.
     *
     * @param frame the frame, positioned at its first byte
     * @return the header
     * @throws MalformedPacketException if the frame is too short for its header
     */
    static EthernetHeader read(final ByteBuffer frame) throws MalformedPacketException {
        final int length = frame.remaining();
        if (length < UNTAGGED_LENGTH) {
            throw new MalformedPacketException("Ethernet frame of " + length + " bytes is shorter than "
                + UNTAGGED_LENGTH);
        }
        final var destination = WireAddresses.readMac(frame);
        final var source = WireAddresses.readMac(frame);
        final int typeOrTpid = frame.getShort() & 0xFFFF;
        if (typeOrTpid != EtherTypes.VLAN) {
            return new EthernetHeader(destination, source, null, typeOrTpid);
        }
        if (length < TAGGED_LENGTH) {
            throw new MalformedPacketException("802.1Q-tagged Ethernet frame of " + length
                + " bytes is shorter than " + TAGGED_LENGTH);
        }
        final var vlan = VlanTag.fromTci(frame.getShort() & 0xFFFF);
        return new EthernetHeader(destination, source, vlan, frame.getShort() & 0xFFFF);
    }

    void write(final ByteBuffer frame) {
        WireAddresses.writeMac(frame, destination);
        WireAddresses.writeMac(frame, source);
        final var tag = vlan;
        if (tag != null) {
            frame.putShort((short) EtherTypes.VLAN);
            frame.putShort((short) tag.tci());
        }
        frame.putShort((short) etherType);
    }
}
