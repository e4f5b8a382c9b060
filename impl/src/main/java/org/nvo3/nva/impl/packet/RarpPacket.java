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
 * An Ethernet/IPv4 reverse ARP request or reply (RFC 903). QEMU announces a VM after a live migration
 * with a RARP request whose sender and target hardware addresses are the VM's MAC and whose protocol
 * addresses are 0.0.0.0 ({@link #isSelfAnnouncement()}).
 *
 * @param eth the Ethernet header, ethertype {@link EtherTypes#RARP}
 * @param operation {@link #REQUEST_REVERSE} or {@link #REPLY_REVERSE}
 * @param senderMac the sender hardware address
 * @param senderIp the sender protocol address, IPv4
 * @param targetMac the target hardware address: the one whose IP is asked for
 * @param targetIp the target protocol address, IPv4: in a reply, the answer
 */
public record RarpPacket(EthernetHeader eth, int operation, MacAddress senderMac, IpAddress senderIp,
        MacAddress targetMac, IpAddress targetIp) implements Packet {
    /** RARP request reverse. */
    public static final int REQUEST_REVERSE = 3;
    /** RARP reply reverse. */
    public static final int REPLY_REVERSE = 4;

    public RarpPacket {
        requireNonNull(eth);
        requireNonNull(senderMac);
        requireNonNull(targetMac);
        ArpBody.check("RARP", eth, EtherTypes.RARP, requireNonNull(senderIp), requireNonNull(targetIp));
        if (operation != REQUEST_REVERSE && operation != REPLY_REVERSE) {
            throw new IllegalArgumentException("RARP operation " + operation
                + " is neither request reverse (3) nor reply reverse (4)");
        }
    }

    public boolean isRequest() {
        return operation == REQUEST_REVERSE;
    }

    /**
     * Tells whether this is a VM announcing its MAC as QEMU does after a live migration: a request whose
     * sender and target hardware addresses are the same and whose protocol addresses are both 0.0.0.0.
     *
     * @return true for a self-announcement; the VM's MAC is then {@link #senderMac()}
     */
    public boolean isSelfAnnouncement() {
        return isRequest() && senderMac.equals(targetMac) && senderIp.address().isAnyLocalAddress()
            && targetIp.address().isAnyLocalAddress();
    }

    ArpBody body() {
        return new ArpBody(operation, senderMac, senderIp, targetMac, targetIp);
    }
}
