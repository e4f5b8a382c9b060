/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

/**
 * Applies the rules YANG cannot make the datastore enforce (leafrefs, uniqueness, one IP per VM in
 * a VNI, an NVE deleted under its VMs) to the whole intent. A pure function of the intent and the
 * previous snapshot: on a conflict the entry already accepted keeps its place (so neither a newcomer
 * nor an edit of another entry can break a working VM), an edited entry comes next, and among
 * newcomers the smaller id wins.
 */
public final class IntentValidator {
    private record MacKey(Vni vni, MacAddress mac) {
    }

    private record IpKey(Vni vni, IpAddress ip) {
    }

    private record PortKey(NveId nve, PortName port) {
    }

    private IntentValidator() {
        // no instances
    }

    public static ValidatedFabric validate(final FabricIntent intent, final FabricSnapshot previous) {
        final var problems = new ArrayList<IntentProblem>();
        final var settings = acceptSettings(intent.settings(), previous.settings(), problems);
        final var domains = RoutingValidator.acceptDomains(intent, previous, problems);
        final var nves = RoutingValidator.acceptGateways(acceptNves(intent, previous, problems), domains, problems);
        final var networks = RoutingValidator.acceptNetworks(intent, previous, domains, nves, problems);
        final var vms = acceptVms(intent, previous, nves, networks, domains, problems);
        problems.sort(Comparator.comparing(IntentProblem::kind).thenComparing(IntentProblem::id));
        return new ValidatedFabric(new FabricSnapshot(settings, nves, networks, vms, domains), problems);
    }

    /**
     * Refuses settings that contradict each other, keeping the previous ones: an NVE that gets remote
     * destinations on demand asks for them on a miss, which unknown-destination drop forbids.
     */
    private static FabricSettings acceptSettings(final FabricSettings settings, final FabricSettings previous,
            final List<IntentProblem> problems) {
        if (settings.destinationDistribution() == DestinationDistribution.ON_DEMAND
                && settings.unknownDestination() == UnknownDestination.DROP) {
            problems.add(new IntentProblem(IntentKind.SETTINGS, "settings", "destination-distribution on-demand "
                + "needs unknown-destination pull: an NVE asks the NVA for a remote destination on a miss, which "
                + "drop discards; the previous settings stay"));
            return previous;
        }
        return settings;
    }

    private static Map<NveId, Nve> acceptNves(final FabricIntent intent, final FabricSnapshot previous,
            final List<IntentProblem> problems) {
        final var accepted = new HashMap<NveId, Nve>();
        final var byDatapath = new HashMap<DatapathId, NveId>();
        final var byUnderlay = new HashMap<IpAddress, NveId>();
        for (var nve : incumbentsFirst(intent.nves().values(), previous.nves(), Nve::id)) {
            final var dpidOwner = byDatapath.get(nve.datapathId());
            final var ipOwner = byUnderlay.get(nve.underlayIp());
            if (dpidOwner != null) {
                problems.add(new IntentProblem(IntentKind.NVE, nve.id().value(), "datapath-id "
                    + nve.datapathId().toDecimal() + " is already used by NVE " + dpidOwner));
            } else if (ipOwner != null) {
                problems.add(new IntentProblem(IntentKind.NVE, nve.id().value(), "underlay-ip "
                    + nve.underlayIp() + " is already used by NVE " + ipOwner));
            } else {
                accepted.put(nve.id(), nve);
                byDatapath.put(nve.datapathId(), nve.id());
                byUnderlay.put(nve.underlayIp(), nve.id());
            }
        }
        return accepted;
    }

    private static Map<VmId, Vm> acceptVms(final FabricIntent intent, final FabricSnapshot previous,
            final Map<NveId, Nve> nves, final Map<Vni, VirtualNetwork> networks,
            final Map<RoutingDomainId, RoutingDomain> domains, final List<IntentProblem> problems) {
        final var accepted = new HashMap<VmId, Vm>();
        final var byMac = new HashMap<MacKey, VmId>();
        final var byIp = new HashMap<IpKey, VmId>();
        final var byPort = new HashMap<PortKey, VmId>();
        for (var vm : incumbentsFirst(intent.vms().values(), previous.vms(), Vm::id)) {
            var reason = refusal(vm, intent, previous, nves, byMac, byIp, byPort);
            if (reason == null) {
                reason = RoutingValidator.vmRefusal(vm, networks, nves, domains);
            }
            if (reason != null) {
                problems.add(new IntentProblem(IntentKind.VM, vm.id().value(), reason));
                continue;
            }
            accepted.put(vm.id(), vm);
            byMac.put(new MacKey(vm.vni(), vm.mac()), vm.id());
            vm.ips().forEach(ip -> byIp.put(new IpKey(vm.vni(), ip), vm.id()));
            final var port = portKey(vm);
            if (port != null) {
                byPort.put(port, vm.id());
            }
        }
        return accepted;
    }

    private static @Nullable String refusal(final Vm vm, final FabricIntent intent, final FabricSnapshot previous,
            final Map<NveId, Nve> nves, final Map<MacKey, VmId> byMac, final Map<IpKey, VmId> byIp,
            final Map<PortKey, VmId> byPort) {
        if (!intent.networks().containsKey(vm.vni())) {
            return "virtual network " + vm.vni() + " does not exist in fabric/virtual-network";
        }
        final var placement = vm.nve();
        if (placement != null && !nves.containsKey(placement)) {
            return placementRefusal(vm, placement, intent, previous);
        }
        final var macOwner = byMac.get(new MacKey(vm.vni(), vm.mac()));
        if (macOwner != null) {
            return "MAC " + vm.mac() + " is already used by VM " + macOwner + " in VNI " + vm.vni();
        }
        for (var ip : vm.ips()) {
            final var ipOwner = byIp.get(new IpKey(vm.vni(), ip));
            if (ipOwner != null) {
                return "IP " + ip + " is already used by VM " + ipOwner + " in VNI " + vm.vni();
            }
        }
        final var port = portKey(vm);
        final var portOwner = port == null ? null : byPort.get(port);
        if (portOwner != null) {
            return "port " + vm.port() + " on NVE " + placement + " is already used by VM " + portOwner;
        }
        return null;
    }

    private static String placementRefusal(final Vm vm, final NveId placement, final FabricIntent intent,
            final FabricSnapshot previous) {
        if (intent.nves().containsKey(placement)) {
            return "NVE " + placement + " is itself refused (see rejected-intent nve " + placement + ")";
        }
        final var before = previous.vm(vm.id());
        final boolean wasPlacedThere = before.isPresent() && placement.equals(before.orElseThrow().nve());
        if (previous.nves().containsKey(placement) && wasPlacedThere) {
            return "NVE " + placement + " was deleted while this VM was placed on it;"
                + " place the VM on another NVE or restore the NVE";
        }
        return "NVE " + placement + " does not exist in fabric/nve";
    }

    private static @Nullable PortKey portKey(final Vm vm) {
        final var nve = vm.nve();
        final var port = vm.port();
        return nve == null || port == null ? null : new PortKey(nve, port);
    }

    /**
     * Orders entries for claiming unique values: first those accepted before and unchanged, then
     * those accepted before in another form, then newcomers; by id within each group.
     */
    static <K extends Comparable<K>, V> List<V> incumbentsFirst(final Iterable<V> values,
            final Map<K, V> incumbents, final Function<V, K> id) {
        final var ordered = new ArrayList<V>();
        values.forEach(ordered::add);
        ordered.sort(Comparator.<V>comparingInt(value -> {
            final var before = incumbents.get(id.apply(value));
            return before == null ? 2 : before.equals(value) ? 0 : 1;
        }).thenComparing(id));
        return ordered;
    }
}
