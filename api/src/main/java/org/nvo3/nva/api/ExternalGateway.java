/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An NVE's role as the NVO3 gateway of a routing domain: its port to the outside, the external router's MAC
 * and the prefixes reached there.
 *
 * @param domain the routing domain
 * @param externalPort the port towards the outside
 * @param nextHopMac the external router's MAC
 * @param prefixes the external prefixes, sorted
 */
public record ExternalGateway(RoutingDomainId domain, PortName externalPort, MacAddress nextHopMac,
        List<IpPrefix> prefixes) {
    public ExternalGateway {
        requireNonNull(domain);
        requireNonNull(externalPort);
        requireNonNull(nextHopMac);
        if (nextHopMac.isGroup() || nextHopMac.isZero()) {
            throw new IllegalArgumentException("next-hop-mac " + nextHopMac + " is a group or zero address");
        }
        prefixes = prefixes.stream().sorted().distinct().toList();
    }
}
