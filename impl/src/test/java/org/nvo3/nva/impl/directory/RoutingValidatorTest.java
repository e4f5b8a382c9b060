/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.directory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.Subnet;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

/**
 * The routed (L3) rules of {@link IntentValidator}: routing domains, subnets, gateway addresses, gateway NVEs.
 */
public class RoutingValidatorTest {
    private static final RoutingDomainId TENANT_A = new RoutingDomainId("tenant-a");
    private static final RoutingDomainId TENANT_B = new RoutingDomainId("tenant-b");
    private static final Nve N1 = new Nve(new NveId("n1"), new DatapathId(1), IpAddress.parse("192.0.2.11"),
        Nve.DEFAULT_TUNNEL_PORT);

    @Test
    public void acceptsTwoTenantsWithTheSameSubnets() {
        final var result = validate(List.of(N1), List.of(domain(TENANT_A, 9001), domain(TENANT_B, 9002)),
            List.of(l3(101, TENANT_A, "198.51.100.0/25", "198.51.100.1", "2001:db8:1::/64", "2001:db8:1::1"),
                l3(102, TENANT_A, "198.51.100.128/25", "198.51.100.129"),
                l3(201, TENANT_B, "198.51.100.0/25", "198.51.100.1")),
            List.of(vm("a1", 101, "02:00:00:00:01:01", "198.51.100.10", "2001:db8:1::10"),
                vm("a2", 102, "02:00:00:00:01:02", "198.51.100.140"),
                vm("b1", 201, "02:00:00:00:02:01", "198.51.100.10")));
        assertEquals(List.of(), result.problems());
        assertEquals(Set.of(new VmId("a1"), new VmId("a2"), new VmId("b1")), result.snapshot().vms().keySet());
        assertEquals(TENANT_A, result.snapshot().routingDomainOf(new Vni(102)).orElseThrow().id());
    }

    @Test
    public void refusesOverlappingSubnetsInOneDomainKeepingTheIncumbent() {
        final var incumbent = l3(101, TENANT_A, "198.51.100.0/24", "198.51.100.1");
        final var previous = new FabricSnapshot(FabricSettings.DEFAULT, Map.of(), Map.of(incumbent.vni(), incumbent),
            Map.of(), Map.of(TENANT_A, domain(TENANT_A, 9001)));
        // the newcomer has the smaller VNI and still loses: the accepted network keeps its place
        final var result = IntentValidator.validate(intent(List.of(), List.of(domain(TENANT_A, 9001)),
            List.of(incumbent, l3(100, TENANT_A, "198.51.100.128/25", "198.51.100.129")), List.of()), previous);
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "100",
            "subnet 198.51.100.128/25 overlaps 198.51.100.0/24 (subnet of VNI 101) in routing domain tenant-a");
        assertEquals(Set.of(new Vni(101)), result.snapshot().networks().keySet());
    }

    @Test
    public void refusesL3NetworksWithoutDomainOrSubnets() {
        final var noSubnet = new VirtualNetwork(new Vni(103), "", "", OverlayMode.L3, TENANT_A, List.of(),
            OldLocationPolicy.REDIRECT);
        final var noDomain = new VirtualNetwork(new Vni(104), "", "", OverlayMode.L3);
        final var unknownDomain = l3(105, new RoutingDomainId("nobody"), "192.0.2.0/28", "192.0.2.1");
        final var result = validate(List.of(), List.of(domain(TENANT_A, 9001)),
            List.of(noSubnet, noDomain, unknownDomain), List.of(vm("orphan", 104, "02:00:00:00:01:04")));
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "103", "needs at least one subnet");
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "104", "names its routing-domain");
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "105", "routing domain nobody does not exist");
        assertProblem(result, IntentKind.VM, "orphan", "virtual network 104 is itself refused");
        assertEquals(Set.of(), result.snapshot().networks().keySet());
    }

    @Test
    public void refusesADomainWhoseVniIsTakenByANetworkOrAnotherDomain() {
        final var result = validate(List.of(), List.of(domain(TENANT_A, 101), domain(TENANT_B, 9001),
                domain(new RoutingDomainId("tenant-c"), 9001)),
            List.of(new VirtualNetwork(new Vni(101), "", "", OverlayMode.L2)), List.of());
        assertProblem(result, IntentKind.ROUTING_DOMAIN, "tenant-a", "vni 101 is virtual network 101's");
        assertProblem(result, IntentKind.ROUTING_DOMAIN, "tenant-c", "vni 9001 is already used by routing domain "
            + "tenant-b");
        assertEquals(Set.of(TENANT_B), result.snapshot().routingDomains().keySet());
    }

    @Test
    public void refusesVmAddressesOutsideTheSubnetsOrOnTheGateway() {
        final var result = validate(List.of(), List.of(domain(TENANT_A, 9001)),
            List.of(l3(101, TENANT_A, "198.51.100.0/25", "198.51.100.1")),
            List.of(vm("outside", 101, "02:00:00:00:01:01", "198.51.100.200"),
                vm("gateway", 101, "02:00:00:00:01:02", "198.51.100.1"),
                vm("fine", 101, "02:00:00:00:01:03", "198.51.100.3")));
        assertProblem(result, IntentKind.VM, "outside", "IP 198.51.100.200 is in none of VNI 101's subnets "
            + "[198.51.100.0/25]");
        assertProblem(result, IntentKind.VM, "gateway", "IP 198.51.100.1 is the gateway address of subnet "
            + "198.51.100.0/25");
        assertEquals(Set.of(new VmId("fine")), result.snapshot().vms().keySet());
    }

    @Test
    public void refusesGatewaysOfUnknownDomainsAndVmsOnExternalPorts() {
        final var gateway = new ExternalGateway(TENANT_A, new PortName("ext0"), MacAddress.parse("02:00:00:00:ee:01"),
            List.of(IpPrefix.parse("203.0.113.0/24")));
        final var border = new Nve(new NveId("border"), new DatapathId(7), IpAddress.parse("192.0.2.17"),
            Nve.DEFAULT_TUNNEL_PORT, Map.of(TENANT_A, gateway));
        final var lost = new Nve(new NveId("lost"), new DatapathId(8), IpAddress.parse("192.0.2.18"),
            Nve.DEFAULT_TUNNEL_PORT, Map.of(TENANT_B, new ExternalGateway(TENANT_B, new PortName("ext0"),
                MacAddress.parse("02:00:00:00:ee:02"), List.of())));
        final var onExternal = new Vm(new VmId("squatter"), new Vni(101), MacAddress.parse("02:00:00:00:01:05"),
            Set.of(IpAddress.parse("198.51.100.5")), border.id(), new PortName("ext0"));
        final var result = validate(List.of(border, lost), List.of(domain(TENANT_A, 9001)),
            List.of(l3(101, TENANT_A, "198.51.100.0/25", "198.51.100.1")), List.of(onExternal));
        assertProblem(result, IntentKind.NVE, "lost", "gateway of routing domain tenant-b, which does not exist");
        assertProblem(result, IntentKind.VM, "squatter", "port ext0 on NVE border is the external port of its "
            + "gateway for routing domain tenant-a");
        // the NVE stays (with its VMs), without the gateway entry
        assertEquals(Set.of(border.id(), lost.id()), result.snapshot().nves().keySet());
        assertEquals(Map.of(), result.snapshot().nve(lost.id()).orElseThrow().gateways());
    }

    @Test
    public void refusesASubnetHoldingAnExternalPrefixButNotOneUnderADefaultRoute() {
        final var border = border(List.of(IpPrefix.parse("198.51.100.0/26"), IpPrefix.parse("0.0.0.0/0"),
            IpPrefix.parse("2001:db8:ff::/100")));
        final var result = validate(List.of(border), List.of(domain(TENANT_A, 9001)),
            List.of(l3(101, TENANT_A, "198.51.100.0/25", "198.51.100.1"),
                l3(102, TENANT_A, "198.51.100.128/25", "198.51.100.129"),
                l3(103, TENANT_A, "2001:db8:ff::/120", "2001:db8:ff::1")), List.of());
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "101", "overlaps 198.51.100.0/26 (external-prefix of "
            + "gateway NVE border)");
        // a default route is outranked by every host route: fine
        assertTrue(result.snapshot().networks().containsKey(new Vni(102)));
        // a /100 route would outrank the /120's host routes (priority 110 > 100)
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "103", "overlaps 2001:db8:ff::/100");
    }

    @Test
    public void refusesAVmWithTheGatewayMacAndIcmpUnreachableOnAnL2Network() {
        final var l2 = new VirtualNetwork(new Vni(201), "", "", OverlayMode.L2, null, List.of(),
            OldLocationPolicy.ICMP_UNREACHABLE);
        final var result = validate(List.of(), List.of(domain(TENANT_A, 9001)),
            List.of(l3(101, TENANT_A, "198.51.100.0/25", "198.51.100.1"), l2),
            List.of(vm("impostor", 101, RoutingDomain.DEFAULT_GATEWAY_MAC.toString(), "198.51.100.5")));
        assertProblem(result, IntentKind.VM, "impostor", "is the gateway-mac of routing domain tenant-a");
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "201", "icmp-unreachable needs a gateway address");
    }

    @Test
    public void anAcceptedDomainKeepsItsVniAgainstANewcomer() {
        final var incumbent = domain(TENANT_B, 9001);
        final var previous = new FabricSnapshot(FabricSettings.DEFAULT, Map.of(), Map.of(), Map.of(),
            Map.of(TENANT_B, incumbent));
        // tenant-a sorts first but arrives later
        final var result = IntentValidator.validate(intent(List.of(), List.of(domain(TENANT_A, 9001), incumbent),
            List.of(), List.of()), previous);
        assertProblem(result, IntentKind.ROUTING_DOMAIN, "tenant-a", "vni 9001 is already used by routing domain "
            + "tenant-b");
        assertEquals(Set.of(TENANT_B), result.snapshot().routingDomains().keySet());
    }

    @Test
    public void aNetworkAddedOnAnAcceptedDomainsVniIsTheOneRefused() {
        final var incumbent = domain(TENANT_A, 9001);
        final var routed = l3(101, TENANT_A, "198.51.100.0/25", "198.51.100.1");
        final var previous = new FabricSnapshot(FabricSettings.DEFAULT, Map.of(), Map.of(routed.vni(), routed),
            Map.of(), Map.of(TENANT_A, incumbent));
        final var newcomer = new VirtualNetwork(new Vni(9001), "", "", OverlayMode.L2);
        final var result = IntentValidator.validate(intent(List.of(), List.of(incumbent), List.of(routed, newcomer),
            List.of(vm("b", 9001, "02:00:00:00:90:01"))), previous);
        assertProblem(result, IntentKind.VIRTUAL_NETWORK, "9001", "vni 9001 is routing domain tenant-a's");
        assertProblem(result, IntentKind.VM, "b", "virtual network 9001 is itself refused");
        assertEquals(Set.of(TENANT_A), result.snapshot().routingDomains().keySet());
        assertEquals(Set.of(new Vni(101)), result.snapshot().networks().keySet());
    }

    private static Nve border(final List<IpPrefix> prefixes) {
        return new Nve(new NveId("border"), new DatapathId(7), IpAddress.parse("192.0.2.17"), Nve.DEFAULT_TUNNEL_PORT,
            Map.of(TENANT_A, new ExternalGateway(TENANT_A, new PortName("ext0"), MacAddress.parse("02:00:00:00:ee:01"),
                prefixes)));
    }

    private static ValidatedFabric validate(final List<Nve> nves, final List<RoutingDomain> domains,
            final List<VirtualNetwork> networks, final List<Vm> vms) {
        return IntentValidator.validate(intent(nves, domains, networks, vms), FabricSnapshot.EMPTY);
    }

    private static FabricIntent intent(final List<Nve> nves, final List<RoutingDomain> domains,
            final List<VirtualNetwork> networks, final List<Vm> vms) {
        final var nveMap = new HashMap<NveId, Nve>();
        nves.forEach(nve -> nveMap.put(nve.id(), nve));
        final var domainMap = new HashMap<RoutingDomainId, RoutingDomain>();
        domains.forEach(domain -> domainMap.put(domain.id(), domain));
        final var networkMap = new HashMap<Vni, VirtualNetwork>();
        networks.forEach(network -> networkMap.put(network.vni(), network));
        final var vmMap = new HashMap<VmId, Vm>();
        vms.forEach(vm -> vmMap.put(vm.id(), vm));
        return new FabricIntent(FabricSettings.DEFAULT, nveMap, networkMap, vmMap, domainMap);
    }

    private static void assertProblem(final ValidatedFabric result, final IntentKind kind, final String id,
            final String reason) {
        final var problem = result.problems().stream()
            .filter(candidate -> candidate.kind() == kind && candidate.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no problem for " + kind + " " + id + " in " + result.problems()));
        assertTrue(problem.reason(), problem.reason().contains(reason));
    }

    private static RoutingDomain domain(final RoutingDomainId id, final int vni) {
        return new RoutingDomain(id, new Vni(vni), "", RoutingDomain.DEFAULT_GATEWAY_MAC);
    }

    private static VirtualNetwork l3(final int vni, final RoutingDomainId domain, final String... prefixAndGateway) {
        final var subnets = new ArrayList<Subnet>();
        for (int i = 0; i < prefixAndGateway.length; i += 2) {
            subnets.add(new Subnet(IpPrefix.parse(prefixAndGateway[i]), IpAddress.parse(prefixAndGateway[i + 1])));
        }
        return new VirtualNetwork(new Vni(vni), "", "", OverlayMode.L3, domain, subnets, OldLocationPolicy.REDIRECT);
    }

    private static Vm vm(final String id, final int vni, final String mac, final String... ips) {
        final var addresses = new HashSet<IpAddress>();
        for (var ip : ips) {
            addresses.add(IpAddress.parse(ip));
        }
        return new Vm(new VmId(id), new Vni(vni), MacAddress.parse(mac), addresses, null, null);
    }
}
