/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;

/**
 * A port of a switch was added, deleted or changed (OpenFlow PORT_STATUS).
 *
 * @param datapathId the switch
 * @param nve the fabric/nve entry bound to the switch, or null when no entry names its datapath id
 * @param kind what happened
 * @param portNumber the port, 1..0xffffff00 or LOCAL
 * @param portName the port's name, e.g. the VM's tap interface
 * @param linkUp whether the port can carry traffic: link up and not administratively down (always false
 *               for {@link PortChangeKind#DELETED} as far as NVA is concerned, but reported as the switch said)
 * @param receivedNanos when NVA's southbound received it (monotonic nanoseconds), 0 when not stamped
 */
public record PortChange(DatapathId datapathId, @Nullable NveId nve, PortChangeKind kind, long portNumber,
        String portName, boolean linkUp, long receivedNanos) {
    public PortChange {
        requireNonNull(datapathId);
        requireNonNull(kind);
        Ports.checkSwitchPort("port", portNumber);
        requireNonNull(portName);
    }

    /**
     * Builds a port change without a receipt time.
     *
     * @param datapathId the switch
     * @param nve the fabric/nve entry bound to it, or null
     * @param kind added, deleted or modified
     * @param portNumber the OpenFlow port number
     * @param portName the port's name
     * @param linkUp whether its link is up
     */
    public PortChange(final DatapathId datapathId, final @Nullable NveId nve, final PortChangeKind kind,
            final long portNumber, final String portName, final boolean linkUp) {
        this(datapathId, nve, kind, portNumber, portName, linkUp, 0);
    }

    /**
     * Returns this change stamped with the monotonic time NVA's southbound received it.
     *
     * @param nanos the receipt time (the injected monotonic ticker's nanoseconds)
     * @return the change
     */
    public PortChange receivedAt(final long nanos) {
        return new PortChange(datapathId, nve, kind, portNumber, portName, linkUp, nanos);
    }
}
