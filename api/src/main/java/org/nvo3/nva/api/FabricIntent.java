/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The orchestrator's intent as written, entry by entry, before any cross-entry validation: it may
 * hold conflicts (two VMs with one MAC, a VM in a missing VNI...). Each entry here passed its own
 * syntax checks.
 *
 * @param settings the fabric settings
 * @param nves the NVEs by id
 * @param networks the virtual networks by VNI
 * @param vms the VMs by id
 * @param routingDomains the routing domains by name
 */
public record FabricIntent(FabricSettings settings, Map<NveId, Nve> nves, Map<Vni, VirtualNetwork> networks,
        Map<VmId, Vm> vms, Map<RoutingDomainId, RoutingDomain> routingDomains) {
    public static final FabricIntent EMPTY = new FabricIntent(FabricSettings.DEFAULT, Map.of(), Map.of(), Map.of());

    public FabricIntent {
        requireNonNull(settings);
        nves = Map.copyOf(nves);
        networks = Map.copyOf(networks);
        vms = Map.copyOf(vms);
        routingDomains = Map.copyOf(routingDomains);
        nves.forEach((key, nve) -> checkKey(key, nve.id()));
        networks.forEach((key, network) -> checkKey(key, network.vni()));
        vms.forEach((key, vm) -> checkKey(key, vm.id()));
        routingDomains.forEach((key, domain) -> checkKey(key, domain.id()));
    }

    /**
     * An intent without routing domains.
     *
     * @param settings the fabric settings
     * @param nves the NVEs by id
     * @param networks the virtual networks by VNI
     * @param vms the VMs by id
     */
    public FabricIntent(final FabricSettings settings, final Map<NveId, Nve> nves,
            final Map<Vni, VirtualNetwork> networks, final Map<VmId, Vm> vms) {
        this(settings, nves, networks, vms, Map.of());
    }

    private static void checkKey(final Object key, final Object id) {
        if (!key.equals(id)) {
            throw new IllegalArgumentException("entry " + id + " is filed under key " + key);
        }
    }
}
