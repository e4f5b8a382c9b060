/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The validated directory at one instant: only entries NVA acts on, free of conflicts, indexed for
 * look-ups. Immutable; a change of intent produces a new snapshot.
 */
public final class FabricSnapshot {
    public static final FabricSnapshot EMPTY = new FabricSnapshot(FabricSettings.DEFAULT, Map.of(), Map.of(),
        Map.of());

    private record MacKey(Vni vni, MacAddress mac) {
    }

    private record IpKey(Vni vni, IpAddress ip) {
    }

    private final FabricSettings settings;
    private final ImmutableMap<NveId, Nve> nves;
    private final ImmutableMap<DatapathId, Nve> nvesByDatapath;
    private final ImmutableMap<Vni, VirtualNetwork> networks;
    private final ImmutableMap<VmId, Vm> vms;
    private final ImmutableMap<MacKey, Vm> vmsByMac;
    private final ImmutableMap<IpKey, Vm> vmsByIp;
    private final ImmutableMap<RoutingDomainId, RoutingDomain> routingDomains;

    /**
     * Builds a snapshot; every reference and uniqueness rule of the YANG model must already hold.
     *
     * @throws IllegalArgumentException if an entry breaks a rule (a bug in whoever validated it)
     */
    public FabricSnapshot(final FabricSettings settings, final Map<NveId, Nve> nves,
            final Map<Vni, VirtualNetwork> networks, final Map<VmId, Vm> vms) {
        this(settings, nves, networks, vms, Map.of());
    }

    /**
     * Creates a snapshot with routing domains; every L3 network's routing domain must be one of them.
     *
     * @param settings the fabric settings
     * @param nves the NVEs by id
     * @param networks the virtual networks by VNI
     * @param vms the VMs by id
     * @param routingDomains the routing domains by name
     * @throws IllegalArgumentException if a reference dangles or a unique value repeats
     */
    public FabricSnapshot(final FabricSettings settings, final Map<NveId, Nve> nves,
            final Map<Vni, VirtualNetwork> networks, final Map<VmId, Vm> vms,
            final Map<RoutingDomainId, RoutingDomain> routingDomains) {
        this.settings = requireNonNull(settings);
        this.routingDomains = ImmutableMap.copyOf(routingDomains);
        for (var network : networks.values()) {
            final var domain = network.routingDomain();
            if (domain != null && !routingDomains.containsKey(domain)) {
                throw new IllegalArgumentException("VNI " + network.vni() + " is in missing routing domain " + domain);
            }
        }
        for (var nve : nves.values()) {
            for (var domain : nve.gateways().keySet()) {
                if (!routingDomains.containsKey(domain)) {
                    throw new IllegalArgumentException("NVE " + nve.id() + " is a gateway of missing routing domain "
                        + domain);
                }
            }
        }
        this.nves = ImmutableMap.copyOf(nves);
        this.networks = ImmutableMap.copyOf(networks);
        this.vms = ImmutableMap.copyOf(vms);
        nvesByDatapath = uniqueIndex(nves.values(), Nve::datapathId, "datapath-id");
        uniqueIndex(nves.values(), Nve::underlayIp, "underlay-ip");

        final var byMac = new HashMap<MacKey, Vm>();
        final var byIp = new HashMap<IpKey, Vm>();
        for (var vm : vms.values()) {
            if (!networks.containsKey(vm.vni())) {
                throw new IllegalArgumentException("VM " + vm.id() + " is in missing VNI " + vm.vni());
            }
            final var nve = vm.nve();
            if (nve != null && !nves.containsKey(nve)) {
                throw new IllegalArgumentException("VM " + vm.id() + " is placed on missing NVE " + nve);
            }
            putUnique(byMac, new MacKey(vm.vni(), vm.mac()), vm, "MAC");
            for (var ip : vm.ips()) {
                putUnique(byIp, new IpKey(vm.vni(), ip), vm, "IP");
            }
        }
        vmsByMac = ImmutableMap.copyOf(byMac);
        vmsByIp = ImmutableMap.copyOf(byIp);
    }

    private static <K> ImmutableMap<K, Nve> uniqueIndex(final Collection<Nve> values,
            final Function<Nve, K> key, final String what) {
        final var index = new HashMap<K, Nve>();
        for (var nve : values) {
            putUnique(index, key.apply(nve), nve, what);
        }
        return ImmutableMap.copyOf(index);
    }

    private static <K, V> void putUnique(final Map<K, V> index, final K key, final V value, final String what) {
        final var previous = index.putIfAbsent(key, value);
        if (previous != null) {
            throw new IllegalArgumentException(what + " " + key + " is used by both " + previous + " and " + value);
        }
    }

    public FabricSettings settings() {
        return settings;
    }

    public Map<NveId, Nve> nves() {
        return nves;
    }

    public Map<Vni, VirtualNetwork> networks() {
        return networks;
    }

    public Map<VmId, Vm> vms() {
        return vms;
    }

    /**
     * Returns the routing domains.
     *
     * @return them by name
     */
    public Map<RoutingDomainId, RoutingDomain> routingDomains() {
        return routingDomains;
    }

    /**
     * Returns the routing domain an L3 network belongs to.
     *
     * @param vni the network's VNI
     * @return the domain, or empty for an L2 or unknown network
     */
    public Optional<RoutingDomain> routingDomainOf(final Vni vni) {
        final var network = networks.get(vni);
        final var domain = network == null ? null : network.routingDomain();
        return domain == null ? Optional.empty() : Optional.ofNullable(routingDomains.get(domain));
    }

    public Optional<Nve> nve(final NveId id) {
        return Optional.ofNullable(nves.get(id));
    }

    public Optional<Nve> nveByDatapath(final DatapathId datapathId) {
        return Optional.ofNullable(nvesByDatapath.get(datapathId));
    }

    public Optional<Vm> vm(final VmId id) {
        return Optional.ofNullable(vms.get(id));
    }

    public Optional<DirectoryEntry> lookup(final Vni vni, final MacAddress mac) {
        return entryOf(vmsByMac.get(new MacKey(vni, mac)));
    }

    public Optional<DirectoryEntry> lookup(final Vni vni, final IpAddress ip) {
        return entryOf(vmsByIp.get(new IpKey(vni, ip)));
    }

    private Optional<DirectoryEntry> entryOf(final @Nullable Vm vm) {
        if (vm == null) {
            return Optional.empty();
        }
        final var placement = vm.nve();
        return Optional.of(new DirectoryEntry(vm, placement == null ? null : nves.get(placement)));
    }

    @Override
    public String toString() {
        return "FabricSnapshot{nves=" + nves.size() + ", networks=" + networks.size() + ", vms=" + vms.size() + "}";
    }
}
