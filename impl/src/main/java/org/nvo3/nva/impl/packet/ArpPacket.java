/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * An Ethernet/IPv4 ARP request or reply (RFC 826).
 *
 * @param eth the Ethernet header, ethertype {@link EtherTypes#ARP}
 * @param operation {@link #REQUEST} or {@link #REPLY}
 * @param senderMac the sender hardware address
 * @param senderIp the sender protocol address, IPv4
 * @param targetMac the target hardware address
 * @param targetIp the target protocol address, IPv4
 */
public record ArpPacket(EthernetHeader eth, int operation, MacAddress senderMac, IpAddress senderIp,
        MacAddress targetMac, IpAddress targetIp) implements Packet {
    /** ARP request. */
    public static final int REQUEST = 1;
    /** ARP reply. */
    public static final int REPLY = 2;

    public ArpPacket {
        requireNonNull(eth);
        requireNonNull(senderMac);
        requireNonNull(targetMac);
        ArpBody.check("ARP", eth, EtherTypes.ARP, requireNonNull(senderIp), requireNonNull(targetIp));
        if (operation != REQUEST && operation != REPLY) {
            throw new IllegalArgumentException("ARP operation " + operation + " is neither request (1) nor reply (2)");
        }
    }

    public boolean isRequest() {
        return operation == REQUEST;
    }

    /**
     * Tells whether this announces the sender's address (RFC 5227 ARP announcement, in request or reply
     * form): the sender IP is the target IP. A probe, whose sender IP is 0.0.0.0, announces nothing.
     *
     * @return true for a gratuitous ARP
     */
    public boolean isGratuitous() {
        return senderIp.equals(targetIp) && !senderIp.address().isAnyLocalAddress();
    }

    /**
     * Tells whether this is an RFC 5227 probe: a request with sender IP 0.0.0.0, asking whether anyone
     * already has the target IP.
     *
     * @return true for a probe
     */
    public boolean isProbe() {
        return isRequest() && senderIp.address().isAnyLocalAddress();
    }

    ArpBody body() {
        return new ArpBody(operation, senderMac, senderIp, targetMac, targetIp);
    }
}
