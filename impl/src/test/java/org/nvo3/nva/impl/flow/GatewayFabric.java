/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.nvo3.nva.impl.flow.TestFabric.nve;
import static org.nvo3.nva.impl.flow.TestFabric.ports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

/**
 * A routing domain whose one L3 network has a VM on NVE1 and one on NVE2, and whose gateway NVE is NVE3
 * (external port {@code uplink} towards a router announcing an IPv4 and an IPv6 documentation prefix); NVE4 hosts
 * nothing. For the gateway's tests.
 */
final class GatewayFabric {
    static final long METER = 7;
    static final RoutingDomain DOMAIN = new RoutingDomain(new RoutingDomainId("rd"), new Vni(9000), "tenant",
        RoutingDomain.DEFAULT_GATEWAY_MAC);
    /** The domain's L3 network: subnets 198.51.100.0/24 and 2001:db8:1b59::/64. */
    static final int ROUTED = 7001;
    static final PortName UPLINK = new PortName("uplink");
    static final long UPLINK_OFPORT = 30;
    static final MacAddress NEXT_HOP = MacAddress.parse("02:00:00:00:ee:01");
    static final IpPrefix EXTERNAL_IPV4 = IpPrefix.parse("203.0.113.0/24");
    static final IpPrefix EXTERNAL_IPV6 = IpPrefix.parse("2001:db8:ffff::/48");
    static final Nve NVE1 = nve(1, "192.0.2.1");
    static final Nve NVE2 = nve(2, "192.0.2.2");
    static final Nve GATEWAY_NVE = withGateway(nve(3, "192.0.2.3"),
        new ExternalGateway(DOMAIN.id(), UPLINK, NEXT_HOP, List.of(EXTERNAL_IPV4, EXTERNAL_IPV6)));
    static final Nve NVE4 = nve(4, "192.0.2.4");
    static final Vm VM_A = new Vm(new VmId("a"), new Vni(ROUTED), MacAddress.parse("02:00:00:00:00:0a"),
        Set.of(IpAddress.parse("198.51.100.10"), IpAddress.parse("2001:db8:1b59::a")), NVE1.id(), new PortName("tap1"));
    static final Vm VM_B = new Vm(new VmId("b"), new Vni(ROUTED), MacAddress.parse("02:00:00:00:00:0b"),
        Set.of(IpAddress.parse("198.51.100.11")), NVE2.id(), new PortName("tap2"));
    /** NVE2 also has a port tap5, where VM A may be learned. */
    static final Map<NveId, NvePorts> PORTS = Map.of(NVE1.id(), ports("tap1", 11L), NVE2.id(),
        ports("tap2", 12L, "tap5", 15L), GATEWAY_NVE.id(), ports("uplink", UPLINK_OFPORT), NVE4.id(), ports());

    private GatewayFabric() {
        // no instances
    }

    /**
     * The fabric with other NVEs in place of some.
     *
     * @param nves NVEs replacing those with their ids
     * @return the fabric
     */
    static FabricSnapshot fabric(final Nve... nves) {
        final var byId = new HashMap<NveId, Nve>();
        for (var nve : List.of(NVE1, NVE2, GATEWAY_NVE, NVE4)) {
            byId.put(nve.id(), nve);
        }
        for (var nve : nves) {
            byId.put(nve.id(), nve);
        }
        return TestFabric.snapshot(FabricSettings.DEFAULT, byId.values(),
            List.of(TestFabric.routedNetwork(ROUTED, DOMAIN, OldLocationPolicy.REDIRECT)), List.of(VM_A, VM_B),
            List.of(DOMAIN));
    }

    /**
     * The ports with some NVEs' replaced.
     *
     * @param replaced NVE ids and their ports, alternating
     * @return the ports
     */
    static Map<NveId, NvePorts> portsWith(final Object... replaced) {
        final var all = new HashMap<>(PORTS);
        for (int i = 0; i < replaced.length; i += 2) {
            all.put((NveId) replaced[i], (NvePorts) replaced[i + 1]);
        }
        return all;
    }

    static Nve withGateway(final Nve nve, final ExternalGateway... gateways) {
        final var byDomain = new HashMap<RoutingDomainId, ExternalGateway>();
        for (var gateway : gateways) {
            byDomain.put(gateway.domain(), gateway);
        }
        return new Nve(nve.id(), nve.datapathId(), nve.underlayIp(), nve.tunnelPort(), byDomain);
    }
}
