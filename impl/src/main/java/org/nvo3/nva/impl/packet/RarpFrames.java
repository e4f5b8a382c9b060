/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.util.Arrays;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Builds RARP frames: NVA's reply to the RARP request QEMU sends after a live migration
 * (draft-ietf-nvo3-vmm section 4.2), and that request itself, for tests and scenarios.
 */
public final class RarpFrames {
    private static final IpAddress UNSPECIFIED = IpAddress.parse("0.0.0.0");
    private static final int MIN_FRAME_LENGTH = 60;

    private RarpFrames() {
        // no instances
    }

    /**
     * Answers a RARP request (RFC 903): to the requester's MAC, with the VM's IPv4 address as target
     * protocol address for the target hardware address asked about, with the request's 802.1Q tag.
     *
     * @param request a RARP request reverse
     * @param vmIp the IPv4 address the directory has for {@code request.targetMac()}
     * @param responderMac the MAC the reply comes from, a unicast address
     * @param responderIp the responder's IPv4 address, 0.0.0.0 if it has none in the VM's network
     * @return the reply frame
     * @throws IllegalArgumentException if the packet is not a request, an address is not IPv4, or the MAC
     *         is a group address
     */
    public static byte[] replyTo(final RarpPacket request, final IpAddress vmIp, final MacAddress responderMac,
            final IpAddress responderIp) {
        if (!request.isRequest()) {
            throw new IllegalArgumentException("only a RARP request is answered, not " + request);
        }
        ArpFrames.requireUnicast(responderMac);
        final var eth = new EthernetHeader(request.senderMac(), responderMac, request.eth().vlan(), EtherTypes.RARP);
        return RarpCodec.encode(new RarpPacket(eth, RarpPacket.REPLY_REVERSE, responderMac, responderIp,
            request.targetMac(), vmIp));
    }

    /**
     * Builds the frame QEMU sends to announce a VM after a live migration: a broadcast RARP request with
     * the VM's MAC as sender and target, protocol addresses 0.0.0.0, zero-padded to 60 bytes as QEMU does.
     *
     * @param vmMac the VM's MAC, a unicast address
     * @param vlan the 802.1Q tag, or null
     * @return the frame
     */
    public static byte[] selfAnnouncement(final MacAddress vmMac, final @Nullable VlanTag vlan) {
        ArpFrames.requireUnicast(vmMac);
        final var eth = new EthernetHeader(EthernetHeader.BROADCAST, vmMac, vlan, EtherTypes.RARP);
        final var frame = RarpCodec.encode(new RarpPacket(eth, RarpPacket.REQUEST_REVERSE, vmMac, UNSPECIFIED, vmMac,
            UNSPECIFIED));
        return Arrays.copyOf(frame, Math.max(frame.length, MIN_FRAME_LENGTH));
    }
}
