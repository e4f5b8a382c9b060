/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.SetEthDst;
import org.nvo3.nva.impl.flow.FlowAction.SetEthSrc;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * The routes of a routing domain to its external prefixes (the NVO3 gateway, draft-ietf-nvo3-vmm section 4.1),
 * at {@code L3_HOST_ROUTE} of every NVE hosting the domain: one per external prefix of the domain's gateway
 * NVEs, matching the domain's VNI and the destination in the prefix. At the gateway NVE of the prefix the route
 * decrements the TTL, rewrites the MACs (the domain's gateway MAC to the external router's) and sends the packet
 * out of the external port; at any other NVE it sends the packet unchanged over the overlay to that gateway NVE,
 * still in the domain's VNI, where the same route takes it out (so the TTL goes down once, at the gateway).
 *
 * <p>OpenFlow has no longest-prefix match, only priorities: a route's priority is {@value #BASE_PRIORITY} plus
 * its prefix length, so of two overlapping prefixes the longer one wins. A VM's host route (priority
 * {@link FlowCompiler#PRIORITY}) outranks every IPv4 prefix and every IPv6 prefix up to /89; longer IPv6
 * prefixes do not matter, since validation refuses an external prefix overlapping a subnet of the domain and a
 * VM's addresses lie in its subnets, so a host route and an external route never match one packet. A /0 matches
 * the whole family (no destination field). When two gateway NVEs announce the same prefix, each of them sends it
 * out of its own external port and every other NVE to the first of them by id ({@link GatewayChoice}).
 */
final class ExternalRoutes {
    /** The priority of a /0; a prefix of length n has this plus n. */
    static final int BASE_PRIORITY = 10;

    private ExternalRoutes() {
        // no instances
    }

    /**
     * Returns the priority of the route to a prefix.
     *
     * @param prefix the prefix
     * @return {@link #BASE_PRIORITY} plus its length
     */
    static int priority(final IpPrefix prefix) {
        return BASE_PRIORITY + prefix.length();
    }

    /**
     * The routes of a routing domain at one NVE hosting it.
     *
     * @param nve the NVE
     * @param ports its ports
     * @param tunnel its VXLAN port number, or null when unknown
     * @param domain the domain
     * @param gateways the domain's gateway NVEs, by id
     * @return the routes, by prefix
     */
    static List<FlowEntry> of(final Nve nve, final NvePorts ports, final @Nullable Long tunnel,
            final RoutingDomain domain, final List<Nve> gateways) {
        final var routes = new ArrayList<FlowEntry>();
        GatewayChoice.chosen(domain, gateways, nve.id()).forEach((prefix, gateway) ->
            route(nve, ports, tunnel, domain, prefix, gateway).ifPresent(routes::add));
        return routes;
    }

    /**
     * The route to one external prefix at one NVE.
     *
     * @param nve the NVE
     * @param ports its ports
     * @param tunnel its VXLAN port number, or null when unknown
     * @param domain the routing domain
     * @param prefix the prefix
     * @param gateway the gateway NVE the prefix goes to
     * @return the route; none while the port it leaves by is unknown (the external port at the gateway NVE, the
     *     VXLAN port elsewhere)
     */
    static Optional<FlowEntry> route(final Nve nve, final NvePorts ports, final @Nullable Long tunnel,
            final RoutingDomain domain, final IpPrefix prefix, final Nve gateway) {
        final List<FlowAction> actions;
        if (gateway.id().equals(nve.id())) {
            final var external = nve.gateways().get(domain.id());
            final var ofport = external == null ? null : ports.ofport(external.externalPort());
            if (ofport == null) {
                return Optional.empty();
            }
            actions = List.of(new DecrementTtl(), new SetEthSrc(domain.gatewayMac()),
                new SetEthDst(external.nextHopMac()), new Output(ofport));
        } else {
            if (tunnel == null) {
                return Optional.empty();
            }
            actions = List.of(new SetTunnelDst(gateway.underlayIp()), new Output(tunnel));
        }
        final var fields = new ArrayList<FlowMatchField>(List.of(TunnelId.of(domain.vni()),
            new EthType(prefix.isIpv6() ? EthType.IPV6 : EthType.IPV4)));
        FlowMatchField.ipDestination(prefix).ifPresent(fields::add);
        return Optional.of(FlowEntry.of(PipelineTable.L3_HOST_ROUTE, priority(prefix), new FlowMatch(fields),
            actions, null));
    }
}
