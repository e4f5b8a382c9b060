/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * The fake switch itself follows OpenFlow 1.3: priorities (a longer prefix's higher one the longest match),
 * goto, set-field before output, no output to the ingress port but by IN_PORT, drop when no flow matches, and
 * Open vSwitch's TTL decrement.
 */
public class FakePipelineTest {
    private static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:99");
    /** The port of a VM that sends to the gateway MAC to be routed. */
    private static final long ROUTED_PORT = 7;

    @Test
    public void walksTheTablesSettingTheVniOnTheWay() {
        final var fake = new FakePipeline(List.of(SampleFlows.classifyVmPort(), SampleFlows.toRemoteVmOverIpv4(),
            PipelineTable.ARP_ND_RESPONDER.missEntry(UnknownDestination.PULL, null)));
        final var outcome = fake.process(Packet.ethernet(SampleFlows.VM1_PORT, SampleFlows.VM1_MAC,
            SampleFlows.VM2_MAC));
        assertEquals(List.of(new Sent(SampleFlows.TUNNEL_PORT, SampleFlows.BLUE.value(), SampleFlows.NVE2_IPV4,
            Packet.ethernet(SampleFlows.VM1_PORT, SampleFlows.VM1_MAC, SampleFlows.VM2_MAC)
                .arrivingOverTunnel(SampleFlows.VM1_PORT, SampleFlows.BLUE.value()))), outcome.emissions());
        assertEquals(3, outcome.path().size());
    }

    @Test
    public void dropsWhenNoFlowMatchesAndPuntsOnAMissFlow() {
        final var packet = Packet.ethernet(SampleFlows.VM1_PORT, OTHER, SampleFlows.VM2_MAC);
        assertTrue(new FakePipeline(List.of(SampleFlows.classifyVmPort())).process(packet).dropped());
        assertEquals(List.of(new Punted(PipelineTable.CLASSIFY, 7L)), new FakePipeline(List.of(
            SampleFlows.classifyVmPort(), PipelineTable.CLASSIFY.missEntry(UnknownDestination.PULL, 7L)))
            .process(packet).emissions());
    }

    @Test
    public void neverOutputsToTheIngressPortButByInPort() {
        final var tunnelArrival = Packet.ethernet(99, OTHER, SampleFlows.VM2_MAC)
            .arrivingOverTunnel(SampleFlows.TUNNEL_PORT, SampleFlows.BLUE.value());
        final var toTunnel = List.of(SampleFlows.classifyTunnel(),
            PipelineTable.REDIRECT.missEntry(UnknownDestination.PULL, null), SampleFlows.toRemoteVmOverIpv4());
        assertTrue(new FakePipeline(toTunnel).process(tunnelArrival).dropped());

        final var redirect = new FakePipeline(List.of(SampleFlows.classifyTunnel(),
            SampleFlows.redirectToIpv6())).process(tunnelArrival);
        assertEquals(List.of(new Sent(SampleFlows.TUNNEL_PORT, SampleFlows.BLUE.value(), SampleFlows.NVE3_IPV6,
            tunnelArrival)), redirect.emissions());
    }

    @Test
    public void takesTheHighestPriorityAndRefusesATie() {
        final var match = FlowMatch.of(TunnelId.of(SampleFlows.BLUE), new EthDst(SampleFlows.VM2_MAC));
        final var low = FlowEntry.of(PipelineTable.L2_DESTINATION, 10, FlowMatch.of(TunnelId.of(SampleFlows.BLUE)),
            List.of(new Output(20)), null);
        final var high = FlowEntry.of(PipelineTable.L2_DESTINATION, 100, match, List.of(new Output(30)), null);
        final var classify = FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(5)),
            List.of(FlowAction.SetTunnelId.of(SampleFlows.BLUE)), PipelineTable.ARP_ND_RESPONDER);
        final var responder = PipelineTable.ARP_ND_RESPONDER.missEntry(UnknownDestination.PULL, null);
        final var packet = Packet.ethernet(5, OTHER, SampleFlows.VM2_MAC);
        assertEquals(30, new FakePipeline(List.of(classify, responder, low, high)).process(packet).sent()
            .getFirst().port());

        final var tie = FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(TunnelId.of(SampleFlows.BLUE)),
            List.of(new SetTunnelDst(SampleFlows.NVE2_IPV4), new OutputInPort()), null);
        assertThrows(AssertionError.class,
            () -> new FakePipeline(List.of(classify, responder, tie, high)).process(packet));
    }

    @Test
    public void aRoutedPacketLeavesWithItsTtlOneLower() {
        final var ipv4 = routing().process(Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            SampleFlows.VM1_IPV4, 64));
        assertEquals(List.of(new Sent(SampleFlows.TUNNEL_PORT, SampleFlows.BLUE.value(), SampleFlows.NVE2_IPV4,
            Packet.ipv4(ROUTED_PORT, SampleFlows.GATEWAY_MAC, SampleFlows.VM1_MAC, SampleFlows.VM1_IPV4, 63)
                .arrivingOverTunnel(ROUTED_PORT, SampleFlows.BLUE.value()))), ipv4.emissions());

        final var ipv6 = routing().process(Packet.ipv6(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            SampleFlows.VM1_IPV6, 2));
        assertEquals(List.of(new Sent(SampleFlows.VM1_PORT, SampleFlows.BLUE.value(), null,
            Packet.ipv6(ROUTED_PORT, SampleFlows.GATEWAY_MAC, SampleFlows.VM1_MAC, SampleFlows.VM1_IPV6, 1)
                .arrivingOverTunnel(ROUTED_PORT, SampleFlows.BLUE.value()))), ipv6.emissions());
    }

    @Test
    public void aPacketWhoseTtlWouldReachZeroIsNotForwarded() {
        for (int ttl : List.of(0, 1)) {
            final var ipv4 = routing().process(Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
                SampleFlows.VM1_IPV4, ttl));
            assertTrue(ipv4.dropped());
            assertEquals(SampleFlows.ipv4HostRoute(), ipv4.path().getLast());
            assertTrue(routing().process(Packet.ipv6(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
                SampleFlows.VM1_IPV6, ttl)).dropped());
        }
    }

    @Test
    public void anExpiredTtlStopsTheActionsAndTheGotoButNotWhatCameBefore() {
        final var classify = FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(ROUTED_PORT),
            new EthType(EthType.IPV4)), List.of(new Output(20), new DecrementTtl(), new Output(30)),
            PipelineTable.ARP_ND_RESPONDER);
        final var responder = FlowEntry.of(PipelineTable.ARP_ND_RESPONDER, 0, FlowMatch.ALL, List.of(new Output(40)),
            null);
        final var fake = new FakePipeline(List.of(classify, responder));
        final var expiring = Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC, SampleFlows.VM1_IPV4, 1);
        assertEquals(List.of(new Sent(20, 0, null, expiring)), fake.process(expiring).emissions());
        assertEquals(List.of(classify), fake.process(expiring).path());

        final var live = Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC, SampleFlows.VM1_IPV4, 9);
        final var decremented = Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC, SampleFlows.VM1_IPV4, 8);
        assertEquals(List.of(new Sent(20, 0, null, live), new Sent(30, 0, null, decremented),
            new Sent(40, 0, null, decremented)), fake.process(live).emissions());
    }

    @Test
    public void aTtlDecrementWithoutAnIpMatchIsRefusedAsOpenVswitchRefusesIt() {
        final var l2 = FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(TunnelId.of(SampleFlows.BLUE),
            new EthDst(SampleFlows.VM1_MAC)), List.of(new DecrementTtl(), new Output(SampleFlows.VM1_PORT)), null);
        assertThrows(IllegalArgumentException.class, () -> new FakePipeline(List.of(l2)));
        final var arp = FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new EthType(EthType.ARP)),
            List.of(new DecrementTtl()), null);
        assertThrows(IllegalArgumentException.class, () -> new FakePipeline(List.of(arp)));
    }

    @Test
    public void theLongestPrefixWinsAndAHostRouteOutranksEveryPrefix() {
        final var vni = TunnelId.of(SampleFlows.BLUE);
        final var ipv4 = new EthType(EthType.IPV4);
        final var wide = FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 10 + 16, FlowMatch.of(vni, ipv4,
            new Ipv4DstPrefix(IpPrefix.parse("203.0.0.0/16"))), List.of(new DecrementTtl(), new Output(40)), null);
        final var host = FlowEntry.of(PipelineTable.L3_HOST_ROUTE, 100, FlowMatch.of(vni, ipv4,
            new Ipv4Dst(IpAddress.parse("203.0.113.200"))), List.of(new DecrementTtl(), new Output(50)), null);
        final var fake = routing(wide, SampleFlows.ipv4ExternalRoute(), host, SampleFlows.ipv6ExternalRoute());

        final var inside = IpAddress.parse("203.0.113.9");
        assertEquals(List.of(new Sent(SampleFlows.EXTERNAL_PORT, SampleFlows.BLUE.value(), null,
            Packet.ipv4(ROUTED_PORT, SampleFlows.GATEWAY_MAC, SampleFlows.NEXT_HOP_MAC, inside, 63)
                .arrivingOverTunnel(ROUTED_PORT, SampleFlows.BLUE.value()))),
            fake.process(Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC, inside, 64)).emissions());
        assertEquals(40, fake.process(Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            IpAddress.parse("203.0.5.5"), 64)).sent().getFirst().port());
        assertEquals(50, fake.process(Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            IpAddress.parse("203.0.113.200"), 64)).sent().getFirst().port());
        assertTrue(fake.process(Packet.ipv4(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            IpAddress.parse("198.18.0.1"), 64)).dropped());

        final var ipv6 = fake.process(Packet.ipv6(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            IpAddress.parse("2001:db8:ffff:1::1"), 64)).sent();
        assertEquals(SampleFlows.TUNNEL_PORT, ipv6.getFirst().port());
        assertEquals(SampleFlows.NVE2_IPV4, ipv6.getFirst().tunDst());
        assertTrue(fake.process(Packet.ipv6(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC,
            IpAddress.parse("2001:db8:fffe::1"), 64)).dropped());
        // an IPv4 prefix never matches an IPv6 packet, nor a non-IP one
        assertTrue(fake.process(Packet.ethernet(ROUTED_PORT, OTHER, SampleFlows.GATEWAY_MAC)).dropped());
    }

    /**
     * VM1's routes (both families) behind the gateway MAC, and a routed VM on {@link #ROUTED_PORT}.
     *
     * @param more further flows
     */
    private static FakePipeline routing(final FlowEntry... more) {
        final var flows = new ArrayList<>(List.of(FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(
            new InPort(ROUTED_PORT), new EthSrc(OTHER)), List.of(FlowAction.SetTunnelId.of(SampleFlows.BLUE)),
            PipelineTable.ARP_ND_RESPONDER), PipelineTable.ARP_ND_RESPONDER.missEntry(UnknownDestination.PULL, null),
            SampleFlows.toGateway(), SampleFlows.ipv4HostRoute(), SampleFlows.ipv6HostRoute()));
        flows.addAll(List.of(more));
        return new FakePipeline(flows);
    }
}
