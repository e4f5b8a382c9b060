/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.Subnet;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;

/**
 * Short builders of fabric records for the compiler's tests.
 */
public final class TestFabric {
    /** Every test NVE's VXLAN port number. */
    public static final long TUNNEL_OFPORT = 1;
    public static final Instant SINCE = Instant.parse("2026-11-21T10:00:00Z");

    private TestFabric() {
        // no instances
    }

    public static Nve nve(final int number, final String underlayIp) {
        return new Nve(new NveId("nve" + number), new DatapathId(number), IpAddress.parse(underlayIp),
            Nve.DEFAULT_TUNNEL_PORT);
    }

    public static VirtualNetwork network(final int vni, final OverlayMode mode) {
        return new VirtualNetwork(new Vni(vni), "net" + vni, "tenant", mode);
    }

    /**
     * A VM.
     *
     * @param id its id
     * @param vni its VNI
     * @param mac its MAC
     * @param ip its address
     * @param nve where the orchestrator placed it, or null
     * @param port its port there, or null
     * @return the VM
     */
    public static Vm vm(final String id, final int vni, final String mac, final String ip, final @Nullable Nve nve,
            final @Nullable String port) {
        return new Vm(new VmId(id), new Vni(vni), MacAddress.parse(mac), Set.of(IpAddress.parse(ip)),
            nve == null ? null : nve.id(), port == null ? null : new PortName(port));
    }

    public static FabricSnapshot snapshot(final FabricSettings settings, final Collection<Nve> nves,
            final Collection<VirtualNetwork> networks, final Collection<Vm> vms) {
        return new FabricSnapshot(settings, byKey(nves, Nve::id), byKey(networks, VirtualNetwork::vni),
            byKey(vms, Vm::id));
    }

    /**
     * A fabric with routing domains.
     *
     * @param settings the settings
     * @param nves the NVEs
     * @param networks the networks
     * @param vms the VMs
     * @param domains the routing domains
     * @return the snapshot
     */
    public static FabricSnapshot snapshot(final FabricSettings settings, final Collection<Nve> nves,
            final Collection<VirtualNetwork> networks, final Collection<Vm> vms,
            final Collection<RoutingDomain> domains) {
        return new FabricSnapshot(settings, byKey(nves, Nve::id), byKey(networks, VirtualNetwork::vni),
            byKey(vms, Vm::id), byKey(domains, RoutingDomain::id));
    }

    public static FabricSnapshot snapshot(final Collection<Nve> nves, final Collection<VirtualNetwork> networks,
            final Collection<Vm> vms) {
        return snapshot(FabricSettings.DEFAULT, nves, networks, vms);
    }

    /**
     * A learned location.
     *
     * @param vm the VM
     * @param nve where it was learned
     * @param port its port there, or null
     * @param sequence the move counter
     * @return the location
     */
    public static VmLocation learned(final Vm vm, final Nve nve, final @Nullable String port, final long sequence) {
        return new VmLocation(vm.id(), nve.id(), port == null ? null : new PortName(port), sequence,
            MoveTrigger.GRATUITOUS_ARP, SINCE, false);
    }

    /**
     * The ports of a connected NVE: the VXLAN port as {@link #TUNNEL_OFPORT}, and the given ones.
     *
     * @param vmPorts VM port names and numbers, alternating: "tap1", 5L, ...
     * @return the ports
     */
    public static NvePorts ports(final Object... vmPorts) {
        final var ofports = new HashMap<PortName, Long>();
        ofports.put(Nve.DEFAULT_TUNNEL_PORT, TUNNEL_OFPORT);
        for (int i = 0; i < vmPorts.length; i += 2) {
            ofports.put(new PortName((String) vmPorts[i]), (Long) vmPorts[i + 1]);
        }
        return new NvePorts(ofports);
    }

    private static <K, V> Map<K, V> byKey(final Collection<V> values, final Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    /**
     * An L3 network of a routing domain with one IPv4 and one IPv6 subnet.
     *
     * @param vni its VNI
     * @param domain its routing domain
     * @param policy its old-location-policy
     * @return the network
     */
    public static VirtualNetwork routedNetwork(final int vni, final RoutingDomain domain,
            final OldLocationPolicy policy) {
        return new VirtualNetwork(new Vni(vni), "net" + vni, "tenant", OverlayMode.L3, domain.id(), List.of(
            new Subnet(IpPrefix.parse("198.51.100.0/24"), IpAddress.parse("198.51.100.254")),
            new Subnet(IpPrefix.parse("2001:db8:" + Integer.toHexString(vni) + "::/64"),
                IpAddress.parse("2001:db8:" + Integer.toHexString(vni) + "::1"))), policy);
    }
}
