/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.List;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetEthDst;
import org.nvo3.nva.impl.flow.FlowAction.SetEthSrc;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpOp;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpTpa;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6NdTarget;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * Flows of the kinds the NVA pipeline holds, one or more per table, for tests.
 */
public final class SampleFlows {
    public static final Vni BLUE = new Vni(5001);
    public static final MacAddress VM1_MAC = MacAddress.parse("02:00:00:00:50:01");
    public static final MacAddress VM2_MAC = MacAddress.parse("02:00:00:00:50:02");
    public static final MacAddress GATEWAY_MAC = MacAddress.parse("02:00:00:00:00:fe");
    public static final IpAddress VM1_IPV4 = IpAddress.parse("198.51.100.1");
    public static final IpAddress VM1_IPV6 = IpAddress.parse("2001:db8:1::1");
    public static final IpAddress NVE2_IPV4 = IpAddress.parse("192.0.2.2");
    public static final IpAddress NVE3_IPV6 = IpAddress.parse("2001:db8:ff::3");
    public static final long VM1_PORT = 3;
    public static final long TUNNEL_PORT = 1;
    public static final IpPrefix EXTERNAL_IPV4 = IpPrefix.parse("203.0.113.0/24");
    public static final IpPrefix EXTERNAL_IPV6 = IpPrefix.parse("2001:db8:ffff::/48");
    public static final MacAddress NEXT_HOP_MAC = MacAddress.parse("02:00:00:00:ee:01");
    public static final long EXTERNAL_PORT = 8;

    private SampleFlows() {
        // no instances
    }

    /** A VM port admitted into its VNI. */
    public static FlowEntry classifyVmPort() {
        return FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(VM1_PORT), new EthSrc(VM1_MAC)),
            List.of(SetTunnelId.of(BLUE)), PipelineTable.ARP_ND_RESPONDER);
    }

    /** A known VNI admitted from the VXLAN port. */
    public static FlowEntry classifyTunnel() {
        return FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(TUNNEL_PORT), TunnelId.of(BLUE)),
            List.of(), PipelineTable.REDIRECT);
    }

    /** RARP from any port punted to the NVA, through a meter. */
    public static FlowEntry puntRarp() {
        return new FlowEntry(PipelineTable.CLASSIFY, 50, FlowMatch.of(new EthType(EthType.RARP)),
            List.of(new OutputController(OutputController.WHOLE_PACKET)), null, 1L, 0, 0, false);
    }

    /** An ARP request for a known IPv4 address, punted to the NVA, which answers. */
    public static FlowEntry arpRequest() {
        return FlowEntry.of(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(TunnelId.of(BLUE),
            new EthType(EthType.ARP), new ArpOp(ArpOp.REQUEST), new ArpTpa(VM1_IPV4)),
            List.of(new OutputController(128)), null);
    }

    /** A neighbour solicitation for a known IPv6 address, punted to the NVA. */
    public static FlowEntry neighbourSolicitation() {
        return FlowEntry.of(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(TunnelId.of(BLUE),
            new EthType(EthType.IPV6), new IpProto(IpProto.ICMPV6), new Icmpv6Type(Icmpv6Type.NEIGHBOR_SOLICITATION),
            new Ipv6NdTarget(VM1_IPV6)), List.of(new OutputController(OutputController.WHOLE_PACKET)), null);
    }

    /** The old NVE re-encapsulating in-flight packets to the VM's new, IPv4, NVE. */
    public static FlowEntry redirectToIpv4() {
        return new FlowEntry(PipelineTable.REDIRECT, 100, FlowMatch.of(new InPort(TUNNEL_PORT), TunnelId.of(BLUE),
            new EthDst(VM1_MAC)), List.of(new SetTunnelDst(NVE2_IPV4), new OutputInPort()), null, null, 0, 30,
            true);
    }

    /** The old NVE re-encapsulating in-flight packets to the VM's new, IPv6, NVE. */
    public static FlowEntry redirectToIpv6() {
        return new FlowEntry(PipelineTable.REDIRECT, 100, FlowMatch.of(new InPort(TUNNEL_PORT), TunnelId.of(BLUE),
            new EthDst(VM2_MAC)), List.of(new SetTunnelDst(NVE3_IPV6), new OutputInPort()), null, null, 0, 30,
            true);
    }

    /** A local VM. */
    public static FlowEntry toLocalVm() {
        return FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(TunnelId.of(BLUE), new EthDst(VM1_MAC)),
            List.of(new Output(VM1_PORT)), null);
    }

    /** A VM on a remote IPv6 NVE, learned by pull: idle timeout. */
    public static FlowEntry toRemoteVmOverIpv6() {
        return new FlowEntry(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(TunnelId.of(BLUE),
            new EthDst(VM2_MAC)), List.of(new SetTunnelDst(NVE3_IPV6), new Output(TUNNEL_PORT)), null, null, 300,
            0, false);
    }

    /** A VM on a remote IPv4 NVE. */
    public static FlowEntry toRemoteVmOverIpv4() {
        final var match = FlowMatch.of(TunnelId.of(BLUE), new EthDst(VM2_MAC));
        return FlowEntry.of(PipelineTable.L2_DESTINATION, 100, match,
            List.of(new SetTunnelId(BLUE.value()), new SetTunnelDst(NVE2_IPV4), new Output(TUNNEL_PORT)), null);
    }

    /** The gateway MAC of an L3 network continuing to routing. */
    public static FlowEntry toGateway() {
        return FlowEntry.of(PipelineTable.L2_DESTINATION, 200, FlowMatch.of(TunnelId.of(BLUE),
            new EthDst(GATEWAY_MAC)), List.of(), PipelineTable.L3_HOST_ROUTE);
    }

    /** An IPv4 host route to a remote VM: the TTL decremented, as a router does. */
    public static FlowEntry ipv4HostRoute() {
        final var match = FlowMatch.of(TunnelId.of(BLUE), new EthType(EthType.IPV4), new Ipv4Dst(VM1_IPV4));
        return FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 100, match, List.of(new DecrementTtl(),
            new SetEthSrc(GATEWAY_MAC), new SetEthDst(VM1_MAC), new SetTunnelDst(NVE2_IPV4), new Output(TUNNEL_PORT)),
            null);
    }

    /** An IPv6 host route to a local VM: the hop limit decremented, as a router does. */
    public static FlowEntry ipv6HostRoute() {
        final var match = FlowMatch.of(TunnelId.of(BLUE), new EthType(EthType.IPV6), new Ipv6Dst(VM1_IPV6));
        return FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 100, match, List.of(new DecrementTtl(),
            new SetEthSrc(GATEWAY_MAC), new SetEthDst(VM1_MAC), new Output(VM1_PORT)), null);
    }

    /** At the gateway NVE, the route to an external IPv4 prefix: routed out of the external port. */
    public static FlowEntry ipv4ExternalRoute() {
        final var match = FlowMatch.of(TunnelId.of(BLUE), new EthType(EthType.IPV4), new Ipv4DstPrefix(EXTERNAL_IPV4));
        return FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 10 + EXTERNAL_IPV4.length(), match, List.of(
            new DecrementTtl(), new SetEthSrc(GATEWAY_MAC), new SetEthDst(NEXT_HOP_MAC), new Output(EXTERNAL_PORT)),
            null);
    }

    /** At another NVE, the route to an external IPv6 prefix: over the overlay to the gateway NVE. */
    public static FlowEntry ipv6ExternalRoute() {
        final var match = FlowMatch.of(TunnelId.of(BLUE), new EthType(EthType.IPV6), new Ipv6DstPrefix(EXTERNAL_IPV6));
        return FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 10 + EXTERNAL_IPV6.length(), match,
            List.of(new SetTunnelDst(NVE2_IPV4), new Output(TUNNEL_PORT)), null);
    }

    /**
     * Returns one of each sample flow, with no two sharing a key, plus every table-miss flow.
     *
     * @return the flows
     */
    public static List<FlowEntry> all() {
        final var flows = new ArrayList<>(List.of(classifyVmPort(), classifyTunnel(), puntRarp(),
            arpRequest(), neighbourSolicitation(), redirectToIpv4(), redirectToIpv6(), toLocalVm(),
            toRemoteVmOverIpv6(), toGateway(), ipv4HostRoute(), ipv6HostRoute(), ipv4ExternalRoute(),
            ipv6ExternalRoute()));
        for (var table : PipelineTable.values()) {
            flows.add(table.missEntry(UnknownDestination.PULL, 7L));
        }
        return List.copyOf(flows);
    }
}
