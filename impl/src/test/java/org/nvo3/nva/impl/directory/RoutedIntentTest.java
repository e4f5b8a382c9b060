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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.Subnet;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.DirectoryFixture;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.NveBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomainBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.nve.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.virtual.network.SubnetBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntent;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntentKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Routed intent written to CONFIGURATION as orchestration writes it: routing domains, L3 networks with subnets and
 * gateway NVEs reach the directory's snapshot, and a routing domain that cannot be used shows in
 * state/rejected-intent with its reason.
 */
public class RoutedIntentTest extends AbstractConcurrentDataBrokerTest {
    private DirectoryFixture fixture;

    public RoutedIntentTest() {
        super(true);
    }

    @Before
    public void startDirectory() {
        fixture = new DirectoryFixture(getDataBroker());
    }

    @After
    public void stopDirectory() {
        fixture.close();
    }

    @Test
    public void routedIntentReachesTheSnapshot() throws Exception {
        fixture.loadStandardFabric();
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain.class,
            domain("tenant-a", 9001).key()).build(), domain("tenant-a", 9001));
        final var routed = new VirtualNetworkBuilder().setVni(new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121
                .Vni(Uint32.valueOf(301))).setMode(VirtualNetwork.Mode.L3).setRoutingDomain(new ObjectId("tenant-a"))
            .setOldLocationPolicy(org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.OldLocationPolicy.IcmpUnreachable)
            .setSubnet(Map.of(
                new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.virtual.network.SubnetKey(
                    prefix("198.51.100.0/25")), subnet("198.51.100.0/25", "198.51.100.1"),
                new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.virtual.network.SubnetKey(
                    prefix("2001:db8:301::/64")), subnet("2001:db8:301::/64",
                        "2001:db8:301::1")))
            .build();
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(VirtualNetwork.class, routed.key()).build(),
            routed);
        final var border = gatewayNve(77, new GatewayBuilder(gateway())
            .setExternalPrefix(Set.of(prefix("203.0.113.0/24"))).build());
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(Nve.class, border.key()).build(), border);

        fixture.signal().await("the directory holds the routed network and the gateway NVE",
            () -> fixture.directory().snapshot().networks().containsKey(new Vni(301))
                && fixture.directory().snapshot().nves().containsKey(new NveId("border")));
        final var snapshot = fixture.directory().snapshot();
        final var tenant = new RoutingDomainId("tenant-a");
        assertEquals(new RoutingDomain(tenant, new Vni(9001), "", RoutingDomain.DEFAULT_GATEWAY_MAC),
            snapshot.routingDomainOf(new Vni(301)).orElseThrow());
        final var network = snapshot.networks().get(new Vni(301));
        assertEquals(List.of(subnetOf("198.51.100.0/25", "198.51.100.1"),
            subnetOf("2001:db8:301::/64", "2001:db8:301::1")), network.subnets());
        assertEquals(OldLocationPolicy.ICMP_UNREACHABLE, network.oldLocationPolicy());
        final var gateway = snapshot.nve(new NveId("border")).orElseThrow().gateways().get(tenant);
        assertEquals(new PortName("ext0"), gateway.externalPort());
        assertEquals(MacAddress.parse("02:00:00:00:ee:01"), gateway.nextHopMac());
        assertEquals(List.of(org.nvo3.nva.api.IpPrefix.parse("203.0.113.0/24")), gateway.prefixes());
    }

    @Test
    public void aGatewayWithoutExternalPrefixesIsAcceptedAndLosesNothingElse() throws Exception {
        fixture.loadStandardFabric();
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain.class,
            domain("tenant-a", 9001).key()).build(), domain("tenant-a", 9001));
        final var border = gatewayNve(78, gateway());
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(Nve.class, border.key()).build(), border);
        fixture.signal().await("the directory holds the gateway NVE",
            () -> fixture.directory().snapshot().nves().containsKey(new NveId("border")));
        final var snapshot = fixture.directory().snapshot();
        assertEquals(List.of(), snapshot.nve(new NveId("border")).orElseThrow().gateways()
            .get(new RoutingDomainId("tenant-a")).prefixes());
        assertEquals(4, snapshot.vms().size());
        assertEquals(List.of(), fixture.directory().problems());
    }

    @Test
    public void aDomainOnANetworksVniIsRejectedWithItsReason() throws Exception {
        fixture.loadStandardFabric();
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(
            org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain.class,
            domain("clash", 100).key()).build(), domain("clash", 100));
        final var path = DataObjectIdentifier.builder(State.class).child(RejectedIntent.class,
            new RejectedIntentKey("clash", org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.IntentKind
                .RoutingDomain)).build();
        fixture.signal().await("state/rejected-intent lists the domain", () -> read(path) != null);
        final var reason = read(path).getReason();
        assertTrue(reason, reason.contains("vni 100 is virtual network 100's"));
        assertTrue(fixture.directory().problems().stream().anyMatch(problem ->
            problem.kind() == IntentKind.ROUTING_DOMAIN && problem.id().equals("clash")));
        assertTrue(fixture.directory().snapshot().routingDomains().isEmpty());
    }

    private RejectedIntent read(final DataObjectIdentifier<RejectedIntent> path) {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS).orElse(null);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain domain(final String name,
            final long vni) {
        return new RoutingDomainBuilder().setName(new ObjectId(name))
            .setVni(new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Vni(Uint32.valueOf(vni))).build();
    }

    private static Subnet subnetOf(final String prefix, final String gateway) {
        return new Subnet(org.nvo3.nva.api.IpPrefix.parse(prefix), IpAddress.parse(gateway));
    }

    /** Tenant a's gateway entry: external port ext0, next hop 02:00:00:00:ee:01, no external prefix. */
    private static org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.nve.Gateway gateway() {
        return new GatewayBuilder().setRoutingDomain(new ObjectId("tenant-a"))
            .setExternalPort(new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.PortName("ext0"))
            .setNextHopMac(new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MacAddress("02:00:00:00:ee:01"))
            .build();
    }

    /** NVE "border" (datapath id and underlay 192.0.2.<host>) with one gateway entry. */
    private static Nve gatewayNve(final int host,
            final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.nve.Gateway gateway) {
        return new NveBuilder().setId(new ObjectId("border"))
            .setDatapathId(org.opendaylight.yangtools.yang.common.Uint64.valueOf(host))
            .setUnderlayIp(address("192.0.2." + host))
            .setGateway(Map.of(gateway.key(), gateway))
            .build();
    }

    private static IpPrefix prefix(final String text) {
        return text.contains(":") ? new IpPrefix(new Ipv6Prefix(text)) : new IpPrefix(new Ipv4Prefix(text));
    }

    private static IpAddressNoZone address(final String text) {
        return text.contains(":") ? new IpAddressNoZone(new Ipv6AddressNoZone(text))
            : new IpAddressNoZone(new Ipv4AddressNoZone(text));
    }

    private static org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.virtual.network.Subnet subnet(
            final String prefix, final String gateway) {
        return new SubnetBuilder().setPrefix(prefix(prefix))
            .setGatewayIp(address(gateway)).build();
    }
}
