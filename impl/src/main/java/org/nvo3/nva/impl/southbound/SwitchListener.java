/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * What the connection layer tells the rest of the southbound. Each connection calls back from its
 * own event loop thread, in the order its messages arrived; different switches call back
 * concurrently. Callbacks must not block. A connection calls nothing before {@link #switchReady}
 * and, after it, exactly one {@link #switchDisconnected}.
 */
public interface SwitchListener {
    /**
     * The handshake completed: the datapath id, version and ports are known and the switch sends
     * full packets on a table miss.
     *
     * @param connection the connection
     */
    void switchReady(SwitchConnection connection);

    /**
     * A ready connection closed; its pending requests have failed.
     *
     * @param connection the connection
     * @param reason why it closed
     */
    void switchDisconnected(SwitchConnection connection, String reason);

    /**
     * The switch sent a packet to the controller.
     *
     * @param connection the connection
     * @param packetIn the message
     */
    void packetIn(SwitchConnection connection, OFPacketIn packetIn);

    /**
     * A flow entry that asked for it (SEND_FLOW_REM) was removed.
     *
     * @param connection the connection
     * @param flowRemoved the message
     */
    void flowRemoved(SwitchConnection connection, OFFlowRemoved flowRemoved);

    /**
     * A port was added, removed or changed; {@link SwitchConnection#ports()} already reflects it.
     *
     * @param connection the connection
     * @param portStatus the message
     */
    void portStatus(SwitchConnection connection, OFPortStatus portStatus);
}
