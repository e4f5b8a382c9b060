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
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A tenant's virtual network, identified by its VNI.
 *
 * @param vni the VNI
 * @param name a display name, possibly empty
 * @param tenant the owning tenant, possibly empty
 * @param mode L2 (bridged) or L3 (routed)
 * @param routingDomain the routing domain of an L3 network (one without is refused by validation), null for L2
 * @param subnets an L3 network's subnets with their gateway addresses, sorted by prefix
 * @param oldLocationPolicy what a moved VM's old NVE does with packets still sent to it
 */
public record VirtualNetwork(Vni vni, String name, String tenant, OverlayMode mode,
        @Nullable RoutingDomainId routingDomain, List<Subnet> subnets, OldLocationPolicy oldLocationPolicy) {
    public VirtualNetwork {
        requireNonNull(vni);
        requireNonNull(name);
        requireNonNull(tenant);
        requireNonNull(mode);
        subnets = subnets.stream().sorted((a, b) -> a.prefix().compareTo(b.prefix())).toList();
        requireNonNull(oldLocationPolicy);
        if (mode == OverlayMode.L2 && (routingDomain != null || !subnets.isEmpty())) {
            throw new IllegalArgumentException("routing-domain and subnets belong to an l3 virtual network");
        }
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = i + 1; j < subnets.size(); j++) {
                if (subnets.get(i).prefix().overlaps(subnets.get(j).prefix())) {
                    throw new IllegalArgumentException("subnets " + subnets.get(i).prefix() + " and "
                        + subnets.get(j).prefix() + " overlap");
                }
            }
        }
    }

    /**
     * A network without routing domain or subnets, redirecting at old locations.
     *
     * @param vni the VNI
     * @param name a display name
     * @param tenant the tenant label
     * @param mode the mode
     */
    public VirtualNetwork(final Vni vni, final String name, final String tenant, final OverlayMode mode) {
        this(vni, name, tenant, mode, null, List.of(), OldLocationPolicy.REDIRECT);
    }

    /**
     * Returns the subnet an address lies in.
     *
     * @param address the address
     * @return the subnet, or empty
     */
    public Optional<Subnet> subnetOf(final IpAddress address) {
        return subnets.stream().filter(subnet -> subnet.prefix().contains(address)).findFirst();
    }

    public boolean isRouted() {
        return mode == OverlayMode.L3;
    }
}
