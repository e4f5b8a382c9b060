/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

/**
 * A frame as {@link FrameParser} recognised it.
 */
public sealed interface Packet permits ArpPacket, RarpPacket, NeighborSolicitation, NeighborAdvertisement,
        OtherPacket {
    /**
     * Returns the frame's Ethernet header.
     *
     * @return the header
     */
    EthernetHeader eth();
}
