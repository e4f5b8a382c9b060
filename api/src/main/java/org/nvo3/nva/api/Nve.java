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
 * A Network Virtualization Edge: an OVS bridge with one VXLAN port (remote_ip=flow, key=flow).
 *
 * @param id the name in fabric/nve
 * @param datapathId the bridge's OpenFlow datapath id
 * @param underlayIp the tunnel endpoint address, IPv4 or IPv6
 * @param tunnelPort the VXLAN port's name
 */
public record Nve(NveId id, DatapathId datapathId, IpAddress underlayIp, PortName tunnelPort) {
    public static final PortName DEFAULT_TUNNEL_PORT = new PortName("vxlan0");

    public Nve {
        requireNonNull(id);
        requireNonNull(datapathId);
        requireNonNull(underlayIp);
        requireNonNull(tunnelPort);
    }
}
