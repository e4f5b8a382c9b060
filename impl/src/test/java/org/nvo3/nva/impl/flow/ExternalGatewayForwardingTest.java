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
import static org.nvo3.nva.impl.flow.GatewayFabric.DOMAIN;
import static org.nvo3.nva.impl.flow.GatewayFabric.GATEWAY_NVE;
import static org.nvo3.nva.impl.flow.GatewayFabric.METER;
import static org.nvo3.nva.impl.flow.GatewayFabric.NEXT_HOP;
import static org.nvo3.nva.impl.flow.GatewayFabric.NVE1;
import static org.nvo3.nva.impl.flow.GatewayFabric.NVE2;
import static org.nvo3.nva.impl.flow.GatewayFabric.PORTS;
import static org.nvo3.nva.impl.flow.GatewayFabric.ROUTED;
import static org.nvo3.nva.impl.flow.GatewayFabric.UPLINK_OFPORT;
import static org.nvo3.nva.impl.flow.GatewayFabric.VM_A;
import static org.nvo3.nva.impl.flow.GatewayFabric.VM_B;
import static org.nvo3.nva.impl.flow.GatewayFabric.fabric;
import static org.nvo3.nva.impl.flow.TestFabric.TUNNEL_OFPORT;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.FakeOverlay.Delivery;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Punted;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;

/**
 * The NVO3 gateway (draft-ietf-nvo3-vmm section 4.1) on {@link FakePipeline} switches joined by
 * {@link FakeOverlay}: a VM's packet to an external prefix crosses the overlay in the routing domain's VNI to the
 * gateway NVE and leaves its external port routed to the next hop; a packet from outside reaches the VM, also
 * after the VM moved; the external router's address resolution goes to the NVA.
 */
public class ExternalGatewayForwardingTest {
    private static final IpAddress OUTSIDE = IpAddress.parse("203.0.113.9");
    private static final IpAddress OUTSIDE_IPV6 = IpAddress.parse("2001:db8:ffff:1::9");
    private static final IpAddress VM_A_IPV4 = IpAddress.parse("198.51.100.10");
    private static final long VM_A_OFPORT = 11;

    @Test
    public void aPacketToAnExternalPrefixCrossesTheOverlayInTheDomainsVniAndLeavesTheExternalPort() {
        final var overlay = new FakeOverlay(state(Map.of()), METER);
        final var packet = Packet.ipv4(VM_A_OFPORT, VM_A.mac(), DOMAIN.gatewayMac(), OUTSIDE, 64);

        // at NVE1: over the overlay to the gateway NVE, in the domain's VNI, not yet routed
        final var atNve1 = overlay.at(NVE1.id(), packet).sent();
        assertEquals(List.of(new Sent(TUNNEL_OFPORT, DOMAIN.vni().value(), GATEWAY_NVE.underlayIp(),
            packet.arrivingOverTunnel(VM_A_OFPORT, DOMAIN.vni().value()))), atNve1);

        // at the gateway NVE: routed out of the external port, to the next hop, TTL one lower
        final var crossed = atNve1.getFirst().packet().arrivingOverTunnel(TUNNEL_OFPORT, DOMAIN.vni().value());
        assertEquals(List.of(new Delivery(GATEWAY_NVE.id(), new Sent(UPLINK_OFPORT, DOMAIN.vni().value(), null,
            Packet.ipv4(TUNNEL_OFPORT, DOMAIN.gatewayMac(), NEXT_HOP, OUTSIDE, 63)
                .arrivingOverTunnel(TUNNEL_OFPORT, DOMAIN.vni().value())))), overlay.send(GATEWAY_NVE.id(), crossed));
        assertEquals(List.of(new Delivery(GATEWAY_NVE.id(), new Sent(UPLINK_OFPORT, DOMAIN.vni().value(), null,
            Packet.ipv4(TUNNEL_OFPORT, DOMAIN.gatewayMac(), NEXT_HOP, OUTSIDE, 63)
                .arrivingOverTunnel(TUNNEL_OFPORT, DOMAIN.vni().value())))), overlay.send(NVE1.id(), packet));

        final var ipv6 = overlay.send(NVE1.id(), Packet.ipv6(VM_A_OFPORT, VM_A.mac(), DOMAIN.gatewayMac(),
            OUTSIDE_IPV6, 64));
        assertEquals(1, ipv6.size());
        final var out = (Sent) ipv6.getFirst().emission();
        assertEquals(GATEWAY_NVE.id(), ipv6.getFirst().nve());
        assertEquals(UPLINK_OFPORT, out.port());
        assertEquals(NEXT_HOP, out.packet().ethDst());
        assertEquals(Integer.valueOf(63), out.packet().ttl());
    }

    @Test
    public void aPacketToAnAddressNoPrefixHoldsIsPulledNotSentOut() {
        final var overlay = new FakeOverlay(state(Map.of()), METER);
        assertEquals(List.of(new Delivery(NVE1.id(), new Punted(PipelineTable.L3_HOST_ROUTE, METER))),
            overlay.send(NVE1.id(), Packet.ipv4(VM_A_OFPORT, VM_A.mac(), DOMAIN.gatewayMac(),
                IpAddress.parse("192.0.2.99"), 64)));
    }

    @Test
    public void aPacketFromOutsideReachesTheVmAlsoAfterItMoved() {
        final var fromOutside = Packet.ipv4(UPLINK_OFPORT, NEXT_HOP, DOMAIN.gatewayMac(), VM_A_IPV4, 64);
        final var before = state(Map.of());
        final var overlay = new FakeOverlay(before, METER);
        final var atGateway = overlay.at(GATEWAY_NVE.id(), fromOutside);
        assertEquals(NVE1.underlayIp(), atGateway.sent().getFirst().tunDst());
        // routed at the gateway NVE, then an L2 frame of the VM's network over the overlay
        assertEquals(ROUTED, atGateway.sent().getFirst().tunId());
        assertEquals(List.of(new Delivery(NVE1.id(), new Sent(VM_A_OFPORT, ROUTED, null,
            Packet.ipv4(UPLINK_OFPORT, DOMAIN.gatewayMac(), VM_A.mac(), VM_A_IPV4, 63)
                .arrivingOverTunnel(TUNNEL_OFPORT, ROUTED)))), overlay.send(GATEWAY_NVE.id(), fromOutside));

        // VM A is learned on NVE2, port tap5 (15): the gateway's route now points there
        final var after = state(Map.of(VM_A.id(), TestFabric.learned(VM_A, NVE2, "tap5", 1)));
        final var moved = new FakeOverlay(after, METER);
        assertEquals(NVE2.underlayIp(), moved.at(GATEWAY_NVE.id(), fromOutside).sent().getFirst().tunDst());
        final var delivered = moved.send(GATEWAY_NVE.id(), fromOutside);
        assertEquals(1, delivered.size());
        assertEquals(NVE2.id(), delivered.getFirst().nve());
        assertEquals(15, ((Sent) delivered.getFirst().emission()).port());

        // incrementally: the changed scopes of the gateway NVE carry the new route
        final var installed = FlowCompiler.compileScopes(before, GATEWAY_NVE.id(), METER, NveScopes.EVERYTHING);
        final var changed = FlowCompiler.changedScopes(before, after).get(GATEWAY_NVE.id());
        final var updated = installed.replaced(changed, FlowCompiler.compileScopes(after, GATEWAY_NVE.id(), METER,
            changed));
        assertEquals(Set.copyOf(ReferenceCompiler.compile(after, GATEWAY_NVE.id(), METER)), Set.copyOf(updated.all()));
        assertEquals(List.of(NVE2.id().value()), new FakePipeline(updated.all()).process(fromOutside).sent().stream()
            .map(sent -> nveAt(sent.tunDst()).value()).toList());
    }

    @Test
    public void aPacketFromOutsideToAnotherNetworkVmOfTheDomainOnlyReachesThatVm() {
        final var overlay = new FakeOverlay(state(Map.of()), METER);
        final var vmB = VM_B.ips().iterator().next();
        assertEquals(List.of(new Delivery(NVE2.id(), new Sent(12, ROUTED, null,
            Packet.ipv4(UPLINK_OFPORT, DOMAIN.gatewayMac(), VM_B.mac(), vmB, 63)
                .arrivingOverTunnel(TUNNEL_OFPORT, ROUTED)))),
            overlay.send(GATEWAY_NVE.id(), Packet.ipv4(UPLINK_OFPORT, NEXT_HOP, DOMAIN.gatewayMac(), vmB, 64)));
        // to another destination MAC than the gateway's it is no routed packet: pulled, never bridged outside
        assertEquals(List.of(new Delivery(GATEWAY_NVE.id(), new Punted(PipelineTable.L2_DESTINATION, METER))),
            overlay.send(GATEWAY_NVE.id(), Packet.ipv4(UPLINK_OFPORT, NEXT_HOP, VM_B.mac(), vmB, 64)));
        // and a packet from outside to an external prefix does not go back out
        assertTrue(overlay.send(GATEWAY_NVE.id(), Packet.ipv4(UPLINK_OFPORT, NEXT_HOP, DOMAIN.gatewayMac(), OUTSIDE,
            64)).isEmpty());
    }

    @Test
    public void theExternalRoutersAddressResolutionGoesToTheNva() {
        final var overlay = new FakeOverlay(state(Map.of()), METER);
        final var punted = List.of(new Delivery(GATEWAY_NVE.id(), new Punted(PipelineTable.ARP_ND_RESPONDER, METER)));
        assertEquals(punted, overlay.send(GATEWAY_NVE.id(), Packet.arpRequest(UPLINK_OFPORT, NEXT_HOP,
            IpAddress.parse("203.0.113.1"), IpAddress.parse("198.51.100.254"))));
        assertEquals(punted, overlay.send(GATEWAY_NVE.id(), Packet.neighbourDiscovery(UPLINK_OFPORT, NEXT_HOP,
            Icmpv6Type.NEIGHBOR_SOLICITATION, IpAddress.parse("2001:db8:1b59::1"))));
        // the punt's flow matches the domain's VNI, which the external port's admission set
        final var outcome = overlay.at(GATEWAY_NVE.id(), Packet.rarp(UPLINK_OFPORT, NEXT_HOP));
        assertEquals(FlowMatchField.TunnelId.of(DOMAIN.vni()), outcome.path().get(1).match()
            .get(MatchField.TUNNEL_ID));
    }

    @Test
    public void withoutItsExternalPortTheGatewayNveSendsNothingOut() {
        final var noUplink = new FakeOverlay(new ForwardingState(fabric(), Map.of(),
            GatewayFabric.portsWith(GATEWAY_NVE.id(), TestFabric.ports()), Set.of()), METER);
        final var deliveries = noUplink.send(NVE1.id(), Packet.ipv4(VM_A_OFPORT, VM_A.mac(), DOMAIN.gatewayMac(),
            OUTSIDE, 64));
        assertEquals(List.of(new Delivery(GATEWAY_NVE.id(), new Punted(PipelineTable.L3_HOST_ROUTE, METER))),
            deliveries);
    }

    private static ForwardingState state(final Map<VmId, VmLocation> learned) {
        return new ForwardingState(fabric(), learned, PORTS, Set.of());
    }

    private static NveId nveAt(final IpAddress underlay) {
        return fabric().nves().values().stream().filter(nve -> nve.underlayIp().equals(underlay)).findFirst()
            .orElseThrow().id();
    }
}
