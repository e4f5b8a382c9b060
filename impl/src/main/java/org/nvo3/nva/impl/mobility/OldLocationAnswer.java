/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.dataplane.PacketOut;

/**
 * What the NVA makes of a packet a moved VM's old NVE sent it ({@link OldLocationResponder}): an ICMP
 * destination unreachable for the packet's sender, or why there is none.
 */
public sealed interface OldLocationAnswer {
    /**
     * Returns the VM the packet was sent to.
     *
     * @return the moved VM, or null when the packet names none
     */
    @Nullable Vm moved();

    /**
     * The ICMP error to send.
     *
     * @param moved the VM the packet was sent to
     * @param sender the VM that sent it, to which the error goes
     * @param packetOut the packet-out, into the old NVE, that carries the error to the sender
     */
    record Unreachable(Vm moved, Vm sender, PacketOut packetOut) implements OldLocationAnswer {
        public Unreachable {
            requireNonNull(moved);
            requireNonNull(sender);
            requireNonNull(packetOut);
        }
    }

    /**
     * No answer.
     *
     * @param moved the VM the packet was sent to, or null when the packet names none
     * @param why why there is none, for the log
     */
    record Unanswered(@Nullable Vm moved, String why) implements OldLocationAnswer {
        public Unanswered {
            requireNonNull(why);
        }
    }
}
