/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.PortName;

/**
 * The ports of a connected NVE, as its switch describes them (port-desc, port-status): port name to
 * OpenFlow port number. The VXLAN port is looked up by {@link org.nvo3.nva.api.Nve#tunnelPort()}, a VM's
 * port by its placement's port name.
 *
 * @param ofports the OpenFlow port number of each port, 1..0xffffff00 (no reserved ports)
 */
public record NvePorts(Map<PortName, Long> ofports) {
    /** The ports of an NVE that is not connected: none. */
    public static final NvePorts NONE = new NvePorts(Map.of());

    public NvePorts {
        ofports = Map.copyOf(ofports);
        ofports.forEach((name, number) -> FieldValues.inRange("OpenFlow port number of " + name, number, 1,
            FieldValues.MAX_PORT));
    }

    /**
     * Keeps the ports a switch describes that a VM or the VXLAN port can be: those with a physical or
     * logical port number (not LOCAL or another reserved port) and a name that is a valid port name.
     *
     * @param numbersByName the switch's port numbers by port name
     * @return the ports
     */
    public static NvePorts described(final Map<String, Long> numbersByName) {
        final var ofports = new HashMap<PortName, Long>();
        numbersByName.forEach((name, number) -> {
            final var portName = portName(name);
            if (portName != null && number >= 1 && number <= FieldValues.MAX_PORT) {
                ofports.put(portName, number);
            }
        });
        return new NvePorts(ofports);
    }

    private static @Nullable PortName portName(final String name) {
        try {
            return new PortName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Looks up a port's OpenFlow port number.
     *
     * @param name the port name
     * @return its number, or null when the switch has no such port
     */
    public @Nullable Long ofport(final PortName name) {
        return ofports.get(name);
    }
}
