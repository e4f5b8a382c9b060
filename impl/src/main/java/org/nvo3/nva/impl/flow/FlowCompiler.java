/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;
import org.nvo3.nva.impl.flow.ForwardingIndex.PlacedVm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure flow compiler of the L2 overlay: a {@link ForwardingState} and one NVE give the complete set
 * of flows that NVE must hold (docs/pipeline.md). Same input, same output, in the same order; nothing is
 * accumulated.
 *
 * <p>An NVE only gets flows for the L2 VNIs it hosts: those with a VM placed on it, or with a VM it is
 * the old NVE of a running redirect for. Per hosted VNI it admits the VNI from the VXLAN port
 * ({@code CLASSIFY}), punts its ARP, RARP and neighbour solicitations and advertisements to the NVA
 * ({@code ARP_ND_RESPONDER}) and forwards to each of the VNI's placed VMs ({@code L2_DESTINATION}): out
 * of the VM's port when the VM is here, else to the VM's NVE over the VXLAN port. Per local VM whose port
 * the switch has, it admits the VM's MAC from that port ({@code CLASSIFY}); per redirect from it of a VM
 * placed elsewhere now, it sends packets for the VM that arrive over the overlay on to the VM's current NVE
 * ({@code REDIRECT}). L3 networks get the same, and the distributed anycast gateway ({@link RoutingFlows}); an
 * NVE hosting a routing domain routes to the external prefixes of the domain's gateway NVEs
 * ({@link ExternalRoutes}), and a gateway NVE admits its external port into the domain ({@link GatewayFlows}).
 *
 * <p>When the NVE's VXLAN port ({@link Nve#tunnelPort()}) is not among its ports (it is not connected,
 * or has no such port), the compiler emits no flow that uses it: no admission from the overlay, no
 * redirect and no forwarding to remote VMs or gateway NVEs; local forwarding stays. Likewise no flow uses an
 * external port the switch does not have. A local VM whose port the switch does
 * not have (not yet, or no longer) gets no flow of its own either, and nor do two local VMs of different
 * VNIs with one MAC on one port, which no match can tell apart.
 */
public final class FlowCompiler {
    /** The priority of every flow but the table-miss flows. */
    public static final int PRIORITY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(FlowCompiler.class);
    private static final List<FlowAction> TO_NVA = List.of(new OutputController(OutputController.WHOLE_PACKET));

    private record PortAndMac(long ofport, MacAddress mac) {
    }

    private FlowCompiler() {
        // no instances
    }

    /**
     * Tells which scopes of which NVEs' compiled flows may differ between two states: re-compiling these
     * scopes ({@link #compileScopes}) and putting their flows in place of those the scopes had gives every
     * NVE the flows a full compile of every scope gives for {@code after}. An NVE whose fabric entry,
     * VXLAN port or connection changed, or which starts or stops hosting a VNI, gets
     * {@link NveScopes#EVERYTHING}; a VM port that came, went or was renumbered, the scopes of the VMs
     * placed on it there. The meter is not part of a state: a changed meter is the caller's to apply.
     * Within one fabric snapshot it costs the changed VMs, redirects and affected NVEs, not the fabric's
     * size.
     *
     * @param before the state the NVEs were last compiled from
     * @param after the new state
     * @return per NVE of {@code after}'s fabric whose flows may differ, the scopes that may; possibly more
     *     than changed, never fewer; unmodifiable
     */
    public static SortedMap<NveId, NveScopes> changedScopes(final ForwardingState before,
            final ForwardingState after) {
        return ChangedScopes.between(before, after);
    }

    /**
     * Tells which scopes of one NVE's flows may differ when only its ports change (a port-status): the
     * scopes of the VMs placed on a port that came, went or was renumbered, or everything of the NVE when its
     * VXLAN port did or it (dis)connected. Costs the VMs on the NVE, not the fabric.
     *
     * @param state the forwarding state (its own ports of the NVE do not matter)
     * @param nve the NVE
     * @param before the ports its flows were compiled with
     * @param after its ports now
     * @return the scopes of that NVE
     */
    public static NveScopes portChangeScopes(final ForwardingState state, final NveId nve,
            final @Nullable NvePorts before, final @Nullable NvePorts after) {
        final var index = state.index();
        final var old = state.withPortsOf(nve, before);
        final var now = state.withPortsOf(nve, after);
        // the index does not depend on ports: both share the state's
        old.adoptIndex(index);
        now.adoptIndex(index);
        return ChangedScopes.between(old, now).getOrDefault(nve, NveScopes.NONE);
    }

    /**
     * Compiles some scopes of one NVE's flows: for {@link NveScopes#EVERYTHING}, every flow of the NVE,
     * grouped by scope.
     *
     * @param state the forwarding state
     * @param nveId the NVE, one of the state's fabric
     * @param punterMeter the meter limiting packet-ins on that NVE, or null when it has none
     * @param which the scopes
     * @return the flows of those scopes
     * @throws IllegalArgumentException if the fabric has no such NVE
     */
    public static ScopedFlows compileScopes(final ForwardingState state, final NveId nveId,
            final @Nullable Long punterMeter, final NveScopes which) {
        return ScopeCompiler.compile(state, nveId, punterMeter, which);
    }

    /**
     * Returns the cookie of a redirect's flow on its old NVE, by which the switch's flow-removed message
     * (hard timeout) is mapped back to the redirect. It depends on the VM's VNI and MAC and the old NVE's
     * VXLAN port number, not on where the VM is now.
     *
     * @param state the forwarding state
     * @param redirect the redirect
     * @return the cookie the redirect's flow has or would have; empty when the fabric has no such VM or
     *     old NVE, or the old NVE's VXLAN port is unknown (then there is no such flow)
     */
    public static Optional<FlowCookie> redirectCookie(final ForwardingState state, final Redirect redirect) {
        final var vm = state.fabric().vm(redirect.vm()).orElse(null);
        final var from = state.fabric().nve(redirect.from()).orElse(null);
        if (vm == null || from == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(state.portsOf(from.id()).ofport(from.tunnelPort()))
            .map(tunnel -> new FlowKey(PipelineTable.REDIRECT, PRIORITY, redirectMatch(tunnel, vm.vni(), vm.mac()))
                .cookie());
    }

    static void classifyVmPorts(final Nve nve, final List<PlacedVm> local, final NvePorts ports,
            final Set<Vni> hosted, final List<FlowEntry> flows) {
        final var admitted = new HashMap<PortAndMac, PlacedVm>();
        final var ambiguous = new HashMap<PortAndMac, PlacedVm>();
        final var order = new ArrayList<PortAndMac>();
        for (var placed : local) {
            final var ofport = localOfport(nve, ports, placed);
            if (ofport == null || !hosted.contains(placed.vm().vni())) {
                continue;
            }
            final var key = new PortAndMac(ofport, placed.vm().mac());
            final var previous = admitted.putIfAbsent(key, placed);
            if (previous == null) {
                order.add(key);
            } else {
                ambiguous.putIfAbsent(key, previous);
                LOG.warn("NVE {} (switch {}): VMs {} (VNI {}) and {} (VNI {}) share MAC {} on port {}; neither is "
                    + "admitted", nve.id(), nve.datapathId(), previous.vm().id(), previous.vm().vni(),
                    placed.vm().id(), placed.vm().vni(), key.mac(), placed.placement().port());
            }
        }
        for (var key : order) {
            if (!ambiguous.containsKey(key)) {
                final var vm = admitted.get(key).vm();
                flows.add(classifyFlow(key.ofport(), vm));
            }
        }
    }

    /** Admits a local VM's MAC from its port into its VNI. */
    static FlowEntry classifyFlow(final long ofport, final Vm vm) {
        return FlowEntry.of(PipelineTable.CLASSIFY, PRIORITY, FlowMatch.of(new InPort(ofport), new EthSrc(vm.mac())),
            List.of(SetTunnelId.of(vm.vni())), PipelineTable.ARP_ND_RESPONDER);
    }

    /** Admits a hosted VNI from the VXLAN port. */
    static FlowEntry tunnelAdmission(final long tunnel, final Vni vni) {
        return FlowEntry.of(PipelineTable.CLASSIFY, PRIORITY, FlowMatch.of(new InPort(tunnel), TunnelId.of(vni)),
            List.of(), PipelineTable.REDIRECT);
    }

    /** Adds the table-miss flow of every table, in pipeline order. */
    static void addMissFlows(final ForwardingState state, final @Nullable Long punterMeter,
            final List<FlowEntry> flows) {
        final var unknownDestination = state.fabric().settings().unknownDestination();
        for (var table : List.of(PipelineTable.CLASSIFY, PipelineTable.ARP_ND_RESPONDER, PipelineTable.REDIRECT,
                PipelineTable.L2_DESTINATION, PipelineTable.L3_HOST_ROUTE)) {
            flows.add(table.missEntry(unknownDestination, punterMeter));
        }
    }

    static void addPunts(final Vni vni, final @Nullable Long punterMeter, final List<FlowEntry> flows) {
        final var tunId = TunnelId.of(vni);
        final var matches = List.of(
            FlowMatch.of(tunId, new EthType(EthType.ARP)),
            FlowMatch.of(tunId, new EthType(EthType.RARP)),
            FlowMatch.of(tunId, new EthType(EthType.IPV6), new IpProto(IpProto.ICMPV6),
                new Icmpv6Type(Icmpv6Type.NEIGHBOR_SOLICITATION)),
            FlowMatch.of(tunId, new EthType(EthType.IPV6), new IpProto(IpProto.ICMPV6),
                new Icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT)));
        for (var match : matches) {
            flows.add(new FlowEntry(PipelineTable.ARP_ND_RESPONDER, PRIORITY, match, TO_NVA, null, punterMeter, 0, 0,
                false));
        }
    }

    /**
     * The flow at a moved VM's old NVE for packets still sent there, as its network's old-location-policy says:
     * re-encapsulated to the VM's NVE (redirect), dropped (drop) or sent to the NVA, which answers the sender
     * with ICMP unreachable (icmp-unreachable); counted either way, and removed by its hard timeout.
     */
    static Optional<FlowEntry> redirectFlow(final ForwardingState state, final Redirect redirect,
            final long tunnel, final @Nullable Long punterMeter) {
        final var vm = state.fabric().vms().get(redirect.vm());
        final var network = vm == null ? null : state.fabric().networks().get(vm.vni());
        final var placement = vm == null ? null : state.placement(vm).orElse(null);
        if (vm == null || network == null || placement == null || placement.nve().equals(redirect.from())) {
            return Optional.empty();
        }
        final var target = state.fabric().nves().get(placement.nve());
        final List<FlowAction> actions = switch (network.oldLocationPolicy()) {
            case REDIRECT -> List.of(new SetTunnelDst(target.underlayIp()), new OutputInPort());
            case DROP -> List.of();
            case ICMP_UNREACHABLE -> TO_NVA;
        };
        return Optional.of(new FlowEntry(PipelineTable.REDIRECT, PRIORITY, redirectMatch(tunnel, vm.vni(), vm.mac()),
            actions, null, network.oldLocationPolicy() == OldLocationPolicy.ICMP_UNREACHABLE ? punterMeter : null, 0,
            redirect.hardTimeoutSeconds(), true));
    }

    private static FlowMatch redirectMatch(final long tunnel, final Vni vni, final MacAddress mac) {
        return FlowMatch.of(new InPort(tunnel), TunnelId.of(vni), new EthDst(mac));
    }

    static Optional<FlowEntry> destinationFlow(final ForwardingState state, final Nve nve,
            final NvePorts ports, final @Nullable Long tunnel, final PlacedVm placed) {
        final var vm = placed.vm();
        final var match = FlowMatch.of(TunnelId.of(vm.vni()), new EthDst(vm.mac()));
        if (placed.placement().nve().equals(nve.id())) {
            final var ofport = localOfport(nve, ports, placed);
            return ofport == null ? Optional.empty()
                : Optional.of(FlowEntry.of(PipelineTable.L2_DESTINATION, PRIORITY, match, List.of(new Output(ofport)),
                    null));
        }
        if (tunnel == null) {
            return Optional.empty();
        }
        final var remote = state.fabric().nves().get(placed.placement().nve());
        return Optional.of(OnDemandDestinations.remote(state, FlowEntry.of(PipelineTable.L2_DESTINATION, PRIORITY,
            match, List.of(new SetTunnelDst(remote.underlayIp()), new Output(tunnel)), null)));
    }

    /**
     * Returns a local VM's OpenFlow port: null when its port is unknown, the switch does not have it, or it
     * is the VXLAN port (which only ever carries the overlay) or an external port of the NVE (which carries a
     * routing domain's traffic to and from outside; validation keeps VMs off it, a learned location may not).
     */
    static @Nullable Long localOfport(final Nve nve, final NvePorts ports, final PlacedVm placed) {
        final var port = placed.placement().port();
        if (port == null || port.equals(nve.tunnelPort())) {
            return null;
        }
        for (var gateway : nve.gateways().values()) {
            if (gateway.externalPort().equals(port)) {
                return null;
            }
        }
        return ports.ofport(port);
    }
}
