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
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A VM as the orchestrator declared it.
 *
 * @param id the name in fabric/vm
 * @param vni its virtual network
 * @param mac its MAC address, unique within the VNI
 * @param ips its IPv4 and IPv6 addresses, each unique within the VNI (kept sorted)
 * @param nve the orchestrator's placement, or null when the location is to be learned
 * @param port the OVS port on that NVE, or null when it is to be learned
 */
public record Vm(VmId id, Vni vni, MacAddress mac, Set<IpAddress> ips, @Nullable NveId nve,
        @Nullable PortName port) {
    public Vm {
        requireNonNull(id);
        requireNonNull(vni);
        requireNonNull(mac);
        ips = Collections.unmodifiableSortedSet(new TreeSet<>(ips));
    }
}
