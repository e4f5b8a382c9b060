/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Network Virtualization Edge: an OVS bridge with one VXLAN port (remote_ip=flow, key=flow).
 *
 * @param id the name in fabric/nve
 * @param datapathId the bridge's OpenFlow datapath id
 * @param underlayIp the tunnel endpoint address, IPv4 or IPv6
 * @param tunnelPort the VXLAN port's name
 * @param gateways the routing domains this NVE is the NVO3 gateway of, by domain
 */
public record Nve(NveId id, DatapathId datapathId, IpAddress underlayIp, PortName tunnelPort,
        Map<RoutingDomainId, ExternalGateway> gateways) {
    public static final PortName DEFAULT_TUNNEL_PORT = new PortName("vxlan0");

    public Nve {
        requireNonNull(id);
        requireNonNull(datapathId);
        requireNonNull(underlayIp);
        requireNonNull(tunnelPort);
        gateways = Collections.unmodifiableSortedMap(new TreeMap<>(gateways));
        final var external = new HashSet<PortName>();
        for (var entry : gateways.entrySet()) {
            if (!entry.getKey().equals(entry.getValue().domain())) {
                throw new IllegalArgumentException("gateway " + entry.getValue() + " keyed by " + entry.getKey());
            }
            final var port = entry.getValue().externalPort();
            if (port.equals(tunnelPort) || !external.add(port)) {
                throw new IllegalArgumentException("external-port " + port + " is the tunnel port or another "
                    + "routing domain's external port");
            }
        }
    }

    /**
     * An NVE that is no gateway.
     *
     * @param id the name in fabric/nve
     * @param datapathId the bridge's OpenFlow datapath id
     * @param underlayIp the tunnel endpoint address
     * @param tunnelPort the VXLAN port's name
     */
    public Nve(final NveId id, final DatapathId datapathId, final IpAddress underlayIp, final PortName tunnelPort) {
        this(id, datapathId, underlayIp, tunnelPort, Map.of());
    }
}
