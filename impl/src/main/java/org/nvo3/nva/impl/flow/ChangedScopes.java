/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowScope.OfVm;
import org.nvo3.nva.impl.flow.FlowScope.OfVni;

/**
 * Which scopes of which NVEs' compiled flows may differ between two forwarding states
 * ({@link FlowCompiler#changedScopes}).
 *
 * <p>What a scope's flows depend on (see {@link FlowScope}): an NVE's table-miss flows on the
 * unknown-destination setting; everything of an NVE on its fabric entry, its ports and the VNIs it hosts;
 * a hosted VNI's flows on nothing else. A VM's flows at an NVE depend on the VM (VNI, MAC), where it is
 * placed (NVE, and its port there for its admission) and that NVE's underlay address, on the redirect of
 * it from the NVE, and, for its admission, on the other VMs with its MAC on the NVE (two on one port are
 * both refused). So: a changed setting changes everything everywhere; a changed NVE entry, changed ports
 * or a changed set of hosted VNIs change everything of that NVE; a changed VM changes its scope on every
 * NVE hosting its VNI before or after, and the scopes of its same-MAC neighbours where it is local; a
 * changed NVE underlay address changes the scopes of its VMs everywhere; a started or ended redirect
 * changes the VM's scope at the old NVE. A VM of an L3 network also has host routes on every NVE hosting its
 * routing domain, so "everywhere" includes those NVEs, and a changed address list changes it there; a changed
 * network or routing domain entry changes everything of the NVEs hosting it. A routing domain's VNI scope (its
 * routes to external prefixes, and at a gateway NVE the gateway's flows) depends on its gateway NVEs' gateways
 * of it and underlay addresses, and at a gateway NVE on its external port's number: a change of either changes
 * that scope on every NVE hosting the domain, before and after; a renumbered external port changes it at the
 * gateway NVE. With destination-distribution on-demand, "everywhere" is only where the VM's flows can be: its own
 * NVE, the NVEs that demanded it and the old NVEs of its redirects (and, for an L3 VM, where its host routes
 * are); a demand that came or went changes the VM's scope at the demanding NVE; a changed distribution setting
 * changes everything everywhere.
 *
 * <p>Within one fabric snapshot (moves, redirects, port changes) this costs the changed VMs and redirects
 * and the NVEs they touch; a new snapshot compares every VM and NVE, as it must.
 */
final class ChangedScopes {
    private final ForwardingState before;
    private final ForwardingState after;
    private final Map<NveId, Set<FlowScope>> scopes = new HashMap<>();
    private final Set<NveId> everything = new HashSet<>();
    /** NVEs whose hosted VNIs may differ. */
    private final Set<NveId> hostingMayDiffer = new HashSet<>();

    private ChangedScopes(final ForwardingState before, final ForwardingState after) {
        this.before = before;
        this.after = after;
    }

    static SortedMap<NveId, NveScopes> between(final ForwardingState before, final ForwardingState after) {
        final var candidates = vmsToCompare(before, after);
        if (before.fabric() == after.fabric()) {
            // within one fabric, derive the new index from the old instead of indexing every VM again
            final var index = before.builtIndex();
            if (index != null && after.builtIndex() == null) {
                after.adoptIndex(index.patched(before, after, candidates));
            }
        }
        final var changes = new ChangedScopes(before, after);
        if (before.fabric().settings().unknownDestination() != after.fabric().settings().unknownDestination()
                || OnDemandDestinations.settingsDiffer(before, after)) {
            changes.everything.addAll(after.fabric().nves().keySet());
        } else {
            changes.compare(candidates);
        }
        return changes.result();
    }

    private void compare(final Set<VmId> candidates) {
        if (before.fabric() != after.fabric()) {
            hostingMayDiffer.addAll(before.fabric().nves().keySet());
            hostingMayDiffer.addAll(after.fabric().nves().keySet());
        }
        compareNves();
        compareNetworks();
        comparePorts();
        for (var id : candidates) {
            compareVm(before.fabric().vms().get(id), after.fabric().vms().get(id));
        }
        compareRedirects(before.redirects(), after.redirects());
        compareRedirects(after.redirects(), before.redirects());
        compareDemands();
        for (var nve : hostingMayDiffer) {
            final var was = before.index().hostedVnis(nve);
            final var is = after.index().hostedVnis(nve);
            if (!was.equals(is)) {
                if (before.fabric() != after.fabric()) {
                    // a new intent: whatever the VNIs are now, recompile all of it
                    everything.add(nve);
                } else {
                    hostingChanged(nve, was, is);
                }
            }
        }
    }

    /**
     * An NVE started or stopped hosting some VNIs (within one fabric: a VM came or went, a redirect started or
     * ended): the scopes of those VNIs there, and of the VMs whose flows they hold: a network's VMs (with their
     * same-MAC neighbours where local), a routing domain's VMs of all its networks (their host routes). Not
     * everything of the NVE: the other VNIs' flows do not depend on these.
     */
    private void hostingChanged(final NveId nve, final Set<Vni> was, final Set<Vni> is) {
        final var changed = new HashSet<Vni>(was);
        changed.addAll(is);
        changed.removeIf(vni -> was.contains(vni) && is.contains(vni));
        final var atNve = scopesOf(nve);
        for (var vni : changed) {
            atNve.add(new OfVni(vni));
            for (var state : List.of(before, after)) {
                final var domain = state.index().routingDomainWithVni(vni);
                if (domain == null) {
                    vmsOfNetwork(state, nve, vni, atNve);
                    continue;
                }
                for (var network : state.fabric().networks().values()) {
                    if (domain.id().equals(network.routingDomain())) {
                        vmsOfNetwork(state, nve, network.vni(), atNve);
                    }
                }
            }
        }
    }

    private static void vmsOfNetwork(final ForwardingState state, final NveId nve, final Vni vni,
            final Set<FlowScope> atNve) {
        for (var placed : state.index().l2VmsIn(vni)) {
            atNve.add(new OfVm(placed.vm().id()));
            if (placed.placement().nve().equals(nve)) {
                neighbours(state, nve, placed.vm().mac(), atNve);
            }
        }
    }

    private SortedMap<NveId, NveScopes> result() {
        final var result = new TreeMap<NveId, NveScopes>();
        scopes.forEach((nve, changed) -> result.put(nve, NveScopes.of(changed)));
        everything.forEach(nve -> result.put(nve, NveScopes.EVERYTHING));
        result.keySet().retainAll(after.fabric().nves().keySet());
        return Collections.unmodifiableSortedMap(result);
    }

    /**
     * Returns every VM whose record or placement may differ: all of them when the fabric changed, else
     * those whose learned location did.
     */
    private static Set<VmId> vmsToCompare(final ForwardingState before, final ForwardingState after) {
        final var candidates = new HashSet<VmId>();
        if (before.fabric() != after.fabric()) {
            candidates.addAll(before.fabric().vms().keySet());
            candidates.addAll(after.fabric().vms().keySet());
        } else if (before.learned() != after.learned()) {
            final var changed = after.learnedLocations().changedSince(before.learnedLocations());
            if (changed.isPresent()) {
                // the learned locations' own history names the VMs that may have moved
                candidates.addAll(changed.orElseThrow());
                return candidates;
            }
            candidates.addAll(before.learned().keySet());
            candidates.addAll(after.learned().keySet());
            candidates.removeIf(id -> Objects.equals(before.learned().get(id), after.learned().get(id)));
        }
        return candidates;
    }

    private void compareNves() {
        if (before.fabric().nves() == after.fabric().nves()) {
            return;
        }
        final var ids = new HashSet<>(before.fabric().nves().keySet());
        ids.addAll(after.fabric().nves().keySet());
        for (var id : ids) {
            final var old = before.fabric().nves().get(id);
            final var now = after.fabric().nves().get(id);
            if (Objects.equals(old, now)) {
                continue;
            }
            everything.add(id);
            final boolean moved = old == null || now == null || !old.underlayIp().equals(now.underlayIp());
            if (moved) {
                // the NVE's VMs are reached at another address (or not at all)
                before.index().vmsOn(id).forEach(placed -> vmEverywhere(before, placed.vm()));
                after.index().vmsOn(id).forEach(placed -> vmEverywhere(after, placed.vm()));
            }
            compareGateways(old, now, moved);
        }
    }

    /**
     * A gateway NVE whose gateway of a routing domain changed (external prefixes, next hop, external port, or
     * the NVE is the domain's gateway no more or now), or whose underlay address changed, changes the domain's
     * routes: its VNI's scope on every NVE hosting it, before and after.
     */
    private void compareGateways(final @Nullable Nve old, final @Nullable Nve now, final boolean moved) {
        final var domains = new HashSet<RoutingDomainId>();
        if (old != null) {
            domains.addAll(old.gateways().keySet());
        }
        if (now != null) {
            domains.addAll(now.gateways().keySet());
        }
        for (var id : domains) {
            if (moved || old == null || now == null
                    || !Objects.equals(old.gateways().get(id), now.gateways().get(id))) {
                domainEverywhere(before, id);
                domainEverywhere(after, id);
            }
        }
    }

    /** A routing domain's VNI scope on every NVE hosting it in a state (none when the state has no such domain). */
    private void domainEverywhere(final ForwardingState state, final RoutingDomainId id) {
        final var domain = state.fabric().routingDomains().get(id);
        if (domain != null) {
            final var scope = new OfVni(domain.vni());
            state.index().hostsOf(domain.vni()).forEach(nve -> scopesOf(nve).add(scope));
        }
    }

    /**
     * A network or routing domain whose entry changed (mode, domain, subnets, policy, gateway MAC) changes
     * everything of the NVEs hosting it, or a network's routing domain, before or after.
     */
    private void compareNetworks() {
        final var fabricBefore = before.fabric();
        final var fabricAfter = after.fabric();
        if (fabricBefore.networks() != fabricAfter.networks()) {
            final var vnis = new HashSet<>(fabricBefore.networks().keySet());
            vnis.addAll(fabricAfter.networks().keySet());
            for (var vni : vnis) {
                if (!Objects.equals(fabricBefore.networks().get(vni), fabricAfter.networks().get(vni))) {
                    everything.addAll(before.index().hostsOf(vni));
                    everything.addAll(after.index().hostsOf(vni));
                    // its VMs' host routes, wherever its routing domain (before or after) is hosted
                    fabricBefore.routingDomainOf(vni).ifPresent(domain ->
                        everything.addAll(before.index().hostsOf(domain.vni())));
                    fabricAfter.routingDomainOf(vni).ifPresent(domain ->
                        everything.addAll(after.index().hostsOf(domain.vni())));
                }
            }
        }
        if (fabricBefore.routingDomains() != fabricAfter.routingDomains()) {
            final var ids = new HashSet<>(fabricBefore.routingDomains().keySet());
            ids.addAll(fabricAfter.routingDomains().keySet());
            for (var id : ids) {
                final var old = fabricBefore.routingDomains().get(id);
                final var now = fabricAfter.routingDomains().get(id);
                if (!Objects.equals(old, now)) {
                    if (old != null) {
                        everything.addAll(before.index().hostsOf(old.vni()));
                    }
                    if (now != null) {
                        everything.addAll(after.index().hostsOf(now.vni()));
                    }
                }
            }
        }
    }

    private void comparePorts() {
        if (before.ports() == after.ports()) {
            return;
        }
        final var ids = new HashSet<>(before.ports().keySet());
        ids.addAll(after.ports().keySet());
        for (var id : ids) {
            final var old = before.ports().get(id);
            final var now = after.ports().get(id);
            if (!Objects.equals(old, now)) {
                comparePortsOf(id, old, now);
            }
        }
    }

    /**
     * An NVE's ports changed: a connecting or disconnecting NVE, or a new VXLAN port number, changes everything
     * of it; otherwise a gateway's external port that came, went or was renumbered changes its routing domain's VNI
     * scope there, and a VM port the scopes of the VMs placed on the ports that changed, with their same-MAC
     * neighbours there.
     */
    private void comparePortsOf(final NveId id, final @Nullable NvePorts old, final @Nullable NvePorts now) {
        final var nve = after.fabric().nves().get(id);
        if (old == null || now == null || nve == null || !nve.equals(before.fabric().nves().get(id))
                || !Objects.equals(old.ofport(nve.tunnelPort()), now.ofport(nve.tunnelPort()))) {
            everything.add(id);
            return;
        }
        // a gateway's external port came, went or was renumbered: the routing domain's VNI scope here
        for (var gateway : nve.gateways().values()) {
            final var domain = after.fabric().routingDomains().get(gateway.domain());
            if (domain != null && !Objects.equals(old.ofport(gateway.externalPort()),
                    now.ofport(gateway.externalPort()))) {
                scopesOf(id).add(new OfVni(domain.vni()));
            }
        }
        final var changed = new HashSet<PortName>();
        for (var port : old.ofports().keySet()) {
            if (!Objects.equals(port, nve.tunnelPort()) && !Objects.equals(old.ofport(port), now.ofport(port))) {
                changed.add(port);
            }
        }
        for (var port : now.ofports().keySet()) {
            if (!Objects.equals(port, nve.tunnelPort()) && !Objects.equals(old.ofport(port), now.ofport(port))) {
                changed.add(port);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        for (var state : List.of(before, after)) {
            for (var placed : state.index().vmsOn(id)) {
                final var port = placed.placement().port();
                if (port != null && changed.contains(port)) {
                    localVm(id, placed.vm());
                }
            }
        }
    }

    private void compareVm(final @Nullable Vm old, final @Nullable Vm now) {
        final var oldPlacement = old == null ? null : before.placement(old).orElse(null);
        final var newPlacement = now == null ? null : after.placement(now).orElse(null);
        if (old != null && now != null && old.vni().equals(now.vni()) && old.mac().equals(now.mac())) {
            if (!old.ips().equals(now.ips())) {
                // its host routes, wherever its routing domain is hosted
                vmEverywhere(before, old);
                vmEverywhere(after, now);
            }
            if (Objects.equals(oldPlacement, newPlacement)) {
                return;
            }
            if (oldPlacement != null && newPlacement != null && oldPlacement.nve().equals(newPlacement.nve())) {
                // another port on the same NVE: only that NVE's admission of it and its destination there
                localVm(newPlacement.nve(), now);
                return;
            }
        }
        if (old != null) {
            vmEverywhere(before, old);
            if (oldPlacement != null) {
                localVm(oldPlacement.nve(), old);
            }
        }
        if (now != null) {
            vmEverywhere(after, now);
            if (newPlacement != null) {
                localVm(newPlacement.nve(), now);
            }
        }
    }

    /**
     * The VM's scope on every NVE that may hold flows of it in a state: every NVE hosting its VNI; with
     * destination-distribution on-demand only its own NVE, the NVEs that demanded it and the old NVEs of its
     * redirects (the others hold none of its flows: that is what on-demand saves).
     */
    private void vmEverywhere(final ForwardingState state, final Vm vm) {
        final var scope = new OfVm(vm.id());
        // its host routes are everywhere its routing domain is, whatever the destination distribution
        state.fabric().routingDomainOf(vm.vni()).ifPresent(domain ->
            state.index().hostsOf(domain.vni()).forEach(nve -> scopesOf(nve).add(scope)));
        if (!OnDemandDestinations.onDemand(state)) {
            for (var nve : state.index().hostsOf(vm.vni())) {
                scopesOf(nve).add(scope);
            }
            return;
        }
        state.placement(vm).ifPresent(placement -> scopesOf(placement.nve()).add(scope));
        for (var nve : state.demands().demandersOf(vm.id())) {
            scopesOf(nve).add(scope);
        }
        for (var redirect : state.redirects()) {
            if (redirect.vm().equals(vm.id())) {
                scopesOf(redirect.from()).add(scope);
            }
        }
    }

    /** With on-demand, a demand that came or went changes the demanded VM's scope at the demanding NVE. */
    private void compareDemands() {
        final var old = before.demands().byNve();
        final var now = after.demands().byNve();
        // in push mode demands decide no flow (and a change of mode changed everything already)
        if (old == now || !OnDemandDestinations.onDemand(after)) {
            return;
        }
        final var nves = new HashSet<>(old.keySet());
        nves.addAll(now.keySet());
        for (var nve : nves) {
            final var was = before.demands().demandedBy(nve);
            final var is = after.demands().demandedBy(nve);
            if (!was.equals(is)) {
                final var changed = new HashSet<>(was);
                changed.addAll(is);
                changed.removeIf(vm -> was.contains(vm) && is.contains(vm));
                changed.forEach(vm -> scopesOf(nve).add(new OfVm(vm)));
            }
        }
    }

    /** A VM local to an NVE: its scope there, its same-MAC neighbours' (its admission decides theirs). */
    private void localVm(final NveId nve, final Vm vm) {
        hostingMayDiffer.add(nve);
        final var changed = scopesOf(nve);
        changed.add(new OfVm(vm.id()));
        neighbours(before, nve, vm.mac(), changed);
        neighbours(after, nve, vm.mac(), changed);
    }

    private static void neighbours(final ForwardingState state, final NveId nve, final MacAddress mac,
            final Set<FlowScope> changed) {
        for (var placed : state.index().vmsOn(nve, mac)) {
            changed.add(new OfVm(placed.vm().id()));
        }
    }

    /** Adds the VM's scope at the old NVE of every redirect of {@code these} that {@code others} does not hold. */
    private void compareRedirects(final Set<Redirect> these, final Set<Redirect> others) {
        if (these == others) {
            return;
        }
        for (var redirect : these) {
            if (!others.contains(redirect)) {
                scopesOf(redirect.from()).add(new OfVm(redirect.vm()));
                hostingMayDiffer.add(redirect.from());
            }
        }
    }

    private Set<FlowScope> scopesOf(final NveId nve) {
        return scopes.computeIfAbsent(nve, ignored -> new HashSet<>());
    }
}
