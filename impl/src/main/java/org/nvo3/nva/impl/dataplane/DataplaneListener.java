/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * Hears what switches report. Calls come from a switch connection's event loop, in the order the
 * switch sent its messages; different switches call concurrently. Implementations must not block and
 * should not throw (a throw is logged and the next message is delivered). Each method does nothing
 * by default, so a listener implements only what it needs.
 */
public interface DataplaneListener {
    /**
     * A switch punted a packet.
     *
     * @param packetIn the packet
     */
    default void packetIn(final PacketIn packetIn) {
        // not interested
    }

    /**
     * A switch removed a flow that asked to be reported.
     *
     * @param expiry the removal
     */
    default void flowExpired(final FlowExpiry expiry) {
        // not interested
    }

    /**
     * A switch port was added, deleted or changed.
     *
     * @param change the change
     */
    default void portChanged(final PortChange change) {
        // not interested
    }
}
