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
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * The 28 bytes of an Ethernet/IPv4 ARP or RARP packet (RFC 826, RFC 903): both share this layout.
 *
 * @param operation the operation code
 * @param senderMac the sender hardware address
 * @param senderIp the sender protocol address
 * @param targetMac the target hardware address
 * @param targetIp the target protocol address
 */
record ArpBody(int operation, MacAddress senderMac, IpAddress senderIp, MacAddress targetMac, IpAddress targetIp) {
    static final int LENGTH = 28;
    private static final int ETHERNET = 1;

    ArpBody {
        requireNonNull(senderMac);
        requireNonNull(senderIp);
        requireNonNull(targetMac);
        requireNonNull(targetIp);
    }

    /**
     * Reads the body; bytes after it (Ethernet padding) are ignored.
     *
     * @param protocol "ARP" or "RARP", for the messages
     * @param payload the Ethernet payload
     * @return the body
     * @throws MalformedPacketException if it is short or not Ethernet/IPv4
     */
    static ArpBody read(final String protocol, final ByteBuffer payload) throws MalformedPacketException {
        final int length = payload.remaining();
        if (length < LENGTH) {
            throw new MalformedPacketException(protocol + " packet of " + length + " bytes is shorter than " + LENGTH);
        }
        final int hardwareType = payload.getShort() & 0xFFFF;
        final int protocolType = payload.getShort() & 0xFFFF;
        final int hardwareLength = payload.get() & 0xFF;
        final int protocolLength = payload.get() & 0xFF;
        if (hardwareType != ETHERNET) {
            throw new MalformedPacketException(protocol + " hardware type " + hardwareType + " is not Ethernet (1)");
        }
        if (protocolType != EtherTypes.IPV4) {
            throw new MalformedPacketException(String.format("%s protocol type 0x%04x is not IPv4 (0x0800)", protocol,
                protocolType));
        }
        if (hardwareLength != WireAddresses.MAC_LENGTH) {
            throw new MalformedPacketException(protocol + " hardware address length " + hardwareLength
                + " is not 6 (Ethernet)");
        }
        if (protocolLength != WireAddresses.IPV4_LENGTH) {
            throw new MalformedPacketException(protocol + " protocol address length " + protocolLength
                + " is not 4 (IPv4)");
        }
        final int operation = payload.getShort() & 0xFFFF;
        return new ArpBody(operation, WireAddresses.readMac(payload),
            WireAddresses.readIp(payload, WireAddresses.IPV4_LENGTH), WireAddresses.readMac(payload),
            WireAddresses.readIp(payload, WireAddresses.IPV4_LENGTH));
    }

    /**
     * Returns a frame of this body behind the header, without padding.
     *
     * @param eth the Ethernet header
     * @return the frame
     */
    byte[] frame(final EthernetHeader eth) {
        final var frame = ByteBuffer.allocate(eth.length() + LENGTH);
        eth.write(frame);
        frame.putShort((short) ETHERNET).putShort((short) EtherTypes.IPV4)
            .put((byte) WireAddresses.MAC_LENGTH).put((byte) WireAddresses.IPV4_LENGTH)
            .putShort((short) operation);
        WireAddresses.writeMac(frame, senderMac);
        WireAddresses.writeIp(frame, senderIp);
        WireAddresses.writeMac(frame, targetMac);
        WireAddresses.writeIp(frame, targetIp);
        return frame.array();
    }

    /**
     * Checks the parts of an ARP or RARP packet record that this layout fixes.
     *
     * @param protocol "ARP" or "RARP"
     * @param eth the packet's Ethernet header
     * @param etherType the ethertype the header must carry
     * @param senderIp the sender protocol address
     * @param targetIp the target protocol address
     * @throws IllegalArgumentException if the ethertype is another or an address is not IPv4
     */
    static void check(final String protocol, final EthernetHeader eth, final int etherType, final IpAddress senderIp,
            final IpAddress targetIp) {
        if (eth.etherType() != etherType) {
            throw new IllegalArgumentException(String.format("%s packet in a frame of ethertype 0x%04x, not 0x%04x",
                protocol, eth.etherType(), etherType));
        }
        if (senderIp.isIpv6() || targetIp.isIpv6()) {
            throw new IllegalArgumentException(protocol + " addresses " + senderIp + " and " + targetIp
                + " must both be IPv4");
        }
    }
}
