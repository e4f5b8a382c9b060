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
 * VNs that route to each other through the distributed anycast gateway (one tenant's VRF).
 *
 * @param id the domain's name
 * @param vni the VNI keying the domain's host routes and carrying its traffic to and from gateway NVEs
 * @param tenant a free-text label
 * @param gatewayMac the anycast gateway MAC of the domain's VNs
 */
public record RoutingDomain(RoutingDomainId id, Vni vni, String tenant, MacAddress gatewayMac) {
    /** The gateway MAC when none is configured: locally administered, "NVGW" in its middle octets. */
    public static final MacAddress DEFAULT_GATEWAY_MAC = MacAddress.parse("02:4e:56:47:57:01");

    public RoutingDomain {
        requireNonNull(id);
        requireNonNull(vni);
        requireNonNull(tenant);
        requireNonNull(gatewayMac);
        if (gatewayMac.isGroup() || gatewayMac.isZero()) {
            throw new IllegalArgumentException("gateway-mac " + gatewayMac + " is a group or zero address");
        }
    }
}
