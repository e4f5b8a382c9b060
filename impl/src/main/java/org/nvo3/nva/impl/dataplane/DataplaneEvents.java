/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import java.util.function.Consumer;

/**
 * Where the rest of NVA hears the data plane: whole listeners, or packet-in handlers by kind.
 */
public interface DataplaneEvents {
    /**
     * Adds a listener for every packet-in, flow expiry and port change of every switch.
     *
     * @param listener the listener
     * @return closing it removes the listener
     */
    Registration addListener(DataplaneListener listener);

    /**
     * Adds a handler for one kind of punted packet.
     *
     * @param kind the kind
     * @param handler the handler, called from a switch's event loop: must not block
     * @return closing it removes the handler
     */
    Registration register(PacketKind kind, Consumer<PacketIn> handler);
}
