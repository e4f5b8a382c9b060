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
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.GatewayChoice;

/**
 * The rules of routed (L3) intent that YANG cannot make the datastore enforce, applied by {@link IntentValidator}:
 * a routing domain's VNI is no virtual network's and no other domain's; an NVE is a gateway only of a domain that
 * exists; an L3 network names an accepted domain and has subnets, none overlapping another subnet of its domain
 * or an external prefix of the domain's gateways; a VM of an L3 network has its addresses in the network's
 * subnets, none of them a gateway address, and no VM is placed on a gateway's external port. As everywhere in
 * validation, the entry accepted before keeps its place on a conflict.
 */
final class RoutingValidator {
    /** A prefix a subnet or a gateway's external prefix takes in a routing domain. */
    private record Claimed(IpPrefix prefix, String by, boolean external) {
        /**
         * Tells whether a subnet conflicts with this claim: another subnet may not overlap it; an external prefix
         * may not lie in it (host routes outrank the shorter external routes, so a covering prefix such as a
         * default route is fine), nor cover it with a route that would outrank its host routes.
         */
        boolean conflictsWith(final IpPrefix subnet) {
            if (!external) {
                return subnet.overlaps(prefix);
            }
            final boolean inside = subnet.length() <= prefix.length() && subnet.contains(prefix.network());
            final boolean outranks = prefix.overlaps(subnet) && GatewayChoice.outranksHostRoutes(prefix);
            return inside || outranks;
        }
    }

    private RoutingValidator() {
        // no instances
    }

    static Map<RoutingDomainId, RoutingDomain> acceptDomains(final FabricIntent intent, final FabricSnapshot previous,
            final List<IntentProblem> problems) {
        final var accepted = new HashMap<RoutingDomainId, RoutingDomain>();
        final var byVni = new HashMap<Vni, RoutingDomainId>();
        for (var domain : IntentValidator.incumbentsFirst(intent.routingDomains().values(),
                previous.routingDomains(), RoutingDomain::id)) {
            final var owner = byVni.get(domain.vni());
            // a network newer than the domain on its VNI is the one refused (acceptNetworks), not the domain
            final boolean domainFirst = domain.equals(previous.routingDomains().get(domain.id()))
                && !previous.networks().containsKey(domain.vni());
            if (intent.networks().containsKey(domain.vni()) && !domainFirst) {
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

    /**
     * Leaves out an NVE's gateway entries of routing domains that do not exist (or were refused), each refused with
     * its reason under the NVE's id; the NVE itself, and its VMs, stay.
     */
    static Map<NveId, Nve> acceptGateways(final Map<NveId, Nve> nves,
            final Map<RoutingDomainId, RoutingDomain> domains, final List<IntentProblem> problems) {
        final var accepted = new HashMap<NveId, Nve>();
        for (var nve : nves.values()) {
            final var kept = new HashMap<RoutingDomainId, ExternalGateway>();
            for (var entry : nve.gateways().entrySet()) {
                if (domains.containsKey(entry.getKey())) {
                    kept.put(entry.getKey(), entry.getValue());
                } else {
                    problems.add(new IntentProblem(IntentKind.NVE, nve.id().value(), "gateway of routing domain "
                        + entry.getKey() + ", which does not exist in fabric/routing-domain (or is refused), is left "
                        + "out; the NVE stays"));
                }
            }
            accepted.put(nve.id(), kept.size() == nve.gateways().size() ? nve
                : new Nve(nve.id(), nve.datapathId(), nve.underlayIp(), nve.tunnelPort(), kept));
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
                        "external-prefix of gateway NVE " + nve.id(), true));
                }
            }
        }
        for (var network : IntentValidator.incumbentsFirst(intent.networks().values(), previous.networks(),
                VirtualNetwork::vni)) {
            final var holder = domains.values().stream().filter(domain -> domain.vni().equals(network.vni()))
                .findFirst().orElse(null);
            final var reason = holder != null ? "vni " + network.vni() + " is routing domain " + holder.id()
                + "'s; a virtual network needs a VNI of its own" : networkRefusal(network, domains, claimed);
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
                        "subnet of VNI " + network.vni(), false));
                }
            }
        }
        return accepted;
    }

    private static @Nullable String networkRefusal(final VirtualNetwork network,
            final Map<RoutingDomainId, RoutingDomain> domains, final Map<RoutingDomainId, List<Claimed>> claimed) {
        if (!network.isRouted()) {
            return network.oldLocationPolicy() == OldLocationPolicy.ICMP_UNREACHABLE
                ? "old-location-policy icmp-unreachable needs a gateway address to answer from: l3 networks only"
                : null;
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
                if (other.conflictsWith(subnet.prefix())) {
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
     * @param domains the accepted routing domains
     * @return the reason, or null
     */
    static @Nullable String vmRefusal(final Vm vm, final Map<Vni, VirtualNetwork> networks,
            final Map<NveId, Nve> nves, final Map<RoutingDomainId, RoutingDomain> domains) {
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
        final var domain = network.routingDomain() == null ? null : domains.get(network.routingDomain());
        if (domain != null && domain.gatewayMac().equals(vm.mac())) {
            return "MAC " + vm.mac() + " is the gateway-mac of routing domain " + domain.id();
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
