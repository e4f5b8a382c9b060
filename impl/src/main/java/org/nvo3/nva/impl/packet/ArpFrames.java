/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Builds the ARP frames NVA sends: replies from its directory and announcements on a VM's behalf.
 */
public final class ArpFrames {
    private static final MacAddress UNKNOWN = new MacAddress(0);

    private ArpFrames() {
        // no instances
    }

    /**
     * Answers an ARP request for the address it asks about, as the owner of that address would: to the
     * requester's MAC and IP, from the resolved MAC and the requested IP, with the request's 802.1Q tag.
     * A probe (RFC 5227, sender 0.0.0.0) is answered the same way, to 0.0.0.0 at the prober's MAC.
     *
     * @param request an ARP request
     * @param resolvedMac the MAC that owns {@code request.targetIp()}, a unicast address
     * @return the reply frame
     * @throws IllegalArgumentException if the packet is not a request or the MAC is a group address
     */
    public static byte[] replyTo(final ArpPacket request, final MacAddress resolvedMac) {
        if (!request.isRequest()) {
            throw new IllegalArgumentException("only an ARP request is answered, not " + request);
        }
        requireUnicast(resolvedMac);
        final var eth = new EthernetHeader(request.senderMac(), resolvedMac, request.eth().vlan(), EtherTypes.ARP);
        return ArpCodec.encode(new ArpPacket(eth, ArpPacket.REPLY, resolvedMac, request.targetIp(),
            request.senderMac(), request.senderIp()));
    }

    /**
     * Builds a gratuitous ARP in the request form of an RFC 5227 announcement: broadcast, sender and target
     * IP both the announced address, target MAC zero.
     *
     * @param mac the announced MAC, a unicast address
     * @param ip the announced IPv4 address
     * @param vlan the 802.1Q tag, or null
     * @return the frame
     * @throws IllegalArgumentException if the MAC is a group address or the IP is not IPv4
     */
    public static byte[] gratuitous(final MacAddress mac, final IpAddress ip, final @Nullable VlanTag vlan) {
        requireUnicast(mac);
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, mac, vlan, EtherTypes.ARP);
        return ArpCodec.encode(new ArpPacket(eth, ArpPacket.REQUEST, mac, ip, UNKNOWN, ip));
    }

    static void requireUnicast(final MacAddress mac) {
        if (requireNonNull(mac).isGroup()) {
            throw new IllegalArgumentException("a frame cannot be sent from group address " + mac);
        }
    }
}
