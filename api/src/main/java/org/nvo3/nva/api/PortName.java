/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import java.util.Optional;

/**
 * An Open vSwitch port name (a Linux interface name: at most 15 characters).
 *
 * @param value the name
 */
public record PortName(String value) {
    public PortName {
        ObjectName.check("port name", value, 15);
    }

    /**
     * Reads a port name a switch reported, which need not be one NVA can name (OVS allows longer names).
     *
     * @param text the name
     * @return the port name, or empty when it is not a valid one
     */
    public static Optional<PortName> tryParse(final String text) {
        try {
            return Optional.of(new PortName(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
