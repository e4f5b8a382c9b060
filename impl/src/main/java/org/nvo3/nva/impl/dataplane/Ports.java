/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * OpenFlow 1.3 port numbers the data plane records use and check. Port numbers are unsigned 32 bits,
 * held in a {@code long}.
 */
public final class Ports {
    /** The highest number of a physical or logical port (OFPP_MAX). */
    public static final long MAX = 0xFFFF_FF00L;
    /** The controller as a packet-out's in_port (OFPP_CONTROLLER). */
    public static final long CONTROLLER = 0xFFFF_FFFDL;
    /** The switch's own local port (OFPP_LOCAL). */
    public static final long LOCAL = 0xFFFF_FFFEL;

    private Ports() {
        // no instances
    }

    /**
     * Checks a port a packet can enter or leave by: 1..{@link #MAX} or {@link #LOCAL}.
     *
     * @param what what the port is, for the message
     * @param port the port number
     * @return the port number
     * @throws IllegalArgumentException otherwise
     */
    public static long checkSwitchPort(final String what, final long port) {
        if ((port < 1 || port > MAX) && port != LOCAL) {
            throw new IllegalArgumentException(what + " " + Long.toUnsignedString(port) + " is not a port of the "
                + "switch (1..0xffffff00 or LOCAL 0xfffffffe)");
        }
        return port;
    }
}
