/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.RoutingDomain;

/**
 * The full recompute, kept in test code as the correctness reference for the scoped compiler: one NVE's
 * whole flow set, walked table by table over the index, independently of {@link FlowCompiler#compileScopes}'s
 * grouping by scope (and of the index's gateway NVEs by routing domain: the external routes are found by going
 * through every NVE). {@link FlowCompilerPropertyTest} checks that the scoped, incremental path always gives
 * the flows this gives.
 */
public final class ReferenceCompiler {
    private ReferenceCompiler() {
        // no instances
    }

    /**
     * Compiles the desired flows of one NVE.
     *
     * @param state the forwarding state
     * @param nveId the NVE, one of the state's fabric
     * @param punterMeter the meter limiting packet-ins on that NVE, or null when it has none
     * @return the flows, table by table in pipeline order, each table's miss flow last
     * @throws IllegalArgumentException if the fabric has no such NVE
     */
    public static List<FlowEntry> compile(final ForwardingState state, final NveId nveId,
            final @Nullable Long punterMeter) {
        final var nve = state.fabric().nve(nveId)
            .orElseThrow(() -> new IllegalArgumentException("NVE " + nveId + " is not in the fabric"));
        final var index = state.index();
        final var ports = state.portsOf(nveId);
        final var tunnel = ports.ofport(nve.tunnelPort());
        final var hosted = index.hostedVnis(nveId);
        // the routing domains hosted here, and those of them this NVE is the gateway of
        final var domains = state.fabric().routingDomains().values().stream()
            .filter(domain -> hosted.contains(domain.vni())).sorted(Comparator.comparing(RoutingDomain::vni))
            .toList();
        final var gatewayOf = domains.stream().filter(domain -> nve.gateways().containsKey(domain.id())).toList();
        // a routing domain's VNI is hosted too, but only its gateway NVE admits it and punts in it
        final var networks = hosted.stream().filter(vni -> state.fabric().networks().containsKey(vni)).toList();
        final var admitted = new TreeSet<>(networks);
        gatewayOf.forEach(domain -> admitted.add(domain.vni()));
        final var unknownDestination = state.fabric().settings().unknownDestination();
        final var flows = new ArrayList<FlowEntry>();

        FlowCompiler.classifyVmPorts(nve, index.vmsOn(nveId), ports, hosted, flows);
        for (var domain : gatewayOf) {
            final var external = ports.ofport(nve.gateways().get(domain.id()).externalPort());
            if (external != null) {
                flows.add(GatewayFlows.externalAdmission(external, domain));
            }
        }
        if (tunnel != null) {
            for (var vni : admitted) {
                flows.add(FlowCompiler.tunnelAdmission(tunnel, vni));
            }
        }
        flows.add(PipelineTable.CLASSIFY.missEntry(unknownDestination, punterMeter));

        for (var vni : admitted) {
            FlowCompiler.addPunts(vni, punterMeter, flows);
        }
        flows.add(PipelineTable.ARP_ND_RESPONDER.missEntry(unknownDestination, punterMeter));

        if (tunnel != null) {
            for (var redirect : index.redirectsFrom(nveId)) {
                FlowCompiler.redirectFlow(state, redirect, tunnel, punterMeter).ifPresent(flows::add);
            }
        }
        flows.add(PipelineTable.REDIRECT.missEntry(unknownDestination, punterMeter));

        for (var vni : networks) {
            for (var placed : index.l2VmsIn(vni)) {
                if (OnDemandDestinations.distributes(state, nveId, placed)) {
                    FlowCompiler.destinationFlow(state, nve, ports, tunnel, placed).ifPresent(flows::add);
                }
            }
            state.fabric().routingDomainOf(vni).ifPresent(domain ->
                flows.add(RoutingFlows.gatewayFlow(state.fabric().networks().get(vni), domain)));
        }
        gatewayOf.forEach(domain -> flows.add(GatewayFlows.toRouting(domain)));
        flows.add(PipelineTable.L2_DESTINATION.missEntry(unknownDestination, punterMeter));

        for (var domain : domains) {
            for (var network : state.fabric().networks().values()) {
                if (domain.id().equals(network.routingDomain())) {
                    for (var placed : index.l2VmsIn(network.vni())) {
                        flows.addAll(RoutingFlows.hostRoutes(state, nve, ports, tunnel, placed, domain));
                    }
                }
            }
            externalRoutes(state, nve, ports, tunnel, domain, flows);
        }
        flows.add(PipelineTable.L3_HOST_ROUTE.missEntry(unknownDestination, punterMeter));
        return List.copyOf(flows);
    }

    /**
     * The routes to the external prefixes of a routing domain's gateway NVEs, found by going through every NVE
     * of the fabric: of two gateway NVEs announcing one prefix, the NVE itself when it is one of them, else the
     * one with the lower id gets it.
     */
    private static void externalRoutes(final ForwardingState state, final Nve nve, final NvePorts ports,
            final @Nullable Long tunnel, final RoutingDomain domain, final List<FlowEntry> flows) {
        final var announcedBy = new TreeMap<IpPrefix, Nve>();
        for (var gateway : state.fabric().nves().values()) {
            final var external = gateway.gateways().get(domain.id());
            if (external != null) {
                for (var prefix : external.prefixes()) {
                    announcedBy.merge(prefix, gateway, (one, other) -> one.id().equals(nve.id()) ? one
                        : other.id().equals(nve.id()) || other.id().compareTo(one.id()) < 0 ? other : one);
                }
            }
        }
        announcedBy.forEach((prefix, gateway) ->
            ExternalRoutes.route(nve, ports, tunnel, domain, prefix, gateway).ifPresent(flows::add));
    }

    /**
     * Tells which NVEs' compiled flows may differ between two states: re-compiling and re-syncing only
     * these gives the same flows everywhere as re-compiling every NVE. The meter passed to
     * {@link #compile} is not part of a state: a changed meter is the caller's to apply.
     *
     * @param before the state the NVEs were last compiled from
     * @param after the new state
     * @return NVEs of {@code after}'s fabric, ascending; possibly more than changed, never fewer
     */
    public static Set<NveId> affectedNves(final ForwardingState before, final ForwardingState after) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(FlowCompiler.changedScopes(before, after).keySet()));
    }

}
