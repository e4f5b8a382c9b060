/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.api.MacAddress;

/**
 * A port of a switch as the switch describes it (PORT_DESC, PORT_STATUS).
 *
 * @param number the OpenFlow port number, unsigned 32 bits (the LOCAL port is 0xfffffffe)
 * @param name the port's name, e.g. {@code vxlan0} or the VM's tap interface
 * @param hwAddr the port's Ethernet address
 */
public record SwitchPort(long number, String name, MacAddress hwAddr) {
    public SwitchPort {
        if (number < 0 || number > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("port number " + number + " is outside 0..0xffffffff");
        }
        requireNonNull(name);
        requireNonNull(hwAddr);
    }
}
