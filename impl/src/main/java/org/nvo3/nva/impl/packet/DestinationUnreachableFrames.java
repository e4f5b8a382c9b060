/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Builds the ICMP destination unreachable frames an L3 network's gateway sends back to a VM whose packet it
 * cannot route to a host: ICMPv4 type 3 code 1 (host unreachable) and ICMPv6 type 1 code 3 (address
 * unreachable), from the gateway's MAC and address to the sender's, with the offending frame's 802.1Q tag.
 *
 * <p>A packet that must not be answered with an ICMP error (RFC 1122 section 3.2.2, RFC 1812 section
 * 4.3.2.7, RFC 4443 section 2.4 e) gets no frame ({@link Optional#empty()}): an ICMP error message itself
 * (ICMPv4 types 3, 4, 5, 11 and 12; ICMPv6 types below 128, and redirects, 137), a fragment other than the
 * first, a packet sent to a link-layer group address or to an IP multicast address or 255.255.255.255, and
 * a packet whose Ethernet source is a group address or whose IP source is no single host (unspecified,
 * multicast, loopback, 255.255.255.255, or IPv4-mapped in an IPv6 header). A subnet's directed broadcast
 * address and IPv6 anycast addresses cannot be told from here; the caller knows its subnets.
 */
public final class DestinationUnreachableFrames {
    /** The hop limit (TTL) of the errors: a common host default. */
    private static final int HOP_LIMIT = 64;
    /** ICMPv4 destination unreachable. */
    private static final int ICMPV4_UNREACHABLE = 3;
    /** ICMPv4 destination unreachable code: host unreachable. */
    private static final int HOST_UNREACHABLE = 1;
    /** ICMPv6 destination unreachable. */
    private static final int ICMPV6_UNREACHABLE = 1;
    /** ICMPv6 destination unreachable code: address unreachable. */
    private static final int ADDRESS_UNREACHABLE = 3;
    /** RFC 1812 section 4.3.2.5: errors have IP precedence 6, internetwork control. */
    private static final int INTERNETWORK_CONTROL = 0xC0;
    /** RFC 8200 section 5: the minimum IPv6 MTU, which an ICMPv6 error must not exceed (RFC 4443 2.4 c). */
    private static final int IPV6_MINIMUM_MTU = 1280;

    /** The ICMP type, code, checksum and unused word before the quoted packet. */
    private static final int ICMP_HEADER_LENGTH = 8;
    /** RFC 792: the quoted packet is its header and the first 64 bits of its data. */
    private static final int QUOTED_DATA_LENGTH = 8;
    private static final Set<Integer> ICMPV4_ERRORS = Set.of(3, 4, 5, 11, 12);
    private static final int ICMPV6_FIRST_INFORMATIONAL = 128;
    private static final int ICMPV6_REDIRECT = 137;
    private static final byte[] LIMITED_BROADCAST = {-1, -1, -1, -1};

    private DestinationUnreachableFrames() {
        // no instances
    }

    /**
     * Answers an IPv4 packet with an ICMPv4 host unreachable (type 3 code 1, RFC 792): TTL 64, precedence
     * internetwork control, quoting the packet's IP header (options included) and the first 8 bytes of its
     * payload.
     *
     * @param offending the frame of the packet that could not be delivered, from its destination MAC on,
     *     possibly 802.1Q-tagged; Ethernet padding after the packet is not quoted
     * @param gatewayMac the gateway's MAC, the error's Ethernet source: a unicast address
     * @param gatewayIp the gateway's IPv4 address, the error's source: a host unicast address
     * @return the error frame, or empty when the packet must not be answered with an ICMP error
     * @throws MalformedPacketException if the frame is too short for its headers or its lengths do not fit
     * @throws IllegalArgumentException if the frame is not IPv4, or a gateway address is not as described
     */
    public static Optional<byte[]> ipv4HostUnreachable(final byte[] offending, final MacAddress gatewayMac,
            final IpAddress gatewayIp) throws MalformedPacketException {
        ArpFrames.requireUnicast(gatewayMac);
        if (gatewayIp.isIpv6() || !gatewayIp.isHostUnicast()) {
            throw new IllegalArgumentException("an ICMPv4 error is sent from an IPv4 host address, not " + gatewayIp);
        }
        final var buffer = ByteBuffer.wrap(offending).asReadOnlyBuffer();
        final var eth = ethernet(buffer, EtherTypes.IPV4);
        final int ipStart = buffer.position();
        final var ip = Ipv4Header.read(buffer);
        if (!answerable(eth) || !answerable(ip, buffer)) {
            return Optional.empty();
        }
        final int quoted = Math.min(ip.totalLength(), ip.headerLength() + QUOTED_DATA_LENGTH);
        final var message = ByteBuffer.allocate(ICMP_HEADER_LENGTH + quoted);
        message.put((byte) ICMPV4_UNREACHABLE).put((byte) HOST_UNREACHABLE).putShort((short) 0).putInt(0)
            .put(offending, ipStart, quoted);
        message.putShort(2, (short) InternetChecksum.of(message.array(), 0, message.capacity()));

        final var reply = new EthernetHeader(eth.source(), gatewayMac, eth.vlan(), EtherTypes.IPV4);
        final var header = new Ipv4Header(Ipv4Header.MIN_LENGTH, INTERNETWORK_CONTROL,
            Ipv4Header.MIN_LENGTH + message.capacity(), 0, HOP_LIMIT, Ipv4Header.ICMP, gatewayIp, ip.source());
        final var frame = ByteBuffer.allocate(reply.length() + header.totalLength());
        reply.write(frame);
        header.write(frame);
        return Optional.of(frame.put(message.array()).array());
    }

    /**
     * Answers an IPv6 packet with an ICMPv6 address unreachable (type 1 code 3, RFC 4443 section 3.1): hop
     * limit 64, quoting as much of the packet, from its IPv6 header on, as fits without the error exceeding
     * the minimum IPv6 MTU of 1280 bytes.
     *
     * @param offending the frame of the packet that could not be delivered, from its destination MAC on,
     *     possibly 802.1Q-tagged; Ethernet padding after the packet is not quoted
     * @param gatewayMac the gateway's MAC, the error's Ethernet source: a unicast address
     * @param gatewayIp the gateway's IPv6 address, the error's source: a host unicast address
     * @return the error frame, or empty when the packet must not be answered with an ICMP error
     * @throws MalformedPacketException if the frame is too short for its headers, its payload length does not
     *     fit, or an extension header runs past the payload
     * @throws IllegalArgumentException if the frame is not IPv6, or a gateway address is not as described
     */
    public static Optional<byte[]> ipv6AddressUnreachable(final byte[] offending, final MacAddress gatewayMac,
            final IpAddress gatewayIp) throws MalformedPacketException {
        ArpFrames.requireUnicast(gatewayMac);
        if (!gatewayIp.isIpv6() || !gatewayIp.isHostUnicast()) {
            throw new IllegalArgumentException("an ICMPv6 error is sent from an IPv6 host address, not " + gatewayIp);
        }
        final var buffer = ByteBuffer.wrap(offending).asReadOnlyBuffer();
        final var eth = ethernet(buffer, EtherTypes.IPV6);
        final int ipStart = buffer.position();
        final var ip = Ipv6Header.read(buffer);
        if (!answerable(eth) || !answerable(ip, ip.payload(buffer))) {
            return Optional.empty();
        }
        final int quoted = Math.min(Ipv6Header.LENGTH + ip.payloadLength(),
            IPV6_MINIMUM_MTU - Ipv6Header.LENGTH - ICMP_HEADER_LENGTH);
        final var message = new byte[ICMP_HEADER_LENGTH + quoted];
        message[0] = ICMPV6_UNREACHABLE;
        message[1] = ADDRESS_UNREACHABLE;
        System.arraycopy(offending, ipStart, message, ICMP_HEADER_LENGTH, quoted);
        Icmpv6Checksum.store(message, Icmpv6Checksum.compute(gatewayIp, ip.source(), message));

        final var reply = new EthernetHeader(eth.source(), gatewayMac, eth.vlan(), EtherTypes.IPV6);
        final var frame = ByteBuffer.allocate(reply.length() + Ipv6Header.LENGTH + message.length);
        reply.write(frame);
        new Ipv6Header(message.length, Ipv6Header.ICMPV6, HOP_LIMIT, gatewayIp, ip.source()).write(frame);
        return Optional.of(frame.put(message).array());
    }

    private static EthernetHeader ethernet(final ByteBuffer frame, final int etherType)
            throws MalformedPacketException {
        final var eth = EthernetHeader.read(frame);
        if (eth.etherType() != etherType) {
            throw new IllegalArgumentException(String.format("a frame of ethertype 0x%04x, not 0x%04x",
                eth.etherType(), etherType));
        }
        return eth;
    }

    /** Neither sent to a link-layer group nor from one (which no host owns). */
    private static boolean answerable(final EthernetHeader eth) {
        return !eth.destination().isGroup() && !eth.source().isGroup();
    }

    private static boolean answerable(final Ipv4Header ip, final ByteBuffer payload)
            throws MalformedPacketException {
        final var destination = ip.destination();
        if (destination.address().isMulticastAddress()
                || Arrays.equals(destination.toBytes(), LIMITED_BROADCAST) || !ip.source().isHostUnicast()
                || ip.fragmentOffset() != 0) {
            return false;
        }
        if (ip.protocol() != Ipv4Header.ICMP) {
            return true;
        }
        if (ip.totalLength() == ip.headerLength()) {
            throw new MalformedPacketException("ICMPv4 message of 0 bytes has no type");
        }
        return !ICMPV4_ERRORS.contains(payload.get(payload.position()) & 0xFF);
    }

    private static boolean answerable(final Ipv6Header ip, final ByteBuffer payload)
            throws MalformedPacketException {
        final var source = ip.source();
        if (ip.destination().address().isMulticastAddress() || !source.isIpv6() || !source.isHostUnicast()) {
            return false;
        }
        final var upper = Ipv6UpperLayer.find(ip, payload);
        if (upper.laterFragment()) {
            return false;
        }
        if (upper.protocol() != Ipv6Header.ICMPV6) {
            return true;
        }
        if (upper.offset() >= payload.remaining()) {
            throw new MalformedPacketException("ICMPv6 message of 0 bytes has no type");
        }
        final int type = payload.get(payload.position() + upper.offset()) & 0xFF;
        return type >= ICMPV6_FIRST_INFORMATIONAL && type != ICMPV6_REDIRECT;
    }
}
