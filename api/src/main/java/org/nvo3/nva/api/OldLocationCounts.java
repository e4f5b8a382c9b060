/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * What the NVA did with the packets a moved VM's old NVE sent it during the redirect window, under
 * old-location-policy icmp-unreachable.
 *
 * @param packets the packets that reached the NVA (the punt meter may have dropped others)
 * @param icmpUnreachableSent the ICMP destination unreachable errors it sent back for them: at most one per
 *     packet, none for a packet that must not be answered with an ICMP error or whose sender it did not find
 */
public record OldLocationCounts(long packets, long icmpUnreachableSent) {
    /** Nothing counted. */
    public static final OldLocationCounts NONE = new OldLocationCounts(0, 0);

    public OldLocationCounts {
        if (packets < 0 || icmpUnreachableSent < 0 || icmpUnreachableSent > packets) {
            throw new IllegalArgumentException("old-location counts need 0 <= icmp-unreachable-sent <= packets, not "
                + icmpUnreachableSent + " of " + packets);
        }
    }

    /**
     * Adds counts.
     *
     * @param other the counts to add
     * @return the sums
     */
    public OldLocationCounts plus(final OldLocationCounts other) {
        return new OldLocationCounts(packets + other.packets, icmpUnreachableSent + other.icmpUnreachableSent);
    }
}
