/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Optional;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.packet.ArpFrames;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.NeighborDiscoveryFrames;
import org.nvo3.nva.impl.packet.NeighborSolicitation;
import org.nvo3.nva.impl.packet.Packet;
import org.nvo3.nva.impl.packet.RarpFrames;
import org.nvo3.nva.impl.packet.RarpPacket;

/**
 * Answers address resolution from the directory instead of flooding it over the overlay, purely: an ARP
 * request or IPv6 neighbour solicitation for an address of a VM in the asking VM's VNI gets that VM's
 * MAC; one for a gateway address of the asking VM's L3 network (a subnet's gateway-ip) gets its routing
 * domain's anycast gateway MAC, from the gateway address (an IPv6 answer with the router flag); a RARP
 * self-announcement gets the VM's IPv4 address back (draft-ietf-nvo3-vmm section 4.2). L2 networks have no
 * gateway address: nothing is answered for one there.
 */
public final class DirectoryResponder {
    /** The NVA's own MAC as the sender of RARP replies (locally administered). */
    public static final MacAddress RESPONDER_MAC = MacAddress.parse("02:4e:56:41:00:01");

    private DirectoryResponder() {
        // no instances
    }

    /**
     * Builds the answer to a packet a VM sent from its own port.
     *
     * @param fabric the intent
     * @param asker the VM that sent it
     * @param packet the packet
     * @return the answer frame, or empty when there is nothing to answer (not a question, or an address
     *     the directory does not know in the asker's VNI)
     */
    public static Optional<byte[]> answer(final FabricSnapshot fabric, final Vm asker, final Packet packet) {
        return switch (packet) {
            case ArpPacket arp when arp.isRequest() && !arp.isGratuitous() && !arp.isProbe() ->
                resolve(fabric, asker, arp.targetIp()).map(Vm::mac)
                    .or(() -> gatewayMac(fabric, asker, arp.targetIp()))
                    .map(mac -> ArpFrames.replyTo(arp, mac));
            case ArpPacket arp when arp.isRequest() && arp.isProbe() ->
                // an address conflict probe (RFC 5227) for an address another VM or the gateway holds is answered
                resolve(fabric, asker, arp.targetIp()).filter(vm -> !vm.id().equals(asker.id())).map(Vm::mac)
                    .or(() -> gatewayMac(fabric, asker, arp.targetIp()))
                    .map(mac -> ArpFrames.replyTo(arp, mac));
            case NeighborSolicitation ns -> resolve(fabric, asker, ns.target())
                .filter(vm -> !ns.isDuplicateAddressDetection() || !vm.id().equals(asker.id()))
                .map(vm -> NeighborDiscoveryFrames.advertisementFor(ns, vm.mac()))
                .or(() -> gatewayMac(fabric, asker, ns.target())
                    .map(mac -> NeighborDiscoveryFrames.gatewayAdvertisementFor(ns, mac)));
            case RarpPacket rarp when rarp.isSelfAnnouncement() -> ipv4Of(asker)
                .map(ip -> RarpFrames.replyTo(rarp, ip, RESPONDER_MAC, ip));
            default -> Optional.empty();
        };
    }

    private static Optional<Vm> resolve(final FabricSnapshot fabric, final Vm asker, final IpAddress target) {
        return fabric.lookup(asker.vni(), target).map(entry -> entry.vm());
    }

    /**
     * Returns the anycast gateway MAC when the target is a gateway address of the asker's L3 network (no VM
     * holds one: validation refuses a VM address on a gateway address).
     */
    private static Optional<MacAddress> gatewayMac(final FabricSnapshot fabric, final Vm asker,
            final IpAddress target) {
        final var network = fabric.networks().get(asker.vni());
        if (network == null || !network.isRouted()
                || network.subnets().stream().noneMatch(subnet -> subnet.gateway().equals(target))) {
            return Optional.empty();
        }
        return fabric.routingDomainOf(asker.vni()).map(RoutingDomain::gatewayMac);
    }

    private static Optional<IpAddress> ipv4Of(final Vm vm) {
        return vm.ips().stream().filter(ip -> !ip.isIpv6()).findFirst();
    }
}
