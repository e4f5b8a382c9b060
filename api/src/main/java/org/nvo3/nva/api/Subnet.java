/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

/**
 * A subnet of an L3 virtual network with its anycast gateway address.
 *
 * @param prefix the subnet
 * @param gateway the gateway address, inside the subnet
 */
public record Subnet(IpPrefix prefix, IpAddress gateway) {
    public Subnet {
        requireNonNull(prefix);
        requireNonNull(gateway);
        if (!prefix.contains(gateway)) {
            throw new IllegalArgumentException("gateway-ip " + gateway + " is not in subnet " + prefix);
        }
        if (!gateway.isHostUnicast()) {
            throw new IllegalArgumentException("gateway-ip " + gateway + " cannot be a host's address");
        }
    }
}
