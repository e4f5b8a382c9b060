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

/**
 * Decodes and encodes IPv6 neighbour solicitations and advertisements (RFC 4861) in Ethernet frames.
 * Decoding checks the hop limit (255), ICMPv6 code, checksum, length and options; encoding writes hop
 * limit 255, traffic class and flow label 0, and the checksum.
 */
public final class NeighborDiscoveryCodec {
    static final int SOLICITATION = 135;
    static final int ADVERTISEMENT = 136;
    static final int HOP_LIMIT = 255;

    private static final int MESSAGE_LENGTH = 24;
    private static final int FLAGS_OFFSET = 4;
    private static final int TARGET_OFFSET = 8;
    private static final int ROUTER = 0x80;
    private static final int SOLICITED = 0x40;
    private static final int OVERRIDE = 0x20;

    private NeighborDiscoveryCodec() {
        // no instances
    }

    /**
     * Encodes a solicitation as a frame.
     *
     * @param solicitation the solicitation
     * @return the frame
     */
    public static byte[] encode(final NeighborSolicitation solicitation) {
        final var link = solicitation.sourceLinkLayer();
        final var message = ByteBuffer.allocate(MESSAGE_LENGTH
            + (link == null ? 0 : NeighborDiscoveryOptions.LINK_LAYER_LENGTH));
        message.put((byte) SOLICITATION).put((byte) 0).putShort((short) 0).putInt(0);
        WireAddresses.writeIp(message, solicitation.target());
        if (link != null) {
            NeighborDiscoveryOptions.writeLinkLayerAddress(message, NeighborDiscoveryOptions.SOURCE_LINK_LAYER, link);
        }
        return frame(solicitation.eth(), solicitation.sourceIp(), solicitation.destinationIp(), message.array());
    }

    /**
     * Encodes an advertisement as a frame.
     *
     * @param advertisement the advertisement
     * @return the frame
     */
    public static byte[] encode(final NeighborAdvertisement advertisement) {
        final var link = advertisement.targetLinkLayer();
        final var message = ByteBuffer.allocate(MESSAGE_LENGTH
            + (link == null ? 0 : NeighborDiscoveryOptions.LINK_LAYER_LENGTH));
        final int flags = (advertisement.router() ? ROUTER : 0) | (advertisement.solicited() ? SOLICITED : 0)
            | (advertisement.override() ? OVERRIDE : 0);
        message.put((byte) ADVERTISEMENT).put((byte) 0).putShort((short) 0).putInt(flags << 24);
        WireAddresses.writeIp(message, advertisement.target());
        if (link != null) {
            NeighborDiscoveryOptions.writeLinkLayerAddress(message, NeighborDiscoveryOptions.TARGET_LINK_LAYER, link);
        }
        return frame(advertisement.eth(), advertisement.sourceIp(), advertisement.destinationIp(), message.array());
    }

    private static byte[] frame(final EthernetHeader eth, final IpAddress source, final IpAddress destination,
            final byte[] message) {
        Icmpv6Checksum.store(message, Icmpv6Checksum.compute(source, destination, message));
        final var frame = ByteBuffer.allocate(eth.length() + Ipv6Header.LENGTH + message.length);
        eth.write(frame);
        new Ipv6Header(message.length, Ipv6Header.ICMPV6, HOP_LIMIT, source, destination).write(frame);
        return frame.put(message).array();
    }

    /**
     * Tells whether an IPv6 payload is a neighbour solicitation or advertisement (by next header and
     * ICMPv6 type), which {@link #decode} then checks fully.
     */
    static boolean isNeighborDiscovery(final Ipv6Header ip, final ByteBuffer payload) {
        if (ip.nextHeader() != Ipv6Header.ICMPV6 || !payload.hasRemaining()) {
            return false;
        }
        final int type = payload.get(payload.position()) & 0xFF;
        return type == SOLICITATION || type == ADVERTISEMENT;
    }

    static Packet decode(final EthernetHeader eth, final Ipv6Header ip, final ByteBuffer payload)
            throws MalformedPacketException {
        final var message = new byte[payload.remaining()];
        payload.get(message);
        final boolean isSolicitation = (message[0] & 0xFF) == SOLICITATION;
        final var name = isSolicitation ? "neighbor solicitation" : "neighbor advertisement";
        if (message.length < MESSAGE_LENGTH) {
            throw new MalformedPacketException(name + " of " + message.length + " bytes is shorter than "
                + MESSAGE_LENGTH);
        }
        if (ip.hopLimit() != HOP_LIMIT) {
            throw new MalformedPacketException(name + " has hop limit " + ip.hopLimit()
                + ", not 255: it may come from beyond the link (RFC 4861)");
        }
        if (message[1] != 0) {
            throw new MalformedPacketException(name + " has ICMPv6 code " + (message[1] & 0xFF) + ", not 0");
        }
        if (!ip.source().isIpv6() || !ip.destination().isIpv6()) {
            throw new MalformedPacketException(name + " from " + ip.source() + " to " + ip.destination()
                + " uses an IPv4-mapped address");
        }
        final int expected = Icmpv6Checksum.compute(ip.source(), ip.destination(), message);
        if (Icmpv6Checksum.stored(message) != expected) {
            throw new MalformedPacketException(String.format("%s has ICMPv6 checksum 0x%04x, expected 0x%04x", name,
                Icmpv6Checksum.stored(message), expected));
        }
        final var target = WireAddresses.readIp(ByteBuffer.wrap(message, TARGET_OFFSET, WireAddresses.IPV6_LENGTH),
            WireAddresses.IPV6_LENGTH);
        if (isSolicitation) {
            final var link = NeighborDiscoveryOptions.linkLayerAddress(name, message, MESSAGE_LENGTH,
                NeighborDiscoveryOptions.SOURCE_LINK_LAYER);
            return MalformedPacketException.ifValid(
                () -> new NeighborSolicitation(eth, ip.source(), ip.destination(), target, link));
        }
        final int flags = message[FLAGS_OFFSET] & 0xFF;
        final var link = NeighborDiscoveryOptions.linkLayerAddress(name, message, MESSAGE_LENGTH,
            NeighborDiscoveryOptions.TARGET_LINK_LAYER);
        return MalformedPacketException.ifValid(() -> new NeighborAdvertisement(eth, ip.source(), ip.destination(),
            target, (flags & ROUTER) != 0, (flags & SOLICITED) != 0, (flags & OVERRIDE) != 0, link));
    }

    /**
     * Checks what a solicitation and an advertisement have in common: IPv6 addresses in an IPv6 frame,
     * a unicast target.
     *
     * @throws IllegalArgumentException if any of that is not so
     */
    static void check(final String name, final EthernetHeader eth, final IpAddress sourceIp,
            final IpAddress destinationIp, final IpAddress target) {
        if (eth.etherType() != EtherTypes.IPV6) {
            throw new IllegalArgumentException(String.format("%s in a frame of ethertype 0x%04x, not 0x86dd", name,
                eth.etherType()));
        }
        if (!sourceIp.isIpv6() || !destinationIp.isIpv6() || !target.isIpv6()) {
            throw new IllegalArgumentException(name + " addresses " + sourceIp + ", " + destinationIp + " and "
                + target + " must all be IPv6");
        }
        if (target.address().isMulticastAddress()) {
            throw new IllegalArgumentException(name + " target " + target + " is a multicast address");
        }
    }
}
