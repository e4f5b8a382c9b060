/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;

/**
 * Sends packets into switches. The future completes once the packet-out was handed to the switch's
 * connection (written to its socket); an OpenFlow error the switch answers later is logged with the
 * switch and xid, not reported here. It fails with {@link NotConnectedException} when the switch is not
 * connected or disconnects before the packet was written.
 */
public interface PacketSender {
    /**
     * Sends a packet into a switch by datapath id.
     *
     * @param datapathId the switch
     * @param packet the packet
     * @return completes when written, fails with {@link NotConnectedException} naming the switch
     */
    CompletableFuture<Void> send(DatapathId datapathId, PacketOut packet);

    /**
     * Sends a packet into the switch bound to a fabric/nve entry.
     *
     * @param nve the NVE
     * @param packet the packet
     * @return completes when written, fails with {@link NotConnectedException} naming the NVE
     */
    CompletableFuture<Void> send(NveId nve, PacketOut packet);
}
