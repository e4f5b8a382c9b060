/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.Vni;

/**
 * The rules of routed (L3) intent that YANG cannot make the datastore enforce, applied by {@link IntentValidator}:
 * a routing domain's VNI is no virtual network's and no other domain's; an NVE is a gateway only of a domain that
 * exists; an L3 network names an accepted domain and has subnets, none overlapping another subnet of its domain
 * or an external prefix of the domain's gateways; a VM of an L3 network has its addresses in the network's
 * subnets, none of them a gateway address, and no VM is placed on a gateway's external port. As everywhere in
 * validation, the entry accepted before keeps its place on a conflict.
 */
final class RoutingValidator {
    private record Claimed(IpPrefix prefix, String by) {
    }

    private RoutingValidator() {
        // no instances
    }

    static Map<RoutingDomainId, RoutingDomain> acceptDomains(final FabricIntent intent,
            final List<IntentProblem> problems) {
        final var accepted = new HashMap<RoutingDomainId, RoutingDomain>();
        final var byVni = new HashMap<Vni, RoutingDomainId>();
        for (var domain : IntentValidator.incumbentsFirst(intent.routingDomains().values(), Map.of(),
                RoutingDomain::id)) {
            final var owner = byVni.get(domain.vni());
            if (intent.networks().containsKey(domain.vni())) {
                problems.add(new IntentProblem(IntentKind.ROUTING_DOMAIN, domain.id().value(), "vni "
                    + domain.vni() + " is virtual network " + domain.vni() + "'s; a routing domain needs a VNI of its"
                    + " own"));
            } else if (owner != null) {
                problems.add(new IntentProblem(IntentKind.ROUTING_DOMAIN, domain.id().value(), "vni "
                    + domain.vni() + " is already used by routing domain " + owner));
            } else {
                accepted.put(domain.id(), domain);
                byVni.put(domain.vni(), domain.id());
            }
        }
        return accepted;
    }

    /** Refuses NVEs that are gateways of domains that do not exist (or were refused). */
    static Map<NveId, Nve> acceptGateways(final Map<NveId, Nve> nves,
            final Map<RoutingDomainId, RoutingDomain> domains, final List<IntentProblem> problems) {
        final var accepted = new HashMap<NveId, Nve>();
        for (var nve : nves.values()) {
            final var missing = nve.gateways().keySet().stream().filter(domain -> !domains.containsKey(domain))
                .findFirst().orElse(null);
            if (missing != null) {
                problems.add(new IntentProblem(IntentKind.NVE, nve.id().value(), "gateway of routing domain "
                    + missing + ", which does not exist in fabric/routing-domain (or is refused)"));
            } else {
                accepted.put(nve.id(), nve);
            }
        }
        return accepted;
    }

    static Map<Vni, VirtualNetwork> acceptNetworks(final FabricIntent intent, final FabricSnapshot previous,
            final Map<RoutingDomainId, RoutingDomain> domains, final Map<NveId, Nve> nves,
            final List<IntentProblem> problems) {
        final var accepted = new HashMap<Vni, VirtualNetwork>();
        final var claimed = new HashMap<RoutingDomainId, List<Claimed>>();
        for (var nve : nves.values()) {
            for (var gateway : nve.gateways().values()) {
                for (var prefix : gateway.prefixes()) {
                    claimed.computeIfAbsent(gateway.domain(), domain -> new ArrayList<>()).add(new Claimed(prefix,
                        "external-prefix of gateway NVE " + nve.id()));
                }
            }
        }
        for (var network : IntentValidator.incumbentsFirst(intent.networks().values(), previous.networks(),
                VirtualNetwork::vni)) {
            final var reason = networkRefusal(network, domains, claimed);
            if (reason != null) {
                problems.add(new IntentProblem(IntentKind.VIRTUAL_NETWORK, Long.toString(network.vni().value()),
                    reason));
                continue;
            }
            accepted.put(network.vni(), network);
            final var domain = network.routingDomain();
            if (domain != null) {
                for (var subnet : network.subnets()) {
                    claimed.computeIfAbsent(domain, ignored -> new ArrayList<>()).add(new Claimed(subnet.prefix(),
                        "subnet of VNI " + network.vni()));
                }
            }
        }
        return accepted;
    }

    private static @Nullable String networkRefusal(final VirtualNetwork network,
            final Map<RoutingDomainId, RoutingDomain> domains, final Map<RoutingDomainId, List<Claimed>> claimed) {
        if (!network.isRouted()) {
            return null;
        }
        final var domain = network.routingDomain();
        if (domain == null) {
            return "an l3 virtual network names its routing-domain";
        }
        if (!domains.containsKey(domain)) {
            return "routing domain " + domain + " does not exist in fabric/routing-domain (or is refused)";
        }
        if (network.subnets().isEmpty()) {
            return "an l3 virtual network needs at least one subnet (prefix and gateway-ip)";
        }
        for (var subnet : network.subnets()) {
            for (var other : claimed.getOrDefault(domain, List.of())) {
                if (subnet.prefix().overlaps(other.prefix())) {
                    return "subnet " + subnet.prefix() + " overlaps " + other.prefix() + " (" + other.by()
                        + ") in routing domain " + domain;
                }
            }
        }
        return null;
    }

    /**
     * Tells why a VM cannot be accepted for routing reasons, or null.
     *
     * @param vm the VM
     * @param networks the accepted networks
     * @param nves the accepted NVEs
     * @return the reason, or null
     */
    static @Nullable String vmRefusal(final Vm vm, final Map<Vni, VirtualNetwork> networks,
            final Map<NveId, Nve> nves) {
        final var network = networks.get(vm.vni());
        if (network == null) {
            return "virtual network " + vm.vni() + " is itself refused (see rejected-intent virtual-network "
                + vm.vni() + ")";
        }
        final var placement = vm.nve() == null ? null : nves.get(vm.nve());
        if (placement != null && vm.port() != null) {
            for (var gateway : placement.gateways().values()) {
                if (gateway.externalPort().equals(vm.port())) {
                    return "port " + vm.port() + " on NVE " + placement.id() + " is the external port of its gateway"
                        + " for routing domain " + gateway.domain();
                }
            }
        }
        if (!network.isRouted()) {
            return null;
        }
        for (var ip : vm.ips()) {
            final var subnet = network.subnetOf(ip).orElse(null);
            if (subnet == null) {
                return "IP " + ip + " is in none of VNI " + vm.vni() + "'s subnets " + network.subnets().stream()
                    .map(known -> known.prefix().toString()).toList();
            }
            if (subnet.gateway().equals(ip)) {
                return "IP " + ip + " is the gateway address of subnet " + subnet.prefix();
            }
        }
        return null;
    }
}
