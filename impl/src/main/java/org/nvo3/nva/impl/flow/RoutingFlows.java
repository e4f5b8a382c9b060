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
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.SetEthDst;
import org.nvo3.nva.impl.flow.FlowAction.SetEthSrc;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;
import org.nvo3.nva.impl.flow.ForwardingIndex.PlacedVm;

/**
 * The flows of the distributed anycast gateway (docs/pipeline.md, "Routing"): routing is asymmetric, at the
 * ingress NVE. A frame a local VM of an L3 network sends to the gateway MAC continues, with its routing domain's
 * VNI in {@code tun_id}, at {@code L3_HOST_ROUTE}, where one host route per VM address of the domain rewrites
 * the MACs (gateway to VM), decrements the TTL, puts the destination network's VNI back in {@code tun_id} and
 * delivers as {@code L2_DESTINATION} would: out of the VM's port, or over the overlay to its NVE, where the
 * packet is an ordinary L2 frame of that network (so a redirecting old NVE and the VM's new NVE need nothing
 * routing-specific).
 */
final class RoutingFlows {
    /** The gateway MAC outranks every VM's destination flow in its network. */
    static final int GATEWAY_PRIORITY = 200;

    private RoutingFlows() {
        // no instances
    }

    /**
     * Sends frames to the gateway MAC of an L3 network on to routing, in its routing domain.
     *
     * @param network the network
     * @param domain its routing domain
     * @return the flow
     */
    static FlowEntry gatewayFlow(final VirtualNetwork network, final RoutingDomain domain) {
        return FlowEntry.of(PipelineTable.L2_DESTINATION, GATEWAY_PRIORITY,
            FlowMatch.of(TunnelId.of(network.vni()), new EthDst(domain.gatewayMac())),
            List.of(SetTunnelId.of(domain.vni())), PipelineTable.L3_HOST_ROUTE);
    }

    /**
     * The host routes of a placed VM of an L3 network at one NVE hosting its routing domain: one per address.
     *
     * @param state the forwarding state
     * @param nve the NVE the routes are for
     * @param ports its ports
     * @param tunnel its VXLAN port number, or null when unknown
     * @param placed the VM with its placement
     * @param domain the VM's routing domain
     * @return the routes; none while the VM cannot be reached from this NVE (its local port or the VXLAN port
     *     unknown)
     */
    static List<FlowEntry> hostRoutes(final ForwardingState state, final Nve nve, final NvePorts ports,
            final @Nullable Long tunnel, final PlacedVm placed, final RoutingDomain domain) {
        final var vm = placed.vm();
        final var delivery = new ArrayList<FlowAction>(List.of(new DecrementTtl(),
            new SetEthSrc(domain.gatewayMac()), new SetEthDst(vm.mac()), SetTunnelId.of(vm.vni())));
        if (placed.placement().nve().equals(nve.id())) {
            final var ofport = FlowCompiler.localOfport(nve, ports, placed);
            if (ofport == null) {
                return List.of();
            }
            delivery.add(new Output(ofport));
        } else {
            if (tunnel == null) {
                return List.of();
            }
            delivery.add(new SetTunnelDst(state.fabric().nves().get(placed.placement().nve()).underlayIp()));
            delivery.add(new Output(tunnel));
        }
        final var routes = new ArrayList<FlowEntry>();
        for (var ip : vm.ips().stream().sorted().toList()) {
            final var match = ip.isIpv6()
                ? FlowMatch.of(TunnelId.of(domain.vni()), new EthType(EthType.IPV6), new Ipv6Dst(ip))
                : FlowMatch.of(TunnelId.of(domain.vni()), new EthType(EthType.IPV4), new Ipv4Dst(ip));
            routes.add(FlowEntry.of(PipelineTable.L3_HOST_ROUTE, FlowCompiler.PRIORITY, match, delivery, null));
        }
        return routes;
    }
}
