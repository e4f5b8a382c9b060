/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

/**
 * The look-ups the compiler needs, derived from a {@link ForwardingState}: placed VMs by NVE and by VNI,
 * redirects by old NVE, which VNIs each NVE hosts, and per routing domain its VNI and gateway NVEs. VMs are
 * sorted by MAC (then VNI), redirects by VM id, gateway NVEs by id, so the compiled flows come out in a
 * deterministic order. Immutable once built.
 *
 * <p>An NVE hosts a network's VNI when a VM of the network is placed on it or it is the old NVE of a redirect of
 * such a VM; it hosts a routing domain's VNI when it hosts one of the domain's L3 networks or is a gateway of the
 * domain.
 *
 * <p>Built from scratch it costs a pass over every VM; {@link #patched} derives the index of a state that
 * differs from an indexed one in a few VMs' placements and redirects (a move) at the cost of the lists it
 * changes, sharing the rest.
 */
final class ForwardingIndex {
    /**
     * A VM with its placement.
     *
     * @param vm the VM
     * @param placement where it is
     */
    record PlacedVm(Vm vm, Placement placement) {
    }

    /** MACs are unique within a VNI; across VNIs the VNI tells apart. Cheaper to sort by than VM ids. */
    private static final Comparator<PlacedVm> BY_MAC_AND_VNI = Comparator
        .<PlacedVm>comparingLong(placed -> placed.vm().mac().bits())
        .thenComparingInt(placed -> placed.vm().vni().value());
    private static final Comparator<Redirect> BY_VM = Comparator.comparing(Redirect::vm);

    private final Map<NveId, List<PlacedVm>> vmsByNve;
    private final Map<Vni, List<PlacedVm>> l2VmsByVni;
    private final Map<NveId, List<Redirect>> redirectsByNve;
    /** Per NVE, per hosted VNI: how many VMs and redirects make the NVE host it. */
    private final Map<NveId, NavigableMap<Vni, Integer>> hostingByNve;
    private final Map<Vni, Set<NveId>> hostsByVni;
    /** Of the fabric alone: shared by every index patched from this one. */
    private final Map<Vni, RoutingDomain> domainsByVni;
    private final Map<RoutingDomainId, List<Nve>> gatewaysByDomain;

    private ForwardingIndex(final Builder builder) {
        vmsByNve = builder.vmsByNve;
        l2VmsByVni = builder.l2VmsByVni;
        redirectsByNve = builder.redirectsByNve;
        hostingByNve = builder.hostingByNve;
        hostsByVni = builder.hostsByVni;
        domainsByVni = builder.domainsByVni;
        gatewaysByDomain = builder.gatewaysByDomain;
    }

    /**
     * Indexes a state from scratch.
     *
     * @param state the state
     * @return its index
     */
    static ForwardingIndex of(final ForwardingState state) {
        final var builder = new Builder(state);
        for (var vm : state.fabric().vms().values()) {
            final var placement = state.placement(vm).orElse(null);
            if (placement != null) {
                builder.addVm(new PlacedVm(vm, placement));
            }
        }
        for (var redirect : state.redirects()) {
            builder.addRedirect(redirect);
        }
        builder.addGateways();
        builder.vmsByNve.values().forEach(list -> list.sort(BY_MAC_AND_VNI));
        builder.l2VmsByVni.values().forEach(list -> list.sort(BY_MAC_AND_VNI));
        builder.redirectsByNve.values().forEach(list -> list.sort(BY_VM));
        return new ForwardingIndex(builder);
    }

    /**
     * Derives the index of {@code after} from this index of {@code before}, where both share their fabric.
     *
     * @param before the state this index is of
     * @param after the new state, same fabric
     * @param changedVms every VM whose placement may differ (others must not)
     * @return the index of {@code after}
     */
    ForwardingIndex patched(final ForwardingState before, final ForwardingState after,
            final Collection<VmId> changedVms) {
        if (before.fabric() != after.fabric()) {
            throw new IllegalArgumentException("an index is patched only within one fabric snapshot");
        }
        final var builder = new Builder(after, this);
        for (var id : changedVms) {
            final var vm = after.fabric().vms().get(id);
            if (vm == null) {
                continue;
            }
            final var old = before.placement(vm).orElse(null);
            final var now = after.placement(vm).orElse(null);
            if (!Objects.equals(old, now)) {
                if (old != null) {
                    builder.removeVm(new PlacedVm(vm, old));
                }
                if (now != null) {
                    builder.addVm(new PlacedVm(vm, now));
                }
            }
        }
        for (var redirect : before.redirects()) {
            if (!after.redirects().contains(redirect)) {
                builder.removeRedirect(redirect);
            }
        }
        for (var redirect : after.redirects()) {
            if (!before.redirects().contains(redirect)) {
                builder.addRedirect(redirect);
            }
        }
        return new ForwardingIndex(builder);
    }

    /**
     * Returns the VMs placed on an NVE, of every network.
     *
     * @param nve the NVE
     * @return the VMs, by MAC and VNI
     */
    List<PlacedVm> vmsOn(final NveId nve) {
        return Collections.unmodifiableList(vmsByNve.getOrDefault(nve, List.of()));
    }

    /**
     * Returns the VMs placed on an NVE with one MAC, of every network.
     *
     * @param nve the NVE
     * @param mac the MAC
     * @return the VMs, by VNI
     */
    List<PlacedVm> vmsOn(final NveId nve, final MacAddress mac) {
        final var placed = vmsByNve.getOrDefault(nve, List.of());
        int from = firstWithMacAtLeast(placed, mac.bits());
        int to = from;
        while (to < placed.size() && placed.get(to).vm().mac().bits() == mac.bits()) {
            to++;
        }
        return Collections.unmodifiableList(placed.subList(from, to));
    }

    private static int firstWithMacAtLeast(final List<PlacedVm> sorted, final long mac) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            final int middle = low + high >>> 1;
            if (Long.compare(sorted.get(middle).vm().mac().bits(), mac) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Returns the redirect of a VM from an NVE.
     *
     * @param from the old NVE
     * @param vm the VM
     * @return the redirect, or null when there is none (or the fabric has no such VM)
     */
    @Nullable Redirect redirect(final NveId from, final VmId vm) {
        final var redirects = redirectsByNve.getOrDefault(from, List.of());
        final int at = Collections.binarySearch(redirects, new Redirect(vm, from, 1), BY_VM);
        return at < 0 ? null : redirects.get(at);
    }

    /**
     * Returns the placed VMs of a network (L2 or L3).
     *
     * @param vni the network
     * @return the VMs, by MAC
     */
    List<PlacedVm> l2VmsIn(final Vni vni) {
        return Collections.unmodifiableList(l2VmsByVni.getOrDefault(vni, List.of()));
    }

    /**
     * Returns the redirects whose old NVE is this one, of VMs the fabric has.
     *
     * @param nve the NVE
     * @return the redirects, by VM id
     */
    List<Redirect> redirectsFrom(final NveId nve) {
        return Collections.unmodifiableList(redirectsByNve.getOrDefault(nve, List.of()));
    }

    /**
     * Returns the VNIs an NVE hosts: networks' and routing domains'.
     *
     * @param nve the NVE
     * @return the VNIs, ascending
     */
    SortedSet<Vni> hostedVnis(final NveId nve) {
        final var hosting = hostingByNve.get(nve);
        return hosting == null ? Collections.emptySortedSet()
            : Collections.unmodifiableSortedSet(hosting.navigableKeySet());
    }

    /**
     * Returns the NVEs hosting a network's or a routing domain's VNI.
     *
     * @param vni the VNI
     * @return the NVEs
     */
    Set<NveId> hostsOf(final Vni vni) {
        return Collections.unmodifiableSet(hostsByVni.getOrDefault(vni, Set.of()));
    }

    /**
     * Returns the routing domain whose own VNI this is (not the domain of a network: see
     * {@link org.nvo3.nva.api.FabricSnapshot#routingDomainOf}).
     *
     * @param vni the VNI
     * @return the domain, or null when no routing domain has this VNI
     */
    @Nullable RoutingDomain routingDomainWithVni(final Vni vni) {
        return domainsByVni.get(vni);
    }

    /**
     * Returns the gateway NVEs of a routing domain.
     *
     * @param domain the domain
     * @return the NVEs whose gateways include it, by id
     */
    List<Nve> gatewaysOf(final RoutingDomainId domain) {
        return gatewaysByDomain.getOrDefault(domain, List.of());
    }

    /**
     * The maps of an index under construction. Built from scratch, it owns every list, only adds, and
     * appends (the caller sorts at the end); patching, it starts from another index's maps and copies a list,
     * map or set the first time it changes it, keeping lists sorted, so the other index never changes.
     */
    private static final class Builder {
        final ForwardingState state;
        final boolean fromScratch;
        final Map<NveId, List<PlacedVm>> vmsByNve;
        final Map<Vni, List<PlacedVm>> l2VmsByVni;
        final Map<NveId, List<Redirect>> redirectsByNve;
        final Map<NveId, NavigableMap<Vni, Integer>> hostingByNve;
        final Map<Vni, Set<NveId>> hostsByVni;
        Map<Vni, RoutingDomain> domainsByVni;
        Map<RoutingDomainId, List<Nve>> gatewaysByDomain;
        final Set<Object> owned = new HashSet<>();

        Builder(final ForwardingState state) {
            this.state = state;
            fromScratch = true;
            vmsByNve = new HashMap<>();
            l2VmsByVni = new HashMap<>();
            redirectsByNve = new HashMap<>();
            hostingByNve = new HashMap<>();
            hostsByVni = new HashMap<>();
            domainsByVni = Map.of();
            gatewaysByDomain = Map.of();
        }

        Builder(final ForwardingState state, final ForwardingIndex base) {
            this.state = state;
            fromScratch = false;
            vmsByNve = new HashMap<>(base.vmsByNve);
            l2VmsByVni = new HashMap<>(base.l2VmsByVni);
            redirectsByNve = new HashMap<>(base.redirectsByNve);
            hostingByNve = new HashMap<>(base.hostingByNve);
            hostsByVni = new HashMap<>(base.hostsByVni);
            // the fabric is the base's
            domainsByVni = base.domainsByVni;
            gatewaysByDomain = base.gatewaysByDomain;
        }

        void addVm(final PlacedVm placed) {
            final var nve = placed.placement().nve();
            final var vni = placed.vm().vni();
            insert(ownedList(vmsByNve, nve, "vms"), placed, BY_MAC_AND_VNI);
            if (isForwarded(vni)) {
                insert(ownedList(l2VmsByVni, vni, "l2"), placed, BY_MAC_AND_VNI);
                hostNetwork(nve, vni, 1);
            }
        }

        void removeVm(final PlacedVm placed) {
            final var nve = placed.placement().nve();
            final var vni = placed.vm().vni();
            remove(vmsByNve, nve, "vms", placed, BY_MAC_AND_VNI);
            if (isForwarded(vni)) {
                remove(l2VmsByVni, vni, "l2", placed, BY_MAC_AND_VNI);
                hostNetwork(nve, vni, -1);
            }
        }

        void addRedirect(final Redirect redirect) {
            final var vm = state.fabric().vms().get(redirect.vm());
            if (vm != null) {
                insert(ownedList(redirectsByNve, redirect.from(), "redirects"), redirect, BY_VM);
                hostNetwork(redirect.from(), vm.vni(), 1);
            }
        }

        void removeRedirect(final Redirect redirect) {
            final var vm = state.fabric().vms().get(redirect.vm());
            if (vm != null) {
                remove(redirectsByNve, redirect.from(), "redirects", redirect, BY_VM);
                hostNetwork(redirect.from(), vm.vni(), -1);
            }
        }

        /**
         * Indexes the routing domains by VNI and their gateway NVEs by domain; gateway NVEs host the VNIs of the
         * routing domains they are gateways of.
         */
        void addGateways() {
            final var byVni = new HashMap<Vni, RoutingDomain>();
            state.fabric().routingDomains().values().forEach(domain -> byVni.put(domain.vni(), domain));
            final var gateways = new HashMap<RoutingDomainId, List<Nve>>();
            for (var nve : state.fabric().nves().values()) {
                for (var domain : nve.gateways().keySet()) {
                    final var routing = state.fabric().routingDomains().get(domain);
                    if (routing != null) {
                        host(nve.id(), routing.vni(), 1);
                        gateways.computeIfAbsent(domain, ignored -> new ArrayList<>()).add(nve);
                    }
                }
            }
            gateways.replaceAll((domain, nves) -> nves.stream().sorted(Comparator.comparing(Nve::id)).toList());
            domainsByVni = Map.copyOf(byVni);
            gatewaysByDomain = Map.copyOf(gateways);
        }

        /**
         * Tells whether a network gets flows: an L2 network, or an L3 network in a routing domain (one without,
         * which validation refuses, gets none).
         */
        private boolean isForwarded(final Vni vni) {
            final var network = state.fabric().networks().get(vni);
            return network != null && (!network.isRouted() || state.fabric().routingDomainOf(vni).isPresent());
        }

        /** A network hosted by an NVE: its VNI and, for an L3 network, its routing domain's VNI. */
        private void hostNetwork(final NveId nve, final Vni vni, final int delta) {
            if (!isForwarded(vni)) {
                return;
            }
            host(nve, vni, delta);
            state.fabric().routingDomainOf(vni).ifPresent(domain -> host(nve, domain.vni(), delta));
        }

        private void host(final NveId nve, final Vni vni, final int delta) {
            final NavigableMap<Vni, Integer> hosting = own(hostingByNve, nve, "hosting", TreeMap::new,
                base -> new TreeMap<>(base));
            final int reasons = hosting.getOrDefault(vni, 0) + delta;
            if (reasons < 0) {
                throw new IllegalStateException(nve + " stops hosting " + vni + " more often than it started");
            }
            if (reasons == 0) {
                hosting.remove(vni);
                hostsOf(vni).remove(nve);
            } else {
                hosting.put(vni, reasons);
                if (reasons == delta) {
                    hostsOf(vni).add(nve);
                }
            }
        }

        private Set<NveId> hostsOf(final Vni vni) {
            return own(hostsByVni, vni, "hosts", HashSet::new, base -> new HashSet<>(base));
        }

        private <K, T> List<T> ownedList(final Map<K, List<T>> map, final K key, final String kind) {
            return own(map, key, kind, ArrayList::new, base -> new ArrayList<>(base));
        }

        private <K, T> void remove(final Map<K, List<T>> map, final K key, final String kind, final T element,
                final Comparator<T> order) {
            final var list = ownedList(map, key, kind);
            final int at = Collections.binarySearch(list, element, order);
            if (at < 0 || !list.get(at).equals(element)) {
                throw new IllegalStateException(element + " is not indexed under " + key);
            }
            list.remove(at);
        }

        private <T> void insert(final List<T> list, final T element, final Comparator<T> order) {
            if (fromScratch) {
                list.add(element);
                return;
            }
            final int at = Collections.binarySearch(list, element, order);
            if (at >= 0) {
                throw new IllegalStateException(element + " is indexed twice");
            }
            list.add(-at - 1, element);
        }

        /**
         * Returns the collection under a key that this builder may change: a new one when there is none, a copy
         * of the base index's the first time.
         */
        private <K, C> C own(final Map<K, C> map, final K key, final String kind,
                final Supplier<C> empty, final Function<C, C> copy) {
            final var present = map.get(key);
            final var marker = List.of(kind, key);
            if (present != null && (fromScratch || owned.contains(marker))) {
                return present;
            }
            final C mine = present == null ? empty.get() : copy.apply(present);
            map.put(key, mine);
            owned.add(marker);
            return mine;
        }
    }

    @Override
    public String toString() {
        return "ForwardingIndex{nves=" + vmsByNve.size() + ", l2Vnis=" + l2VmsByVni.size() + "}";
    }
}
