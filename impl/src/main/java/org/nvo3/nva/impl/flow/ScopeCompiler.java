/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowScope.OfNve;
import org.nvo3.nva.impl.flow.FlowScope.OfVm;
import org.nvo3.nva.impl.flow.FlowScope.OfVni;
import org.nvo3.nva.impl.flow.ForwardingIndex.PlacedVm;

/**
 * Compiles chosen {@link FlowScope}s of one NVE ({@link FlowCompiler#compileScopes}): the same flows
 * a full compile of the NVE emits, grouped by scope, at the cost of the chosen scopes (a VM's scope
 * looks its VM, its same-MAC neighbours on the NVE and its redirect up in the index).
 */
final class ScopeCompiler {
    private final ForwardingState state;
    private final Nve nve;
    private final @Nullable Long punterMeter;
    private final ForwardingIndex index;
    private final NvePorts ports;
    private final @Nullable Long tunnel;
    private final Set<Vni> hosted;

    private ScopeCompiler(final ForwardingState state, final Nve nve, final @Nullable Long punterMeter) {
        this.state = state;
        this.nve = nve;
        this.punterMeter = punterMeter;
        index = state.index();
        ports = state.portsOf(nve.id());
        tunnel = ports.ofport(nve.tunnelPort());
        hosted = index.hostedVnis(nve.id());
    }

    static ScopedFlows compile(final ForwardingState state, final NveId nveId, final @Nullable Long punterMeter,
            final NveScopes which) {
        final var nve = state.fabric().nve(nveId)
            .orElseThrow(() -> new IllegalArgumentException("NVE " + nveId + " is not in the fabric"));
        final var compiler = new ScopeCompiler(state, nve, punterMeter);
        final var flows = new LinkedHashMap<FlowScope, List<FlowEntry>>();
        for (var scope : which.everything() ? compiler.everyScope() : which.scopes()) {
            flows.put(scope, compiler.compileScope(scope));
        }
        return ScopedFlows.of(flows);
    }

    /**
     * Every scope that may have flows: the NVE's, each hosted VNI's, each VM's of a hosted network, and each
     * VM's of the L3 networks of a hosted routing domain (their host routes).
     */
    private Set<FlowScope> everyScope() {
        final var scopes = new LinkedHashSet<FlowScope>();
        scopes.add(OfNve.INSTANCE);
        for (var vni : hosted) {
            scopes.add(new OfVni(vni));
            for (var placed : index.l2VmsIn(vni)) {
                scopes.add(new OfVm(placed.vm().id()));
            }
        }
        for (var domain : state.fabric().routingDomains().values()) {
            if (hosted.contains(domain.vni())) {
                for (var network : state.fabric().networks().values()) {
                    if (domain.id().equals(network.routingDomain())) {
                        index.l2VmsIn(network.vni()).forEach(placed -> scopes.add(new OfVm(placed.vm().id())));
                    }
                }
            }
        }
        return scopes;
    }

    private List<FlowEntry> compileScope(final FlowScope scope) {
        final var flows = new ArrayList<FlowEntry>();
        switch (scope) {
            case OfNve ignored -> FlowCompiler.addMissFlows(state, punterMeter, flows);
            case OfVni ofVni -> {
                final var network = state.fabric().networks().get(ofVni.vni());
                final var domain = index.routingDomainWithVni(ofVni.vni());
                if (hosted.contains(ofVni.vni()) && network != null) {
                    if (tunnel != null) {
                        flows.add(FlowCompiler.tunnelAdmission(tunnel, ofVni.vni()));
                    }
                    FlowCompiler.addPunts(ofVni.vni(), punterMeter, flows);
                    state.fabric().routingDomainOf(ofVni.vni())
                        .ifPresent(routing -> flows.add(RoutingFlows.gatewayFlow(network, routing)));
                } else if (hosted.contains(ofVni.vni()) && domain != null) {
                    compileDomain(domain, flows);
                }
            }
            case OfVm ofVm -> compileVm(ofVm, flows);
        }
        return flows;
    }

    /**
     * A routing domain's own VNI: at its gateway NVE the gateway's flows, everywhere it is hosted the routes to
     * the external prefixes of its gateway NVEs.
     */
    private void compileDomain(final RoutingDomain domain, final List<FlowEntry> flows) {
        final var gateway = nve.gateways().get(domain.id());
        if (gateway != null) {
            flows.addAll(GatewayFlows.of(ports, tunnel, domain, gateway, punterMeter));
        }
        flows.addAll(ExternalRoutes.of(nve, ports, tunnel, domain, index.gatewaysOf(domain.id())));
    }

    private void compileVm(final OfVm scope, final List<FlowEntry> flows) {
        final var vm = state.fabric().vms().get(scope.vm());
        final var placement = vm == null ? null : state.placement(vm).orElse(null);
        if (vm == null || placement == null) {
            return;
        }
        final var placed = new PlacedVm(vm, placement);
        if (hosted.contains(vm.vni())) {
            compileBridged(placed, flows);
        }
        final var domain = state.fabric().routingDomainOf(vm.vni()).orElse(null);
        if (domain != null && hosted.contains(domain.vni())) {
            flows.addAll(RoutingFlows.hostRoutes(state, nve, ports, tunnel, placed, domain));
        }
    }

    /** A VM's flows at an NVE hosting its network: admission, redirect, destination. */
    private void compileBridged(final PlacedVm placed, final List<FlowEntry> flows) {
        final var vm = placed.vm();
        final var placement = placed.placement();
        if (placement.nve().equals(nve.id())) {
            final var ofport = FlowCompiler.localOfport(nve, ports, placed);
            if (ofport != null && isAdmissible(placed, ofport)) {
                flows.add(FlowCompiler.classifyFlow(ofport, vm));
            }
        }
        if (tunnel != null) {
            final var redirect = index.redirect(nve.id(), vm.id());
            if (redirect != null) {
                FlowCompiler.redirectFlow(state, redirect, tunnel, punterMeter).ifPresent(flows::add);
            }
        }
        if (OnDemandDestinations.distributes(state, nve.id(), placed)) {
            FlowCompiler.destinationFlow(state, nve, ports, tunnel, placed).ifPresent(flows::add);
        }
    }

    /** Tells whether no other local VM of a hosted VNI has the VM's MAC on its port (then no match tells). */
    private boolean isAdmissible(final PlacedVm placed, final long ofport) {
        for (var other : index.vmsOn(nve.id(), placed.vm().mac())) {
            if (!other.vm().id().equals(placed.vm().id()) && hosted.contains(other.vm().vni())
                    && Long.valueOf(ofport).equals(FlowCompiler.localOfport(nve, ports, other))) {
                return false;
            }
        }
        return true;
    }
}
