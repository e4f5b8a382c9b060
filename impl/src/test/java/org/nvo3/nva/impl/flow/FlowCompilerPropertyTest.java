/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.flow.TestFabric.network;
import static org.nvo3.nva.impl.flow.TestFabric.nve;
import static org.nvo3.nva.impl.flow.TestFabric.vm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.ExternalGateway;
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
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;

/**
 * Random histories of moves, placements, redirects, port changes, fabric changes and, with destination-distribution
 * on-demand or push, NVEs' demands for remote VMs coming and expiring (seeded; the seed is in
 * every failure message). After every step: re-compiling only {@link FlowCompiler#affectedNves} NVEs keeps
 * every NVE's flows equal to a full re-compile from a freshly indexed state (so no NVE whose flows changed is
 * left out, and the index derived from the previous state's is right), and the flows forward between any two
 * reachable VMs of one VNI, and only within the VNI.
 */
public class FlowCompilerPropertyTest {
    private static final int SEEDS = 40;
    private static final int STEPS = 150;
    private static final int NVES = 5;
    private static final int VMS = 12;
    private static final int VNIS = 3;
    /** Two routing domains; an L3 network is in one of them. */
    private static final List<RoutingDomain> DOMAINS = List.of(
        new RoutingDomain(new RoutingDomainId("rd-a"), new Vni(9001), "", RoutingDomain.DEFAULT_GATEWAY_MAC),
        new RoutingDomain(new RoutingDomainId("rd-b"), new Vni(9002), "", MacAddress.parse("02:4e:56:41:00:02")));
    private static final int FIRST_VNI = 101;
    private static final long FIRST_VM_OFPORT = 10;
    /** NVEs switch between two VXLAN ports, both usually up. */
    private static final PortName OTHER_TUNNEL = new PortName("vxlan1");
    private static final long OTHER_TUNNEL_OFPORT = 2;
    /** What a renumbered port's number is moved by (clear of every other port's). */
    private static final long RENUMBERED = 100;
    /** Per routing domain, the two external port names its gateway NVEs switch between (numbered from 3). */
    private static final List<List<PortName>> EXTERNAL_PORTS = List.of(
        List.of(new PortName("up-a0"), new PortName("up-a1")), List.of(new PortName("up-b0"), new PortName("up-b1")));
    private static final long FIRST_EXTERNAL_OFPORT = 3;
    /** The external prefixes gateways announce some of (documentation ranges; some overlap, longer and shorter). */
    private static final List<IpPrefix> EXTERNAL_PREFIXES = List.of(IpPrefix.parse("203.0.113.0/24"),
        IpPrefix.parse("203.0.113.128/25"), IpPrefix.parse("2001:db8:ffff::/48"),
        IpPrefix.parse("2001:db8:ffff:8000::/49"), IpPrefix.parse("198.18.0.0/15"));
    /** Addresses routed packets are sent to: in one, two or none of the prefixes. */
    private static final List<IpAddress> EXTERNAL_DESTINATIONS = List.of(IpAddress.parse("203.0.113.9"),
        IpAddress.parse("203.0.113.200"), IpAddress.parse("2001:db8:ffff::9"), IpAddress.parse("2001:db8:ffff:8000::9"),
        IpAddress.parse("198.19.0.1"), IpAddress.parse("192.0.2.99"));
    private static final List<MacAddress> NEXT_HOPS = List.of(MacAddress.parse("02:00:00:00:ee:01"),
        MacAddress.parse("02:00:00:00:ee:02"));

    /** The mutable model a history changes; {@link #state()} freezes it. */
    private static final class Model {
        final Random random;
        final List<Nve> nves = new ArrayList<>();
        final Map<Integer, OverlayMode> modes = new HashMap<>();
        final Map<Integer, OldLocationPolicy> policies = new HashMap<>();
        /** Which of the two routing domains each VNI is in while it is L3. */
        final Map<Integer, RoutingDomain> domainOf = new HashMap<>();
        final List<Vm> vms = new ArrayList<>();
        final Map<VmId, VmLocation> learned = new HashMap<>();
        final Map<NveId, Map<PortName, Long>> ports = new HashMap<>();
        final Set<Redirect> redirects = new HashSet<>();
        /**
         * Whether VMs also leave and rejoin the intent, and are sometimes learned on the port of a VM with their
         * MAC (of another VNI); the forwarding check tells a VM by its port and its index, and leaves this off.
         */
        boolean churn;
        /** VMs taken out of the intent for now. */
        final Set<VmId> absent = new HashSet<>();
        UnknownDestination unknownDestination = UnknownDestination.PULL;
        DestinationDistribution distribution;
        int pullIdleSeconds = 60;
        final Map<NveId, Set<VmId>> demands = new HashMap<>();
        long sequence;

        Model(final Random random) {
            this.random = random;
            distribution = random.nextBoolean() ? DestinationDistribution.PUSH : DestinationDistribution.ON_DEMAND;
            for (int n = 1; n <= NVES; n++) {
                final var nve = nve(n, n <= 3 ? "192.0.2." + n : "2001:db8::" + n);
                nves.add(nve);
                ports.put(nve.id(), allPorts(nve));
            }
            // nve1 and nve2 are gateways of rd-a (both announce 203.0.113.0/24: nve1's), nve4 of rd-b
            final var rdA = DOMAINS.get(0).id();
            final var rdB = DOMAINS.get(1).id();
            nves.set(0, withGateways(nves.get(0), Map.of(rdA, new ExternalGateway(rdA, EXTERNAL_PORTS.get(0).get(0),
                NEXT_HOPS.get(0), List.of(EXTERNAL_PREFIXES.get(0), EXTERNAL_PREFIXES.get(2))))));
            nves.set(1, withGateways(nves.get(1), Map.of(rdA, new ExternalGateway(rdA, EXTERNAL_PORTS.get(0).get(0),
                NEXT_HOPS.get(1), List.of(EXTERNAL_PREFIXES.get(0), EXTERNAL_PREFIXES.get(1))))));
            nves.set(3, withGateways(nves.get(3), Map.of(rdB, new ExternalGateway(rdB, EXTERNAL_PORTS.get(1).get(0),
                NEXT_HOPS.get(0), List.of(EXTERNAL_PREFIXES.get(0), EXTERNAL_PREFIXES.get(3),
                    EXTERNAL_PREFIXES.get(4))))));
            for (int v = 0; v < VNIS; v++) {
                modes.put(FIRST_VNI + v, random.nextBoolean() ? OverlayMode.L2 : OverlayMode.L3);
                policies.put(FIRST_VNI + v, OldLocationPolicy.REDIRECT);
                domainOf.put(FIRST_VNI + v, DOMAINS.get(random.nextInt(DOMAINS.size())));
            }
            for (int i = 0; i < VMS; i++) {
                // VMs of different VNIs share MACs, not addresses (a routing domain routes to every one)
                vms.add(vm("vm" + i, FIRST_VNI + i % VNIS, String.format("02:00:00:00:00:%02x", i / VNIS + 1),
                    "198.51.100." + (i + 1), randomNve(), random.nextBoolean() ? port(i) : null));
            }
        }

        /** The intent: one snapshot until the intent changes, as the directory publishes it. */
        @Nullable FabricSnapshot fabric;

        ForwardingState state() {
            var intent = fabric;
            if (intent == null) {
                final var networks = modes.entrySet().stream()
                    .map(entry -> entry.getValue() == OverlayMode.L2 ? network(entry.getKey(), OverlayMode.L2)
                        : TestFabric.routedNetwork(entry.getKey(), domainOf.get(entry.getKey()),
                            policies.get(entry.getKey()))).toList();
                intent = TestFabric.snapshot(new FabricSettings(30, 5, 180, unknownDestination, false)
                    .withDistribution(distribution, pullIdleSeconds), nves, networks,
                    vms.stream().filter(vm -> !absent.contains(vm.id())).toList(), DOMAINS);
                fabric = intent;
            }
            final var connected = new HashMap<NveId, NvePorts>();
            ports.forEach((nve, numbers) -> connected.put(nve, new NvePorts(numbers)));
            return new ForwardingState(intent, learned, connected, redirects, PullDemands.of(demands));
        }

        String step() {
            final int vmIndex = random.nextInt(VMS);
            final var vm = vms.get(vmIndex);
            final var nve = nves.get(random.nextInt(NVES));
            switch (random.nextInt(26)) {
                case 0, 1, 2 -> {
                    // sometimes on the port of a VM with the same MAC (another VNI): neither is admitted there
                    final int portOf = churn && random.nextInt(4) == 0
                        ? vmIndex / VNIS * VNIS + random.nextInt(VNIS) : vmIndex;
                    learned.put(vm.id(), new VmLocation(vm.id(), nve.id(),
                        random.nextInt(5) == 0 ? null : new PortName(port(portOf)), ++sequence,
                        MoveTrigger.GRATUITOUS_ARP, TestFabric.SINCE, false));
                    return "learn " + vm.id() + " at " + nve.id();
                }
                case 3 -> {
                    learned.remove(vm.id());
                    return "forget " + vm.id();
                }
                case 4 -> {
                    final var placed = randomNve();
                    vms.set(vmIndex, new Vm(vm.id(), vm.vni(), vm.mac(), vm.ips(), placed == null ? null : placed.id(),
                        placed == null || random.nextBoolean() ? null : new PortName(port(vmIndex))));
                    fabric = null;
                    return "place " + vm.id() + " at " + placed;
                }
                case 5, 6 -> {
                    redirects.removeIf(redirect -> redirect.vm().equals(vm.id()) && redirect.from().equals(nve.id()));
                    redirects.add(new Redirect(vm.id(), nve.id(), 10 * (1 + random.nextInt(3))));
                    return "redirect " + vm.id() + " from " + nve.id();
                }
                case 7 -> {
                    if (redirects.isEmpty()) {
                        return "no redirect to remove";
                    }
                    final var gone = new ArrayList<>(redirects).get(random.nextInt(redirects.size()));
                    redirects.remove(gone);
                    return "end " + gone;
                }
                case 8 -> {
                    final var connected = ports.get(nve.id());
                    if (connected == null) {
                        ports.put(nve.id(), allPorts(nve));
                        return "connect " + nve.id();
                    }
                    final int pick = random.nextInt(8);
                    final var name = pick < 2 ? nve.tunnelPort() : pick == 2 ? randomExternalPort()
                        : new PortName(port(vmIndex));
                    if (connected.remove(name) == null) {
                        connected.put(name, number(name));
                        return "port " + name + " up on " + nve.id();
                    }
                    return "port " + name + " down on " + nve.id();
                }
                case 9 -> {
                    if (ports.remove(nve.id()) == null) {
                        return "already disconnected " + nve.id();
                    }
                    return "disconnect " + nve.id();
                }
                case 10 -> {
                    unknownDestination = random.nextBoolean() ? UnknownDestination.PULL : UnknownDestination.DROP;
                    fabric = null;
                    return "unknown-destination " + unknownDestination;
                }
                case 11 -> {
                    final int vni = FIRST_VNI + random.nextInt(VNIS);
                    modes.put(vni, modes.get(vni) == OverlayMode.L2 ? OverlayMode.L3 : OverlayMode.L2);
                    fabric = null;
                    return "mode of " + vni + " " + modes.get(vni);
                }
                case 12 -> {
                    final var renamed = new Nve(nve.id(), nve.datapathId(), nve.underlayIp(),
                        nve.tunnelPort().equals(OTHER_TUNNEL) ? Nve.DEFAULT_TUNNEL_PORT : OTHER_TUNNEL, nve.gateways());
                    nves.set(nves.indexOf(nve), renamed);
                    fabric = null;
                    return "VXLAN port of " + nve.id() + " " + renamed.tunnelPort();
                }
                case 13, 14, 15 -> {
                    demands.computeIfAbsent(nve.id(), id -> new HashSet<>()).add(vm.id());
                    return nve.id() + " demands " + vm.id();
                }
                case 16 -> {
                    final var demanded = demands.get(nve.id());
                    if (demanded == null || demanded.isEmpty()) {
                        return "no demand of " + nve.id() + " to expire";
                    }
                    final var gone = new ArrayList<>(demanded).get(random.nextInt(demanded.size()));
                    demanded.remove(gone);
                    return "demand of " + nve.id() + " for " + gone + " expired";
                }
                case 17 -> {
                    if (random.nextBoolean()) {
                        distribution = distribution == DestinationDistribution.PUSH ? DestinationDistribution.ON_DEMAND
                            : DestinationDistribution.PUSH;
                    } else {
                        pullIdleSeconds = 30 + random.nextInt(2) * 30;
                    }
                    fabric = null;
                    return "destination-distribution " + distribution + " idle " + pullIdleSeconds;
                }
                case 18 -> {
                    if (!churn) {
                        return "no churn";
                    }
                    fabric = null;
                    if (absent.remove(vm.id())) {
                        return "add " + vm.id();
                    }
                    absent.add(vm.id());
                    return "remove " + vm.id();
                }
                case 20 -> {
                    final int vni = FIRST_VNI + random.nextInt(VNIS);
                    final var values = OldLocationPolicy.values();
                    policies.put(vni, values[random.nextInt(values.length)]);
                    fabric = null;
                    return "old-location-policy of " + vni + " " + policies.get(vni);
                }
                case 21 -> {
                    final int vni = FIRST_VNI + random.nextInt(VNIS);
                    domainOf.put(vni, DOMAINS.get(random.nextInt(DOMAINS.size())));
                    fabric = null;
                    return "routing domain of " + vni + " " + domainOf.get(vni).id();
                }
                case 23 -> {
                    final int d = random.nextInt(DOMAINS.size());
                    final var domain = DOMAINS.get(d).id();
                    final var gateways = new HashMap<>(nve.gateways());
                    if (gateways.remove(domain) == null) {
                        final var prefixes = EXTERNAL_PREFIXES.stream().filter(prefix -> random.nextBoolean()).toList();
                        gateways.put(domain, new ExternalGateway(domain, EXTERNAL_PORTS.get(d).get(random.nextInt(2)),
                            NEXT_HOPS.get(random.nextInt(2)), prefixes));
                    }
                    nves.set(nves.indexOf(nve), withGateways(nve, gateways));
                    fabric = null;
                    return "gateway of " + domain + " at " + nve.id() + ": " + gateways.get(domain);
                }
                case 24, 25 -> {
                    if (nve.gateways().isEmpty()) {
                        return "no gateway at " + nve.id();
                    }
                    final var domain = new ArrayList<>(nve.gateways().keySet()).get(random.nextInt(
                        nve.gateways().size()));
                    final var old = nve.gateways().get(domain);
                    final var prefixes = new ArrayList<>(old.prefixes());
                    var port = old.externalPort();
                    var nextHop = old.nextHopMac();
                    switch (random.nextInt(4)) {
                        case 0, 1 -> {
                            final var prefix = EXTERNAL_PREFIXES.get(random.nextInt(EXTERNAL_PREFIXES.size()));
                            if (!prefixes.remove(prefix)) {
                                prefixes.add(prefix);
                            }
                        }
                        case 2 -> nextHop = NEXT_HOPS.get(NEXT_HOPS.get(0).equals(nextHop) ? 1 : 0);
                        default -> {
                            final var names = EXTERNAL_PORTS.get(DOMAINS.stream().map(RoutingDomain::id).toList()
                                .indexOf(domain));
                            port = names.get(names.get(0).equals(port) ? 1 : 0);
                        }
                    }
                    final var gateways = new HashMap<>(nve.gateways());
                    gateways.put(domain, new ExternalGateway(domain, port, nextHop, prefixes));
                    nves.set(nves.indexOf(nve), withGateways(nve, gateways));
                    fabric = null;
                    return "gateway of " + domain + " at " + nve.id() + " now " + gateways.get(domain);
                }
                case 22 -> {
                    final var ips = new HashSet<>(vm.ips());
                    final var extra = IpAddress.parse("2001:db8:" + Integer.toHexString(vm.vni().value()) + "::"
                        + Integer.toHexString(vmIndex + 16));
                    if (!ips.remove(extra)) {
                        ips.add(extra);
                    }
                    vms.set(vmIndex, new Vm(vm.id(), vm.vni(), vm.mac(), ips, vm.nve(), vm.port()));
                    fabric = null;
                    return "addresses of " + vm.id() + " " + ips;
                }
                default -> {
                    final int index = nves.indexOf(nve);
                    final var moved = random.nextBoolean() ? "198.51.100." + (200 + index + random.nextInt(2) * 10)
                        : "2001:db8:1::" + (index + 1 + random.nextInt(2) * 10);
                    nves.set(index, new Nve(nve.id(), nve.datapathId(), IpAddress.parse(moved),
                        nve.tunnelPort(), nve.gateways()));
                    fabric = null;
                    return "underlay of " + nve.id() + " " + moved;
                }
            }
        }

        /**
         * Changes only ports, as a switch's port-status messages do: one NVE connects or disconnects, or one to
         * three of its ports (VM ports, its VXLAN port, the other VXLAN port) come, go or are renumbered.
         */
        String portStep() {
            final var nve = nves.get(random.nextInt(NVES));
            final var connected = ports.get(nve.id());
            if (connected == null) {
                ports.put(nve.id(), allPorts(nve));
                return "connect " + nve.id();
            }
            if (random.nextInt(12) == 0) {
                ports.remove(nve.id());
                return "disconnect " + nve.id();
            }
            final var changes = new ArrayList<String>();
            for (int change = 1 + random.nextInt(3); change > 0; change--) {
                final int vmIndex = random.nextInt(VMS);
                final int pick = random.nextInt(10);
                final var name = pick == 0 ? nve.tunnelPort()
                    : pick == 1 ? (nve.tunnelPort().equals(OTHER_TUNNEL) ? Nve.DEFAULT_TUNNEL_PORT : OTHER_TUNNEL)
                    : pick == 2 ? randomExternalPort()
                    : new PortName(port(vmIndex));
                final long number = number(name);
                final var now = connected.get(name);
                if (now == null) {
                    connected.put(name, number);
                    changes.add(name + " up");
                } else if (random.nextBoolean()) {
                    connected.remove(name);
                    changes.add(name + " down");
                } else {
                    // between two numbers no other port has
                    final long renumbered = now == number ? number + RENUMBERED : number;
                    connected.put(name, renumbered);
                    changes.add(name + " renumbered " + renumbered);
                }
            }
            return "ports of " + nve.id() + ": " + changes;
        }

        /**
         * A connected NVE starts with its VXLAN ports, every external port and a port for every VM; ports then go
         * down and up.
         */
        private static Map<PortName, Long> allPorts(final Nve nve) {
            final var connected = new HashMap<PortName, Long>();
            connected.put(Nve.DEFAULT_TUNNEL_PORT, TestFabric.TUNNEL_OFPORT);
            connected.put(OTHER_TUNNEL, OTHER_TUNNEL_OFPORT);
            EXTERNAL_PORTS.forEach(names -> names.forEach(name -> connected.put(name, number(name))));
            for (int i = 0; i < VMS; i++) {
                connected.put(new PortName(port(i)), FIRST_VM_OFPORT + i);
            }
            return connected;
        }

        /** A port's number when it comes up (a renumbered one has {@link #RENUMBERED} more). */
        private static long number(final PortName name) {
            if (name.equals(Nve.DEFAULT_TUNNEL_PORT)) {
                return TestFabric.TUNNEL_OFPORT;
            }
            if (name.equals(OTHER_TUNNEL)) {
                return OTHER_TUNNEL_OFPORT;
            }
            final var external = EXTERNAL_PORTS.stream().flatMap(List::stream).toList().indexOf(name);
            return external >= 0 ? FIRST_EXTERNAL_OFPORT + external
                : FIRST_VM_OFPORT + Integer.parseInt(name.value().substring("tap".length()));
        }

        private PortName randomExternalPort() {
            return EXTERNAL_PORTS.get(random.nextInt(EXTERNAL_PORTS.size())).get(random.nextInt(2));
        }

        private static Nve withGateways(final Nve nve, final Map<RoutingDomainId, ExternalGateway> gateways) {
            return new Nve(nve.id(), nve.datapathId(), nve.underlayIp(), nve.tunnelPort(), gateways);
        }

        private @Nullable Nve randomNve() {
            final int pick = random.nextInt(NVES + 1);
            return pick == NVES ? null : nves.get(pick);
        }
    }

    @Test
    public void recompilingTheAffectedNvesEqualsRecompilingAll() {
        for (long seed = 0; seed < SEEDS; seed++) {
            final var model = new Model(new Random(seed));
            var state = model.state();
            final var flows = new HashMap<NveId, List<FlowEntry>>();
            for (var nve : state.fabric().nves().keySet()) {
                flows.put(nve, ReferenceCompiler.compile(state, nve, 7L));
            }
            final var history = new ArrayList<String>();
            for (int step = 0; step < STEPS; step++) {
                history.add(model.step());
                final var next = model.state();
                final var affected = ReferenceCompiler.affectedNves(state, next);
                for (var nve : affected) {
                    flows.put(nve, ReferenceCompiler.compile(next, nve, 7L));
                }
                // indexed from scratch, whereas next's index was derived from the previous state's
                final var fresh = new ForwardingState(next.fabric(), next.learned(), next.ports(), next.redirects(),
                    next.demands());
                for (var nve : next.fabric().nves().keySet()) {
                    final var full = ReferenceCompiler.compile(fresh, nve, 7L);
                    assertEquals("seed=" + seed + " step " + step + " " + history.getLast() + ": " + nve
                        + " changed but is not in " + affected + "; history " + history, full, flows.get(nve));
                    FlowDiff.between(full, List.of());
                }
                state = next;
            }
        }
    }

    @Test
    public void applyingTheChangedScopesEqualsRecompilingAll() {
        int incremental = 0;
        int everything = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            final var model = new Model(new Random(seed));
            model.churn = true;
            var state = model.state();
            final var installed = new HashMap<NveId, ScopedFlows>();
            for (var nve : state.fabric().nves().keySet()) {
                installed.put(nve, FlowCompiler.compileScopes(state, nve, 7L, NveScopes.EVERYTHING));
            }
            final var history = new ArrayList<String>();
            for (int step = 0; step < STEPS; step++) {
                history.add(model.step());
                final var next = model.state();
                final var changed = FlowCompiler.changedScopes(state, next);
                for (var entry : changed.entrySet()) {
                    final var nve = entry.getKey();
                    final var compiled = FlowCompiler.compileScopes(next, nve, 7L, entry.getValue());
                    installed.put(nve, installed.getOrDefault(nve, ScopedFlows.EMPTY).replaced(entry.getValue(),
                        compiled));
                    if (entry.getValue().everything()) {
                        everything++;
                    } else {
                        incremental++;
                    }
                }
                installed.keySet().retainAll(next.fabric().nves().keySet());
                final var fresh = new ForwardingState(next.fabric(), next.learned(), next.ports(), next.redirects(),
                    next.demands());
                for (var nve : next.fabric().nves().keySet()) {
                    final var full = ReferenceCompiler.compile(fresh, nve, 7L);
                    final var what = "seed=" + seed + " step " + step + " " + history.getLast() + ": " + nve
                        + " (changed " + changed.get(nve) + "); history " + history;
                    assertEquals(what, Set.copyOf(full), Set.copyOf(installed.get(nve).all()));
                    assertEquals(what, full.size(), installed.get(nve).size());
                    assertEquals("all scopes: " + what, installed.get(nve),
                        FlowCompiler.compileScopes(fresh, nve, 7L, NveScopes.EVERYTHING));
                }
                state = next;
            }
        }
        // the histories exercise both paths
        assertTrue("incremental " + incremental, incremental > SEEDS * STEPS / 2);
        assertTrue("everything " + everything, everything > SEEDS);
    }

    /**
     * Port-status is incremental: for a change of ports only, re-compiling on each NVE whose ports changed just
     * {@link FlowCompiler#portChangeScopes} (computed on the state before or after, at random: the NVE's own ports
     * in it do not matter) and putting them in place of what those scopes held gives every NVE the flows of a full
     * compile; other steps in between go through {@link FlowCompiler#changedScopes} as in
     * {@link #applyingTheChangedScopesEqualsRecompilingAll}.
     */
    @Test
    public void applyingThePortChangeScopesOfAPortsOnlyChangeEqualsRecompilingAll() {
        int vmScoped = 0;
        int everything = 0;
        int nothing = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            final var model = new Model(new Random(seed));
            model.churn = true;
            var state = model.state();
            final var installed = new HashMap<NveId, ScopedFlows>();
            for (var nve : state.fabric().nves().keySet()) {
                installed.put(nve, FlowCompiler.compileScopes(state, nve, 7L, NveScopes.EVERYTHING));
            }
            final var history = new ArrayList<String>();
            for (int step = 0; step < STEPS; step++) {
                final boolean portsOnly = model.random.nextInt(3) != 0;
                history.add(portsOnly ? model.portStep() : model.step());
                final var next = model.state();
                final var changed = new HashMap<NveId, NveScopes>();
                if (portsOnly) {
                    assertTrue("a ports-only step keeps the intent", state.fabric() == next.fabric());
                    assertEquals(state.learned(), next.learned());
                    assertEquals(state.redirects(), next.redirects());
                    for (var nve : next.fabric().nves().keySet()) {
                        final var before = state.ports().get(nve);
                        final var after = next.ports().get(nve);
                        final var on = model.random.nextBoolean() ? state : next;
                        final var scopes = FlowCompiler.portChangeScopes(on, nve, before, after);
                        if (Objects.equals(before, after)) {
                            assertEquals("unchanged ports change nothing at " + nve, NveScopes.NONE, scopes);
                            continue;
                        }
                        changed.put(nve, scopes);
                        if (scopes.everything()) {
                            everything++;
                        } else if (scopes.scopes().isEmpty()) {
                            nothing++;
                        } else {
                            vmScoped++;
                        }
                    }
                } else {
                    changed.putAll(FlowCompiler.changedScopes(state, next));
                }
                for (var entry : changed.entrySet()) {
                    final var nve = entry.getKey();
                    final var compiled = FlowCompiler.compileScopes(next, nve, 7L, entry.getValue());
                    installed.put(nve, installed.getOrDefault(nve, ScopedFlows.EMPTY).replaced(entry.getValue(),
                        compiled));
                }
                installed.keySet().retainAll(next.fabric().nves().keySet());
                final var fresh = new ForwardingState(next.fabric(), next.learned(), next.ports(), next.redirects(),
                    next.demands());
                for (var nve : next.fabric().nves().keySet()) {
                    final var full = ReferenceCompiler.compile(fresh, nve, 7L);
                    final var what = "seed=" + seed + " step " + step + " " + history.getLast() + ": " + nve
                        + " (changed " + changed.get(nve) + "); history " + history;
                    assertEquals(what, Set.copyOf(full), Set.copyOf(installed.get(nve).all()));
                    assertEquals(what, full.size(), installed.get(nve).size());
                }
                state = next;
            }
        }
        // the histories exercise every answer: some VMs' scopes, nothing (no VM on the port), everything
        final var counts = "VM-scoped " + vmScoped + ", nothing " + nothing + ", everything " + everything;
        assertTrue(counts, vmScoped > SEEDS * 5);
        assertTrue(counts, nothing > SEEDS);
        assertTrue(counts, everything > SEEDS);
    }

    @Test
    public void theFlowsForwardWithinAVniAndNeverAcross() {
        int routedOut = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            final var model = new Model(new Random(seed));
            for (int step = 0; step < STEPS; step++) {
                final var event = model.step();
                final var state = model.state();
                final var overlay = new FakeOverlay(state, null);
                for (int pair = 0; pair < 4; pair++) {
                    final var from = model.vms.get(model.random.nextInt(VMS));
                    final var to = model.vms.get(model.random.nextInt(VMS));
                    checkPacket("seed=" + seed + " step " + step + " (" + event + "): " + from.id() + " to "
                        + to.id(), state, overlay, model, from, to);
                }
                final var from = model.vms.get(model.random.nextInt(VMS));
                final var to = EXTERNAL_DESTINATIONS.get(model.random.nextInt(EXTERNAL_DESTINATIONS.size()));
                if (checkExternal("seed=" + seed + " step " + step + " (" + event + "): " + from.id() + " to " + to,
                        state, overlay, from, to)) {
                    routedOut++;
                }
            }
        }
        // the histories route packets out of gateway NVEs' external ports
        assertTrue("routed out " + routedOut, routedOut > SEEDS * 5);
    }

    private static void checkPacket(final String what, final ForwardingState state, final FakeOverlay overlay,
            final Model model, final Vm from, final Vm to) {
        final var source = state.placement(from).orElse(null);
        final var sourcePort = ofport(state, source);
        if (source == null || sourcePort == null || !isL2(state, from)) {
            return;
        }
        final var deliveries = overlay.send(source.nve(), Packet.ethernet(sourcePort, from.mac(), to.mac()));
        for (var delivery : deliveries) {
            // VM ports are numbered from FIRST_VM_OFPORT; below are the VXLAN ports
            if (delivery.emission() instanceof Sent sent && sent.port() >= FIRST_VM_OFPORT) {
                assertEquals(what + ": left in another VNI: " + deliveries, from.vni().value(), sent.tunId());
                final var owner = model.vms.get((int) (sent.port() - FIRST_VM_OFPORT));
                assertEquals(what + ": reached a VM of another VNI: " + deliveries, from.vni(), owner.vni());
            }
        }
        final var target = state.placement(to).orElse(null);
        final var targetPort = ofport(state, target);
        if (!from.vni().equals(to.vni()) || from.equals(to) || target == null || targetPort == null
                || OnDemandDestinations.onDemand(state) && !target.nve().equals(source.nve())
                    && !state.demands().contains(source.nve(), to.id())
                || !target.nve().equals(source.nve()) && !(hasTunnel(state, source.nve())
                    && hasTunnel(state, target.nve()))) {
            return;
        }
        assertEquals(what + ": " + deliveries, 1, deliveries.size());
        final var delivery = deliveries.getFirst();
        assertEquals(what + ": " + deliveries, target.nve(), delivery.nve());
        assertTrue(what + ": " + deliveries, delivery.emission() instanceof Sent sent && sent.port() == targetPort);
    }

    /**
     * A VM of an L3 network routes a packet to an external address: it leaves, if at all, only out of the
     * external port of a gateway NVE of its routing domain announcing a prefix holding the address, in the
     * domain's VNI, to that gateway's next hop, with its TTL one lower; and when every port on the way is known it
     * leaves out of the gateway NVE announcing the longest such prefix (the first such NVE by id). (A route whose
     * port is unknown is left out, as a router withdraws a route whose interface is down: a shorter prefix's
     * route then takes the packet.)
     *
     * @return whether the packet had to leave the longest prefix's gateway NVE, and did
     */
    private static boolean checkExternal(final String what, final ForwardingState state, final FakeOverlay overlay,
            final Vm from, final IpAddress to) {
        final var source = state.placement(from).orElse(null);
        final var sourcePort = ofport(state, source);
        final var domain = state.fabric().routingDomainOf(from.vni()).orElse(null);
        if (source == null || sourcePort == null || domain == null) {
            return false;
        }
        final var packet = to.isIpv6() ? Packet.ipv6(sourcePort, from.mac(), domain.gatewayMac(), to, 64)
            : Packet.ipv4(sourcePort, from.mac(), domain.gatewayMac(), to, 64);
        final var deliveries = overlay.send(source.nve(), packet);
        Nve gateway = null;
        int longest = -1;
        for (var nve : state.fabric().nves().values().stream().sorted(Comparator.comparing(Nve::id)).toList()) {
            final var external = nve.gateways().get(domain.id());
            for (var prefix : external == null ? List.<IpPrefix>of() : external.prefixes()) {
                // the longest prefix; of the gateways announcing it the source's own NVE, else the first by id
                if (prefix.contains(to) && (prefix.length() > longest
                        || prefix.length() == longest && nve.id().equals(source.nve()))) {
                    gateway = nve;
                    longest = prefix.length();
                }
            }
        }
        // what is sent out of a VXLAN port here was lost in the underlay (the receiving NVE lacks its VXLAN port)
        final var sent = deliveries.stream().filter(delivery -> delivery.emission() instanceof Sent out
            && !Long.valueOf(out.port()).equals(state.portsOf(delivery.nve())
                .ofport(state.fabric().nves().get(delivery.nve()).tunnelPort()))).toList();
        if (gateway == null) {
            assertEquals(what + ": no prefix holds it: " + deliveries, List.of(), sent);
            return false;
        }
        for (var delivery : sent) {
            final var out = (Sent) delivery.emission();
            final var exit = state.fabric().nves().get(delivery.nve()).gateways().get(domain.id());
            assertTrue(what + ": not a gateway's: " + deliveries, exit != null
                && exit.prefixes().stream().anyMatch(prefix -> prefix.contains(to)));
            assertEquals(what + ": " + deliveries, state.portsOf(delivery.nve()).ofport(exit.externalPort()),
                Long.valueOf(out.port()));
            assertEquals(what + ": " + deliveries, domain.vni().value(), out.tunId());
            assertEquals(what + ": " + deliveries, exit.nextHopMac(), out.packet().ethDst());
            assertEquals(what + ": " + deliveries, domain.gatewayMac(), out.packet().ethSrc());
            assertEquals(what + ": " + deliveries, Integer.valueOf(63), out.packet().ttl());
        }
        final var externalPort = state.portsOf(gateway.id()).ofport(gateway.gateways().get(domain.id())
            .externalPort());
        if (externalPort != null && (gateway.id().equals(source.nve())
                || hasTunnel(state, source.nve()) && hasTunnel(state, gateway.id()))) {
            assertEquals(what + ": " + deliveries, 1, sent.size());
            assertEquals(what + ": " + deliveries, gateway.id(), sent.getFirst().nve());
            return true;
        }
        return false;
    }

    private static boolean isL2(final ForwardingState state, final Vm vm) {
        final VirtualNetwork network = state.fabric().networks().get(vm.vni());
        return network.mode() == OverlayMode.L2;
    }

    private static @Nullable Long ofport(final ForwardingState state, final @Nullable Placement placement) {
        return placement == null || placement.port() == null ? null
            : state.portsOf(placement.nve()).ofport(placement.port());
    }

    private static boolean hasTunnel(final ForwardingState state, final NveId nve) {
        return state.portsOf(nve).ofport(state.fabric().nves().get(nve).tunnelPort()) != null;
    }

    private static String port(final int vmIndex) {
        return "tap" + vmIndex;
    }
}
