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
import static org.nvo3.nva.impl.flow.TestFabric.TUNNEL_OFPORT;
import static org.nvo3.nva.impl.flow.TestFabric.learned;
import static org.nvo3.nva.impl.flow.TestFabric.nve;
import static org.nvo3.nva.impl.flow.TestFabric.ports;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.FabricSettings;
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
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FakeOverlay.Delivery;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;

/**
 * What the distributed anycast gateway does to packets, on {@link FakePipeline} switches joined by
 * {@link FakeOverlay}: routing between two subnets of a routing domain (asymmetric: the packet crosses the
 * overlay in the destination network's VNI, TTL one lower, from the gateway MAC), two tenants with the same
 * subnets kept apart, a routed VM's move re-pointing every host route, and the old NVE's old-location-policy.
 */
public class RoutedForwardingTest {
    private static final long METER = 7;
    private static final Nve NVE1 = nve(1, "192.0.2.1");
    private static final Nve NVE2 = nve(2, "192.0.2.2");
    private static final Nve NVE3 = nve(3, "2001:db8::3");
    private static final RoutingDomain TENANT_A = new RoutingDomain(new RoutingDomainId("tenant-a"), new Vni(9001),
        "a", RoutingDomain.DEFAULT_GATEWAY_MAC);
    private static final RoutingDomain TENANT_B = new RoutingDomain(new RoutingDomainId("tenant-b"), new Vni(9002),
        "b", MacAddress.parse("02:4e:56:47:57:02"));
    private static final int A_FRONT = 6001;
    private static final int A_BACK = 6002;
    private static final int B_FRONT = 6101;
    private static final int B_BACK = 6102;
    private static final Vm A1 = vm("a1", A_FRONT, "02:00:00:00:61:01", NVE1, "tap1", "198.51.100.10",
        "2001:db8:61::10");
    private static final Vm A2 = vm("a2", A_BACK, "02:00:00:00:62:02", NVE2, "tap2", "198.51.100.140",
        "2001:db8:62::140");
    /** Tenant b's VMs have tenant a's addresses; b2 is where a2 is not. */
    private static final Vm B1 = vm("b1", B_FRONT, "02:00:00:00:71:01", NVE1, "tap3", "198.51.100.10");
    private static final Vm B2 = vm("b2", B_BACK, "02:00:00:00:72:02", NVE3, "tap4", "198.51.100.140");
    private static final Map<NveId, NvePorts> PORTS = Map.of(
        NVE1.id(), ports("tap1", 11L, "tap3", 13L, "tap7", 17L),
        NVE2.id(), ports("tap2", 12L),
        NVE3.id(), ports("tap4", 14L));

    @Test
    public void aPacketToTheGatewayIsRoutedToTheOtherSubnetOverTheOverlay() {
        final var overlay = new FakeOverlay(state(Map.of(), Set.of(), OldLocationPolicy.REDIRECT), METER);
        final var packet = Packet.ipv4(11, A1.mac(), TENANT_A.gatewayMac(), ip("198.51.100.140"), 64);

        final var atNve1 = overlay.at(NVE1.id(), packet).sent();
        assertEquals(1, atNve1.size());
        final var routed = atNve1.getFirst();
        assertEquals(TUNNEL_OFPORT, routed.port());
        assertEquals("the destination network's VNI on the wire", A_BACK, routed.tunId());
        assertEquals(NVE2.underlayIp(), routed.tunDst());
        assertEquals(TENANT_A.gatewayMac(), routed.packet().ethSrc());
        assertEquals(A2.mac(), routed.packet().ethDst());
        assertEquals(Integer.valueOf(63), routed.packet().ttl());

        final var delivered = overlay.send(NVE1.id(), packet);
        assertEquals(List.of(new Delivery(NVE2.id(), delivered.getFirst().emission())), delivered);
        final var atA2 = (Sent) delivered.getFirst().emission();
        assertEquals(12, atA2.port());
        assertEquals(A2.mac(), atA2.packet().ethDst());
        assertEquals(Integer.valueOf(63), atA2.packet().ttl());
    }

    @Test
    public void ipv6IsRoutedTooAndAnExpiredHopLimitIsNot() {
        final var overlay = new FakeOverlay(state(Map.of(), Set.of(), OldLocationPolicy.REDIRECT), METER);
        final var packet = Packet.ipv6(12, A2.mac(), TENANT_A.gatewayMac(), ip("2001:db8:61::10"), 2);
        final var delivered = overlay.send(NVE2.id(), packet);
        assertEquals(1, delivered.size());
        final var atA1 = (Sent) delivered.getFirst().emission();
        assertEquals(NVE1.id(), delivered.getFirst().nve());
        assertEquals(11, atA1.port());
        assertEquals(Integer.valueOf(1), atA1.packet().ttl());

        final var expired = Packet.ipv6(12, A2.mac(), TENANT_A.gatewayMac(), ip("2001:db8:61::10"), 1);
        assertEquals(List.of(), overlay.at(NVE2.id(), expired).sent());
    }

    @Test
    public void twoTenantsWithTheSameSubnetsNeverReachEachOther() {
        final var overlay = new FakeOverlay(state(Map.of(), Set.of(), OldLocationPolicy.REDIRECT), METER);
        // b1 routes to 198.51.100.140: tenant b's b2 on NVE3, never tenant a's a2 on NVE2
        final var fromB1 = overlay.send(NVE1.id(), Packet.ipv4(13, B1.mac(), TENANT_B.gatewayMac(),
            ip("198.51.100.140"), 64));
        assertEquals(1, fromB1.size());
        assertEquals(NVE3.id(), fromB1.getFirst().nve());
        assertEquals(B_BACK, ((Sent) fromB1.getFirst().emission()).tunId());
        assertEquals(14, ((Sent) fromB1.getFirst().emission()).port());
        // tenant a's gateway MAC means nothing in tenant b's networks
        final var wrongGateway = overlay.at(NVE1.id(), Packet.ipv4(13, B1.mac(), TENANT_A.gatewayMac(),
            ip("198.51.100.140"), 64));
        assertTrue(wrongGateway.sent().isEmpty());
        // an address only tenant b has is unknown to tenant a's routes
        final var unknown = overlay.at(NVE1.id(), Packet.ipv4(11, A1.mac(), TENANT_A.gatewayMac(),
            ip("198.51.100.141"), 64));
        assertTrue(unknown.sent().isEmpty());
        assertEquals(List.of(new Punted(PipelineTable.L3_HOST_ROUTE, METER)), unknown.emissions());
    }

    @Test
    public void aMovedVmIsRoutedToItsNewNveAndTheOldNveAppliesThePolicy() {
        final var moved = Map.of(A2.id(), learned(A2, NVE1, "tap7", 1));
        final var redirect = new Redirect(A2.id(), NVE2.id(), 30);
        for (var policy : OldLocationPolicy.values()) {
            final var overlay = new FakeOverlay(state(moved, Set.of(redirect), policy), METER);
            // a1 and a2 are both on NVE1 now: routed there, locally
            final var fromA1 = overlay.send(NVE1.id(), Packet.ipv4(11, A1.mac(), TENANT_A.gatewayMac(),
                ip("198.51.100.140"), 64));
            assertEquals(policy + ": routed locally now", 1, fromA1.size());
            assertEquals(NVE1.id(), fromA1.getFirst().nve());
            assertEquals(17, ((Sent) fromA1.getFirst().emission()).port());

            // a stale sender's routed packet reaching the old NVE over the overlay
            final var stale = Packet.ipv4(11, TENANT_A.gatewayMac(), A2.mac(), ip("198.51.100.140"), 63)
                .arrivingOverTunnel(TUNNEL_OFPORT, A_BACK);
            final var atOld = overlay.at(NVE2.id(), stale);
            switch (policy) {
                case REDIRECT -> {
                    assertEquals(1, atOld.sent().size());
                    assertEquals(NVE1.underlayIp(), atOld.sent().getFirst().tunDst());
                }
                case DROP -> {
                    assertTrue(atOld.emissions().toString(), atOld.dropped());
                    assertEquals(PipelineTable.REDIRECT, atOld.path().getLast().table());
                    assertEquals(30, atOld.path().getLast().hardTimeout());
                    assertTrue(atOld.path().getLast().notifyOnRemoval());
                }
                case ICMP_UNREACHABLE -> assertEquals(List.of(new Punted(PipelineTable.REDIRECT, METER)),
                    atOld.emissions());
                default -> throw new AssertionError(policy);
            }
        }
    }

    @Test
    public void everyNveOfTheDomainRoutesToTheVmsNewNve() {
        final var before = state(Map.of(), Set.of(), OldLocationPolicy.REDIRECT);
        final var after = state(Map.of(A2.id(), learned(A2, NVE1, "tap7", 1)), Set.of(),
            OldLocationPolicy.REDIRECT);
        final var changed = FlowCompiler.changedScopes(before, after);
        // NVE1 and NVE2 host tenant a; NVE3 hosts only tenant b, whose routes do not change
        assertEquals(Set.of(NVE1.id(), NVE2.id()), changed.keySet());
        final var overlay = new FakeOverlay(after, METER);
        final var fromNve2Side = overlay.send(NVE1.id(), Packet.ipv6(11, A1.mac(), TENANT_A.gatewayMac(),
            ip("2001:db8:62::140"), 64));
        assertEquals(17, ((Sent) fromNve2Side.getFirst().emission()).port());
    }

    @Test
    public void anNveThatStartsHostingADomainGetsTheHostRoutesOfAllItsNetworks() {
        // NVE3 hosts only tenant b; a2 (a-back) arriving there brings tenant a's routing: a1's routes too
        final var tap5 = new java.util.HashMap<>(PORTS);
        tap5.put(NVE3.id(), ports("tap4", 14L, "tap5", 15L));
        final var fabric = state(Map.of(), Set.of(), OldLocationPolicy.REDIRECT).fabric();
        final var before = new ForwardingState(fabric, Map.of(), tap5, Set.of());
        final var after = new ForwardingState(fabric, Map.of(A2.id(), learned(A2, NVE3, "tap5", 1)), tap5, Set.of());
        final var installed = FlowCompiler.compileScopes(before, NVE3.id(), METER, NveScopes.EVERYTHING);
        final var scopes = FlowCompiler.changedScopes(before, after).get(NVE3.id());
        assertTrue("only the scopes hosting changed: " + scopes, !scopes.everything());
        final var patched = installed.replaced(scopes, FlowCompiler.compileScopes(after, NVE3.id(), METER, scopes));
        assertEquals(Set.copyOf(ReferenceCompiler.compile(after, NVE3.id(), METER)), Set.copyOf(patched.all()));
        assertTrue("a1's host route at NVE3", patched.all().stream().anyMatch(flow ->
            flow.table() == PipelineTable.L3_HOST_ROUTE && flow.match().toString().contains("198.51.100.10")
            && flow.match().toString().contains("9001")));
    }

    private static ForwardingState state(final Map<VmId, VmLocation> learned, final Set<Redirect> redirects,
            final OldLocationPolicy backPolicy) {
        final var fabric = TestFabric.snapshot(FabricSettings.DEFAULT, List.of(NVE1, NVE2, NVE3),
            List.of(network(A_FRONT, TENANT_A, "198.51.100.0/25", "198.51.100.1", "2001:db8:61::/64",
                    "2001:db8:61::1", OldLocationPolicy.REDIRECT),
                network(A_BACK, TENANT_A, "198.51.100.128/25", "198.51.100.129", "2001:db8:62::/64",
                    "2001:db8:62::1", backPolicy),
                network(B_FRONT, TENANT_B, "198.51.100.0/25", "198.51.100.1", "2001:db8:61::/64",
                    "2001:db8:61::1", OldLocationPolicy.REDIRECT),
                network(B_BACK, TENANT_B, "198.51.100.128/25", "198.51.100.129", "2001:db8:62::/64",
                    "2001:db8:62::1", OldLocationPolicy.REDIRECT)),
            List.of(A1, A2, B1, B2), List.of(TENANT_A, TENANT_B));
        return new ForwardingState(fabric, learned, PORTS, redirects);
    }

    private static VirtualNetwork network(final int vni, final RoutingDomain domain, final String v4,
            final String gateway4, final String v6, final String gateway6, final OldLocationPolicy policy) {
        return new VirtualNetwork(new Vni(vni), "net" + vni, domain.tenant(), OverlayMode.L3, domain.id(),
            List.of(new Subnet(IpPrefix.parse(v4), ip(gateway4)), new Subnet(IpPrefix.parse(v6), ip(gateway6))),
            policy);
    }

    private static Vm vm(final String id, final int vni, final String mac, final Nve nve, final String port,
            final String... ips) {
        final var addresses = new HashSet<IpAddress>();
        for (var address : ips) {
            addresses.add(ip(address));
        }
        return new Vm(new VmId(id), new Vni(vni), MacAddress.parse(mac), addresses, nve.id(),
            new PortName(port));
    }

    private static IpAddress ip(final String text) {
        return IpAddress.parse(text);
    }
}
