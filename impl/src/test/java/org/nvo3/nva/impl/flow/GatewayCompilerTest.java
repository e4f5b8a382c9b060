/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.flow.GatewayFabric.DOMAIN;
import static org.nvo3.nva.impl.flow.GatewayFabric.EXTERNAL_IPV4;
import static org.nvo3.nva.impl.flow.GatewayFabric.EXTERNAL_IPV6;
import static org.nvo3.nva.impl.flow.GatewayFabric.GATEWAY_NVE;
import static org.nvo3.nva.impl.flow.GatewayFabric.METER;
import static org.nvo3.nva.impl.flow.GatewayFabric.NEXT_HOP;
import static org.nvo3.nva.impl.flow.GatewayFabric.NVE1;
import static org.nvo3.nva.impl.flow.GatewayFabric.NVE2;
import static org.nvo3.nva.impl.flow.GatewayFabric.NVE4;
import static org.nvo3.nva.impl.flow.GatewayFabric.PORTS;
import static org.nvo3.nva.impl.flow.GatewayFabric.UPLINK;
import static org.nvo3.nva.impl.flow.GatewayFabric.UPLINK_OFPORT;
import static org.nvo3.nva.impl.flow.GatewayFabric.VM_A;
import static org.nvo3.nva.impl.flow.GatewayFabric.fabric;
import static org.nvo3.nva.impl.flow.GatewayFabric.portsWith;
import static org.nvo3.nva.impl.flow.GatewayFabric.withGateway;
import static org.nvo3.nva.impl.flow.TestFabric.TUNNEL_OFPORT;
import static org.nvo3.nva.impl.flow.TestFabric.nve;
import static org.nvo3.nva.impl.flow.TestFabric.ports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.SetEthDst;
import org.nvo3.nva.impl.flow.FlowAction.SetEthSrc;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;
import org.nvo3.nva.impl.flow.FlowScope.OfVm;
import org.nvo3.nva.impl.flow.FlowScope.OfVni;

/**
 * The NVO3 gateway's flows, flow by flow: a routing domain's VNI scope at its gateway NVE and at the NVEs hosting
 * it, which gateway an external prefix goes to, what an unknown port leaves out, and which scopes a change of a
 * gateway changes.
 */
public class GatewayCompilerTest {
    private static final OfVni DOMAIN_SCOPE = new OfVni(DOMAIN.vni());
    private static final TunnelId DOMAIN_VNI = TunnelId.of(DOMAIN.vni());
    private static final List<FlowAction> TO_NVA = List.of(new OutputController(OutputController.WHOLE_PACKET));

    @Test
    public void theGatewayNveAdmitsItsExternalPortPuntsAddressResolutionAndRoutesOut() {
        final var out = List.<FlowAction>of(new DecrementTtl(), new SetEthSrc(DOMAIN.gatewayMac()),
            new SetEthDst(NEXT_HOP), new Output(UPLINK_OFPORT));
        assertEquals(List.of(
            FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(UPLINK_OFPORT)),
                List.of(SetTunnelId.of(DOMAIN.vni())), PipelineTable.ARP_ND_RESPONDER),
            FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(TUNNEL_OFPORT), DOMAIN_VNI), List.of(),
                PipelineTable.REDIRECT),
            punt(FlowMatch.of(DOMAIN_VNI, new EthType(EthType.ARP))),
            punt(FlowMatch.of(DOMAIN_VNI, new EthType(EthType.RARP))),
            punt(FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV6), new IpProto(IpProto.ICMPV6),
                new Icmpv6Type(Icmpv6Type.NEIGHBOR_SOLICITATION))),
            punt(FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV6), new IpProto(IpProto.ICMPV6),
                new Icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT))),
            FlowEntry.of(PipelineTable.L2_DESTINATION, 200, FlowMatch.of(DOMAIN_VNI, new EthDst(DOMAIN.gatewayMac())),
                List.of(), PipelineTable.L3_HOST_ROUTE),
            FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 10 + 24, FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV4),
                new Ipv4DstPrefix(EXTERNAL_IPV4)), out, null),
            FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 10 + 48, FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV6),
                new Ipv6DstPrefix(EXTERNAL_IPV6)), out, null)),
            domainFlows(state(), GATEWAY_NVE.id()));
    }

    @Test
    public void everyOtherNveHostingTheDomainRoutesOverTheOverlayInTheDomainsVni() {
        final var toGateway = List.<FlowAction>of(new SetTunnelDst(GATEWAY_NVE.underlayIp()),
            new Output(TUNNEL_OFPORT));
        final var expected = List.of(
            FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 34, FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV4),
                new Ipv4DstPrefix(EXTERNAL_IPV4)), toGateway, null),
            FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 58, FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV6),
                new Ipv6DstPrefix(EXTERNAL_IPV6)), toGateway, null));
        assertEquals(expected, domainFlows(state(), NVE1.id()));
        assertEquals(expected, domainFlows(state(), NVE2.id()));
        // an NVE not hosting the domain gets none of it
        assertEquals(List.of(), domainFlows(state(), NVE4.id()));
        assertEquals(PipelineTable.values().length, ReferenceCompiler.compile(state(), NVE4.id(), METER).size());
    }

    @Test
    public void aRouteIsLeftOutWhileThePortItLeavesByIsUnknown() {
        // no uplink at the gateway: no admission from it, no route out of it; the others still send there
        final var noUplink = new ForwardingState(fabric(), Map.of(), portsWith(GATEWAY_NVE.id(), ports()), Set.of());
        final var atGateway = domainFlows(noUplink, GATEWAY_NVE.id());
        assertEquals(List.of(PipelineTable.CLASSIFY, PipelineTable.ARP_ND_RESPONDER, PipelineTable.ARP_ND_RESPONDER,
            PipelineTable.ARP_ND_RESPONDER, PipelineTable.ARP_ND_RESPONDER, PipelineTable.L2_DESTINATION),
            atGateway.stream().map(FlowEntry::table).toList());
        assertEquals(new InPort(TUNNEL_OFPORT), atGateway.getFirst().match().get(MatchField.IN_PORT));
        assertEquals(domainFlows(state(), NVE1.id()), domainFlows(noUplink, NVE1.id()));

        // no VXLAN port at NVE1: no route over the overlay
        final var noTunnel = new ForwardingState(fabric(), Map.of(), portsWith(NVE1.id(),
            new NvePorts(Map.of(new PortName("tap1"), 11L))), Set.of());
        assertEquals(List.of(), domainFlows(noTunnel, NVE1.id()));
    }

    @Test
    public void theNearestGatewayNveGetsAPrefixAndTheLongestPrefixWins() {
        final var longer = IpPrefix.parse("203.0.113.128/25");
        // gw-a sorts before nve3 and announces nve3's IPv4 prefix too, and a longer one alone
        final var nve0 = withGateway(new Nve(new NveId("gw-a"), new DatapathId(10), IpAddress.parse("192.0.2.100"),
            Nve.DEFAULT_TUNNEL_PORT), new ExternalGateway(DOMAIN.id(), UPLINK, MacAddress.parse("02:00:00:00:ee:02"),
            List.of(EXTERNAL_IPV4, longer)));
        final var state = new ForwardingState(fabric(nve0), Map.of(), portsWith(nve0.id(), ports("uplink", 40L)),
            Set.of());
        final var gateways = state.index().gatewaysOf(DOMAIN.id());
        // elsewhere the shared /24 goes to the first by id
        assertEquals(Map.of(EXTERNAL_IPV4, nve0, longer, nve0, EXTERNAL_IPV6, GATEWAY_NVE),
            GatewayChoice.chosen(DOMAIN, gateways, NVE1.id()));
        final var atNve1 = domainFlows(state, NVE1.id());
        assertEquals(List.of(34, 35, 58), atNve1.stream().map(FlowEntry::priority).toList());
        assertEquals(List.of(nve0.underlayIp(), nve0.underlayIp(), GATEWAY_NVE.underlayIp()), atNve1.stream()
            .map(flow -> ((SetTunnelDst) flow.actions().getFirst()).address()).toList());
        // at nve3 the /24 is its own (the nearest): out of its uplink, not over the overlay to gw-a
        assertEquals(Map.of(EXTERNAL_IPV4, GATEWAY_NVE, longer, nve0, EXTERNAL_IPV6, GATEWAY_NVE),
            GatewayChoice.chosen(DOMAIN, gateways, GATEWAY_NVE.id()));
        final var atGateway = domainFlows(state, GATEWAY_NVE.id()).stream()
            .filter(flow -> flow.table() == PipelineTable.L3_HOST_ROUTE).toList();
        assertEquals(new Output(UPLINK_OFPORT), atGateway.get(0).actions().getLast());
        assertEquals(List.of(new SetTunnelDst(nve0.underlayIp()), new Output(TUNNEL_OFPORT)),
            atGateway.get(1).actions());
        assertEquals(new Output(UPLINK_OFPORT), atGateway.get(2).actions().getLast());
        // what state/vm-location records for a VM there and elsewhere
        final var choice = GatewayChoice.of(state.fabric());
        assertEquals(Set.of(nve0.id(), GATEWAY_NVE.id()), choice.gatewaysFor(VM_A.vni(), NVE1.id()));
        assertEquals(Set.of(nve0.id(), GATEWAY_NVE.id()), choice.gatewaysFor(VM_A.vni(), GATEWAY_NVE.id()));
        assertEquals(Set.of(nve0.id()), GatewayChoice.of(fabric(nve0, withGateway(GATEWAY_NVE, new ExternalGateway(
            DOMAIN.id(), UPLINK, NEXT_HOP, List.of(EXTERNAL_IPV4))))).gatewaysFor(VM_A.vni(), NVE1.id()));
    }

    @Test
    public void aDefaultRouteMatchesTheWholeFamily() {
        final var gateway = withGateway(GATEWAY_NVE, new ExternalGateway(DOMAIN.id(), UPLINK, NEXT_HOP,
            List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0"))));
        final var routes = domainFlows(new ForwardingState(fabric(gateway), Map.of(), PORTS, Set.of()), NVE1.id());
        assertEquals(List.of(FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV4)),
            FlowMatch.of(DOMAIN_VNI, new EthType(EthType.IPV6))), routes.stream().map(FlowEntry::match).toList());
        assertEquals(List.of(10, 10), routes.stream().map(FlowEntry::priority).toList());
    }

    @Test
    public void aVmLearnedOnTheExternalPortIsNotAdmittedFromIt() {
        final var state = new ForwardingState(fabric(), Map.of(VM_A.id(), TestFabric.learned(VM_A, GATEWAY_NVE,
            UPLINK.value(), 1)), PORTS, Set.of());
        final var classify = ReferenceCompiler.compile(state, GATEWAY_NVE.id(), METER).stream()
            .filter(flow -> flow.table() == PipelineTable.CLASSIFY).toList();
        // the uplink's admission into the domain, the VXLAN admissions of the network and the domain, the miss
        assertEquals(4, classify.size());
        assertTrue(classify.stream().noneMatch(flow -> flow.match().get(MatchField.ETH_SRC) != null));
    }

    @Test
    public void aChangedGatewayChangesTheDomainsScopeWhereverTheDomainIsHosted() {
        final var before = state();
        final var moreRoutes = withGateway(GATEWAY_NVE, new ExternalGateway(DOMAIN.id(), UPLINK, NEXT_HOP,
            List.of(EXTERNAL_IPV4, EXTERNAL_IPV6, IpPrefix.parse("198.18.0.0/15"))));
        final var changed = FlowCompiler.changedScopes(before, new ForwardingState(fabric(moreRoutes), Map.of(),
            PORTS, Set.of()));
        assertEquals(Map.of(NVE1.id(), NveScopes.of(Set.of(DOMAIN_SCOPE)), NVE2.id(),
            NveScopes.of(Set.of(DOMAIN_SCOPE)), GATEWAY_NVE.id(), NveScopes.EVERYTHING), changed);

        // a new underlay address: the domain's routes everywhere (the gateway's own VMs, none here, too)
        final var moved = new Nve(GATEWAY_NVE.id(), GATEWAY_NVE.datapathId(), IpAddress.parse("192.0.2.33"),
            GATEWAY_NVE.tunnelPort(), GATEWAY_NVE.gateways());
        assertEquals(Set.of(NVE1.id(), NVE2.id(), GATEWAY_NVE.id()), FlowCompiler.changedScopes(before,
            new ForwardingState(fabric(moved), Map.of(), PORTS, Set.of())).keySet());

        // an NVE that stops being the gateway stops hosting the domain: everything there, the routes elsewhere
        final var noGateway = nve(3, "192.0.2.3");
        final var gone = FlowCompiler.changedScopes(before, new ForwardingState(fabric(noGateway), Map.of(), PORTS,
            Set.of()));
        assertEquals(NveScopes.of(Set.of(DOMAIN_SCOPE)), gone.get(NVE1.id()));
        assertEquals(NveScopes.EVERYTHING, gone.get(GATEWAY_NVE.id()));
        assertEquals(List.of(), domainFlows(new ForwardingState(fabric(noGateway), Map.of(), PORTS, Set.of()),
            NVE1.id()));
    }

    @Test
    public void aRenumberedExternalPortChangesTheDomainsScopeAtTheGatewayOnly() {
        final var before = PORTS.get(GATEWAY_NVE.id());
        final var after = ports("uplink", 31L);
        assertEquals(NveScopes.of(Set.of(DOMAIN_SCOPE)), FlowCompiler.portChangeScopes(state(), GATEWAY_NVE.id(),
            before, after));
        final var renumbered = new ForwardingState(fabric(), Map.of(), portsWith(GATEWAY_NVE.id(), after), Set.of());
        assertEquals(Map.of(GATEWAY_NVE.id(), NveScopes.of(Set.of(DOMAIN_SCOPE))),
            FlowCompiler.changedScopes(state(), renumbered));
        assertTrue(domainFlows(renumbered, GATEWAY_NVE.id()).contains(FlowEntry.of(PipelineTable.CLASSIFY, 100,
            FlowMatch.of(new InPort(31)), List.of(SetTunnelId.of(DOMAIN.vni())), PipelineTable.ARP_ND_RESPONDER)));
        // a VM port elsewhere on the gateway NVE changes nothing of the domain
        assertFalse(FlowCompiler.portChangeScopes(state(), GATEWAY_NVE.id(), before,
            ports("uplink", UPLINK_OFPORT, "tap9", 19L)).contains(DOMAIN_SCOPE));
    }

    @Test
    public void theDomainsScopeIsPartOfEveryScopeOfTheNvesHostingIt() {
        for (var nve : List.of(NVE1.id(), NVE2.id(), GATEWAY_NVE.id())) {
            final var all = FlowCompiler.compileScopes(state(), nve, METER, NveScopes.EVERYTHING);
            assertEquals(domainFlows(state(), nve), all.of(DOMAIN_SCOPE));
            assertEquals(Set.copyOf(ReferenceCompiler.compile(state(), nve, METER)), Set.copyOf(all.all()));
        }
        // a VM's host routes stay in its own scope
        assertTrue(FlowCompiler.compileScopes(state(), GATEWAY_NVE.id(), METER, NveScopes.of(Set.of(
            new OfVm(VM_A.id())))).all().stream().allMatch(flow -> flow.table() == PipelineTable.L3_HOST_ROUTE
                && flow.priority() == FlowCompiler.PRIORITY));
    }

    private static ForwardingState state() {
        return new ForwardingState(fabric(), Map.of(), PORTS, Set.of());
    }

    private static List<FlowEntry> domainFlows(final ForwardingState state, final NveId nve) {
        return FlowCompiler.compileScopes(state, nve, METER, NveScopes.of(Set.of(DOMAIN_SCOPE))).of(DOMAIN_SCOPE);
    }

    private static FlowEntry punt(final FlowMatch match) {
        return new FlowEntry(PipelineTable.ARP_ND_RESPONDER, 100, match, TO_NVA, null, METER, 0, 0, false);
    }
}
