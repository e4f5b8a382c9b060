/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
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
import org.nvo3.nva.impl.flow.NvePorts;

/**
 * A small routed fabric for the tests of the anycast gateway's answers: NVEs n1..n3 (n3 with an IPv6 underlay),
 * routing domain "tenant-a" (VNI 9000, the default gateway MAC) with the L3 networks web (VNI 6001: subnets
 * 100.64.1.0/24, 198.51.100.0/24 and 2001:db8:6001::/64) and db (VNI 6002: 203.0.113.0/24 and
 * 2001:db8:6002::/64), both with the given old-location-policy, and the L2 network blue (VNI 5001). VMs: w1 (web)
 * and db1 (db) on n1, w2 (web) and db2 (db) on n2, b1 (blue) on n3; each L3 VM has one IPv4 and one IPv6 address.
 */
public final class RoutedFabric {
    public static final NveId N1 = new NveId("n1");
    public static final NveId N2 = new NveId("n2");
    public static final NveId N3 = new NveId("n3");
    public static final Vni WEB = new Vni(6001);
    public static final Vni DB = new Vni(6002);
    public static final Vni BLUE = new Vni(5001);
    public static final RoutingDomain TENANT_A = new RoutingDomain(new RoutingDomainId("tenant-a"), new Vni(9000),
        "a", RoutingDomain.DEFAULT_GATEWAY_MAC);
    public static final MacAddress GATEWAY_MAC = TENANT_A.gatewayMac();
    public static final IpAddress WEB_GATEWAY_V4 = IpAddress.parse("198.51.100.254");
    public static final IpAddress WEB_OTHER_GATEWAY_V4 = IpAddress.parse("100.64.1.1");
    public static final IpAddress WEB_GATEWAY_V6 = IpAddress.parse("2001:db8:6001::1");
    public static final IpAddress DB_GATEWAY_V4 = IpAddress.parse("203.0.113.254");

    public static final VmId W1 = new VmId("w1");
    public static final VmId W2 = new VmId("w2");
    public static final VmId DB1 = new VmId("db1");
    public static final VmId DB2 = new VmId("db2");
    public static final VmId B1 = new VmId("b1");
    public static final MacAddress W1_MAC = MacAddress.parse("02:00:00:00:61:01");
    public static final MacAddress W2_MAC = MacAddress.parse("02:00:00:00:61:02");
    public static final MacAddress DB1_MAC = MacAddress.parse("02:00:00:00:62:01");
    public static final MacAddress DB2_MAC = MacAddress.parse("02:00:00:00:62:02");
    public static final MacAddress B1_MAC = MacAddress.parse("02:00:00:00:50:01");
    public static final IpAddress W1_V4 = IpAddress.parse("198.51.100.1");
    public static final IpAddress W1_V6 = IpAddress.parse("2001:db8:6001::11");
    public static final IpAddress W2_V4 = IpAddress.parse("198.51.100.2");
    public static final IpAddress W2_V6 = IpAddress.parse("2001:db8:6001::12");
    public static final IpAddress DB1_V4 = IpAddress.parse("203.0.113.1");
    public static final IpAddress DB1_V6 = IpAddress.parse("2001:db8:6002::11");
    public static final IpAddress DB2_V4 = IpAddress.parse("203.0.113.2");
    public static final IpAddress DB2_V6 = IpAddress.parse("2001:db8:6002::12");
    public static final IpAddress B1_V4 = IpAddress.parse("10.0.0.1");

    /** Every NVE's VXLAN port number in {@link #ports()}. */
    public static final long TUNNEL = 1;

    private RoutedFabric() {
        // constants and factories only
    }

    public static FabricSnapshot fabric() {
        return fabric(OldLocationPolicy.ICMP_UNREACHABLE);
    }

    /**
     * The fabric with an old-location-policy for both L3 networks.
     *
     * @param policy the policy
     * @return the fabric
     */
    public static FabricSnapshot fabric(final OldLocationPolicy policy) {
        final var nves = Stream.of(nve("n1", 0xb001, "192.0.2.1"), nve("n2", 0xb002, "192.0.2.2"),
            nve("n3", 0xb003, "2001:db8:ff::3")).collect(Collectors.toMap(Nve::id, Function.identity()));
        final var networks = Stream.of(
                new VirtualNetwork(WEB, "web", "a", OverlayMode.L3, TENANT_A.id(), List.of(
                    subnet("100.64.1.0/24", WEB_OTHER_GATEWAY_V4), subnet("198.51.100.0/24", WEB_GATEWAY_V4),
                    subnet("2001:db8:6001::/64", WEB_GATEWAY_V6)), policy),
                new VirtualNetwork(DB, "db", "a", OverlayMode.L3, TENANT_A.id(), List.of(
                    subnet("203.0.113.0/24", DB_GATEWAY_V4),
                    subnet("2001:db8:6002::/64", IpAddress.parse("2001:db8:6002::1"))), policy),
                new VirtualNetwork(BLUE, "blue", "b", OverlayMode.L2))
            .collect(Collectors.toMap(VirtualNetwork::vni, Function.identity()));
        final var vms = Stream.of(vm(W1, WEB, W1_MAC, N1, "w1-eth0", W1_V4, W1_V6),
                vm(W2, WEB, W2_MAC, N2, "w2-eth0", W2_V4, W2_V6),
                vm(DB1, DB, DB1_MAC, N1, "db1-eth0", DB1_V4, DB1_V6),
                vm(DB2, DB, DB2_MAC, N2, "db2-eth0", DB2_V4, DB2_V6),
                vm(B1, BLUE, B1_MAC, N3, "b1-eth0", B1_V4))
            .collect(Collectors.toMap(Vm::id, Function.identity()));
        return new FabricSnapshot(FabricSettings.DEFAULT, nves, networks, vms, Map.of(TENANT_A.id(), TENANT_A));
    }

    /**
     * The ports of the connected NVEs: vxlan0 as {@link #TUNNEL}, w1 and w2 as 5, db1 and db2 as 6, b1 as 5, and
     * w2's new port on n3 as 7.
     *
     * @return the ports by NVE
     */
    public static Map<NveId, NvePorts> ports() {
        return Map.of(N1, nvePorts("w1-eth0", 5L, "db1-eth0", 6L), N2, nvePorts("w2-eth0", 5L, "db2-eth0", 6L),
            N3, nvePorts("b1-eth0", 5L, "w2-new", 7L));
    }

    /**
     * Names a port of {@link #ports()}.
     *
     * @param nve the NVE
     * @param ofport the port number
     * @return its name, or empty
     */
    public static Optional<PortName> portName(final NveId nve, final long ofport) {
        return ports().get(nve).ofports().entrySet().stream().filter(entry -> entry.getValue() == ofport)
            .map(Map.Entry::getKey).findFirst();
    }

    private static Subnet subnet(final String prefix, final IpAddress gateway) {
        return new Subnet(IpPrefix.parse(prefix), gateway);
    }

    private static Nve nve(final String id, final long dpid, final String underlay) {
        return new Nve(new NveId(id), new DatapathId(dpid), IpAddress.parse(underlay), Nve.DEFAULT_TUNNEL_PORT);
    }

    private static Vm vm(final VmId id, final Vni vni, final MacAddress mac, final NveId nve, final String port,
            final IpAddress... ips) {
        return new Vm(id, vni, mac, Set.of(ips), nve, new PortName(port));
    }

    private static NvePorts nvePorts(final Object... namesAndNumbers) {
        final var ofports = new HashMap<PortName, Long>();
        ofports.put(Nve.DEFAULT_TUNNEL_PORT, TUNNEL);
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            ofports.put(new PortName((String) namesAndNumbers[i]), (Long) namesAndNumbers[i + 1]);
        }
        return new NvePorts(ofports);
    }
}
