/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DirectoryEntry;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.Subnet;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.mobility.OldLocationAnswer.Unanswered;
import org.nvo3.nva.impl.mobility.OldLocationAnswer.Unreachable;
import org.nvo3.nva.impl.packet.DestinationUnreachableFrames;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.MalformedPacketException;
import org.nvo3.nva.impl.packet.OtherPacket;

/**
 * Answers, purely, a packet still sent to a moved VM that its old NVE's {@code REDIRECT} flow sent to the NVA
 * (old-location-policy icmp-unreachable): the sender gets an ICMPv4 host unreachable or ICMPv6 address
 * unreachable from the anycast gateway, as the router of the VM's L3 network would send it.
 *
 * <p>The packet arrived at the old NVE over the overlay with the VM's VNI ({@code tun_id}) and MAC (Ethernet
 * destination). The error comes from the gateway address of the VM's network in the subnet of the packet's
 * destination (else the network's first gateway address of that family) and the routing domain's gateway MAC.
 * It goes to the VM of the routing domain holding the packet's source address: any L3 network's VM when the
 * packet was routed (its Ethernet source is the gateway MAC), else a VM of the same network whose MAC is the
 * Ethernet source. The packet-out into the old NVE sends it over the overlay to that VM's current NVE with the
 * VM's VNI, or out of the VM's port when it is on the old NVE itself. A packet that must not be answered with an
 * ICMP error (an ICMP error itself, a later fragment, multicast or broadcast), and one whose sender is no VM of
 * the domain, get none.
 */
public final class OldLocationResponder {
    private OldLocationResponder() {
        // no instances
    }

    /**
     * Answers a packet-in from an old NVE's {@code REDIRECT} table.
     *
     * @param state the forwarding state (the intent, where the VMs are, the NVEs' ports)
     * @param packetIn the packet-in
     * @return the ICMP error to send, or why there is none
     */
    public static OldLocationAnswer answer(final ForwardingState state, final PacketIn packetIn) {
        final var fabric = state.fabric();
        final var nveId = packetIn.nve();
        final var nve = nveId == null ? null : fabric.nve(nveId).orElse(null);
        if (nve == null) {
            return new Unanswered(null, "the switch is not in fabric/nve");
        }
        final var tunnel = state.portsOf(nve.id()).ofport(nve.tunnelPort());
        if (tunnel == null || tunnel != packetIn.inPort()) {
            return new Unanswered(null, "it did not arrive on the VXLAN port " + nve.tunnelPort()
                + (tunnel == null ? " (whose number is unknown)" : " (" + tunnel + ")"));
        }
        final var tunnelId = packetIn.tunnelId();
        if (tunnelId == null || tunnelId < 1 || tunnelId > Vni.MAX) {
            return new Unanswered(null, "its tun_id is no VNI");
        }
        final var frame = packetIn.frame();
        if (frame.length() < PacketOut.MIN_FRAME_LENGTH) {
            return new Unanswered(null, "its " + frame.length() + " bytes are shorter than an Ethernet header");
        }
        final var vni = new Vni(tunnelId.intValue());
        final var bytes = frame.bytes();
        final var mac = MacAddress.fromBytes(Arrays.copyOf(bytes, 6));
        final var moved = fabric.lookup(vni, mac).map(DirectoryEntry::vm).orElse(null);
        if (moved == null) {
            return new Unanswered(null, "no VM has MAC " + mac + " in VNI " + vni);
        }
        final var network = fabric.networks().get(vni);
        if (network.oldLocationPolicy() != OldLocationPolicy.ICMP_UNREACHABLE) {
            return new Unanswered(moved, "the old-location-policy of VNI " + vni + " is "
                + network.oldLocationPolicy());
        }
        final var domain = fabric.routingDomainOf(vni).orElse(null);
        if (!network.isRouted() || domain == null) {
            return new Unanswered(moved, "VNI " + vni + " is no L3 network: it has no gateway to answer from");
        }
        final @Nullable OtherPacket ip;
        try {
            ip = FrameParser.parse(bytes) instanceof OtherPacket other ? other : null;
        } catch (MalformedPacketException e) {
            return new Unanswered(moved, "it is malformed: " + e.getMessage());
        }
        final var source = ip == null ? null : ip.sourceIp();
        final var destination = ip == null ? null : ip.destinationIp();
        if (ip == null || source == null || destination == null) {
            return new Unanswered(moved, "it is no IPv4 or IPv6 packet, or is neighbour discovery");
        }
        final var gateway = gatewayAddress(network, destination).orElse(null);
        if (gateway == null) {
            return new Unanswered(moved, "VNI " + vni + " has no " + (destination.isIpv6() ? "IPv6" : "IPv4")
                + " gateway address");
        }
        final boolean routed = ip.eth().source().equals(domain.gatewayMac());
        final var sender = vmOfDomain(fabric, domain, vni, source).orElse(null);
        if (sender == null) {
            return new Unanswered(moved, "no VM of routing domain " + domain.id() + " has its source address "
                + source);
        }
        if (!routed && (!sender.vni().equals(vni) || !sender.mac().equals(ip.eth().source()))) {
            return new Unanswered(moved, "its source " + ip.eth().source() + " " + source + " is not VM "
                + sender.id() + " (" + sender.mac() + " in VNI " + sender.vni() + ")");
        }
        final var placement = state.placement(sender).orElse(null);
        if (placement == null) {
            return new Unanswered(moved, "its sender, VM " + sender.id() + ", is placed nowhere");
        }
        final Optional<byte[]> error;
        try {
            error = destination.isIpv6()
                ? DestinationUnreachableFrames.ipv6AddressUnreachable(bytes, domain.gatewayMac(), gateway)
                : DestinationUnreachableFrames.ipv4HostUnreachable(bytes, domain.gatewayMac(), gateway);
        } catch (MalformedPacketException e) {
            return new Unanswered(moved, "it is malformed: " + e.getMessage());
        }
        if (error.isEmpty()) {
            return new Unanswered(moved, "it must not be answered with an ICMP error (an ICMP error itself, a "
                + "later fragment, or to or from a group or broadcast address)");
        }
        final var reply = error.orElseThrow();
        // a routed packet's Ethernet source, which the error is addressed to, is the gateway MAC itself
        System.arraycopy(sender.mac().toBytes(), 0, reply, 0, 6);
        if (placement.nve().equals(nve.id())) {
            final var port = placement.port();
            final var ofport = port == null || port.equals(nve.tunnelPort()) ? null
                : state.portsOf(nve.id()).ofport(port);
            if (ofport == null) {
                return new Unanswered(moved, "its sender, VM " + sender.id() + ", is on this NVE on a port it "
                    + "does not have (" + port + ")");
            }
            return new Unreachable(moved, sender, PacketOut.toPort(ofport, Frame.of(reply)));
        }
        final var senderNve = fabric.nves().get(placement.nve());
        return new Unreachable(moved, sender, PacketOut.toTunnel(tunnel, senderNve.underlayIp(), sender.vni(),
            Frame.of(reply)));
    }

    /** The gateway address of the destination's subnet, else the network's first of the destination's family. */
    private static Optional<IpAddress> gatewayAddress(final VirtualNetwork network, final IpAddress destination) {
        return network.subnetOf(destination).map(Subnet::gateway).or(() -> network.subnets().stream()
            .map(Subnet::gateway).filter(gateway -> gateway.isIpv6() == destination.isIpv6()).findFirst());
    }

    /** The VM holding an address in a routing domain (unique there): in the given VNI first, then in the others. */
    private static Optional<Vm> vmOfDomain(final FabricSnapshot fabric, final RoutingDomain domain, final Vni first,
            final IpAddress address) {
        return fabric.lookup(first, address).map(DirectoryEntry::vm).or(() -> fabric.networks().values().stream()
            .filter(network -> domain.id().equals(network.routingDomain()) && !network.vni().equals(first))
            .flatMap(network -> fabric.lookup(network.vni(), address).map(DirectoryEntry::vm).stream())
            .findFirst());
    }
}
