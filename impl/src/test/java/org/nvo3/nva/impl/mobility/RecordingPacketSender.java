/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;

/** Keeps every packet-out sent into an NVE, in order; sending by datapath id fails the test. */
final class RecordingPacketSender implements PacketSender {
    /**
     * A packet-out and the NVE it was sent into.
     *
     * @param nve the NVE
     * @param packetOut the packet-out
     */
    record SentOut(NveId nve, PacketOut packetOut) {
    }

    private final List<SentOut> sent = new ArrayList<>();

    @Override
    public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
        throw new AssertionError("sent by datapath id: " + packet);
    }

    @Override
    public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
        sent.add(new SentOut(nve, packet));
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Returns what was sent so far.
     *
     * @return the live list, oldest first
     */
    List<SentOut> sent() {
        return sent;
    }
}
