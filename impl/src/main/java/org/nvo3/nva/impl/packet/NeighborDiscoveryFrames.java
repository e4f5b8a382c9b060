/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;

/**
 * Builds the IPv6 neighbour discovery frames NVA sends: advertisements answering solicitations from its
 * directory and unsolicited ones on a VM's behalf, and solicitations, for tests and scenarios.
 */
public final class NeighborDiscoveryFrames {
    private NeighborDiscoveryFrames() {
        // no instances
    }

    /**
     * Answers a solicitation as the owner of its target would (RFC 4861 section 7.2.4): from the target
     * address and the resolved MAC, with the override flag and a target link-layer address option, to the
     * solicitor (at its source link-layer address if it gave one, else its Ethernet source) with the
     * solicited flag; a solicitation from :: (duplicate address detection) is answered to all nodes,
     * ff02::1, without the solicited flag as the RFC requires. The request's 802.1Q tag is kept.
     *
     * @param solicitation the solicitation
     * @param resolvedMac the MAC that owns {@code solicitation.target()}, a unicast address
     * @return the advertisement frame
     * @throws IllegalArgumentException if the MAC is a group address
     */
    public static byte[] advertisementFor(final NeighborSolicitation solicitation, final MacAddress resolvedMac) {
        return advertisement(solicitation, resolvedMac, false);
    }

    /**
     * Answers a solicitation for an anycast gateway address as its router would: as {@link #advertisementFor},
     * with the router flag set (RFC 4861 section 4.4), so that a host keeps the gateway as a router.
     *
     * @param solicitation the solicitation, for a gateway address
     * @param gatewayMac the gateway MAC of the solicitor's routing domain, a unicast address
     * @return the advertisement frame
     * @throws IllegalArgumentException if the MAC is a group address
     */
    public static byte[] gatewayAdvertisementFor(final NeighborSolicitation solicitation,
            final MacAddress gatewayMac) {
        return advertisement(solicitation, gatewayMac, true);
    }

    private static byte[] advertisement(final NeighborSolicitation solicitation, final MacAddress resolvedMac,
            final boolean router) {
        ArpFrames.requireUnicast(resolvedMac);
        final boolean toAllNodes = solicitation.isDuplicateAddressDetection();
        final IpAddress destination = toAllNodes ? Ipv6Multicast.ALL_NODES : solicitation.sourceIp();
        final var link = solicitation.sourceLinkLayer();
        final MacAddress ethDestination = toAllNodes ? Ipv6Multicast.ethernetFor(destination)
            : link != null ? link : solicitation.eth().source();
        final var eth = new EthernetHeader(ethDestination, resolvedMac, solicitation.eth().vlan(), EtherTypes.IPV6);
        return NeighborDiscoveryCodec.encode(new NeighborAdvertisement(eth, solicitation.target(), destination,
            solicitation.target(), router, !toAllNodes, true, resolvedMac));
    }

    /**
     * Builds an unsolicited advertisement announcing an address's new link-layer address to all nodes
     * (RFC 4861 section 7.2.6): override flag, no solicited flag, target link-layer address option.
     *
     * @param mac the announced MAC, a unicast address
     * @param ip the announced IPv6 address, also the source
     * @param vlan the 802.1Q tag, or null
     * @return the frame
     */
    public static byte[] unsolicitedAdvertisement(final MacAddress mac, final IpAddress ip,
            final @Nullable VlanTag vlan) {
        ArpFrames.requireUnicast(mac);
        final var eth = new EthernetHeader(Ipv6Multicast.ethernetFor(Ipv6Multicast.ALL_NODES), mac, vlan,
            EtherTypes.IPV6);
        return NeighborDiscoveryCodec.encode(new NeighborAdvertisement(eth, ip, Ipv6Multicast.ALL_NODES, ip, false,
            false, true, mac));
    }

    /**
     * Builds a multicast solicitation for a target, to its solicited-node group, with a source link-layer
     * address option unless the source is :: (duplicate address detection).
     *
     * @param mac the solicitor's MAC, a unicast address
     * @param sourceIp the solicitor's IPv6 address, or ::
     * @param target the address asked about
     * @param vlan the 802.1Q tag, or null
     * @return the frame
     */
    public static byte[] solicitation(final MacAddress mac, final IpAddress sourceIp, final IpAddress target,
            final @Nullable VlanTag vlan) {
        ArpFrames.requireUnicast(mac);
        if (!target.isIpv6()) {
            throw new IllegalArgumentException("neighbor solicitation target " + target + " is not IPv6");
        }
        final var group = Ipv6Multicast.solicitedNode(target);
        final var eth = new EthernetHeader(Ipv6Multicast.ethernetFor(group), mac, vlan, EtherTypes.IPV6);
        return NeighborDiscoveryCodec.encode(new NeighborSolicitation(eth, sourceIp, group, target,
            sourceIp.address().isAnyLocalAddress() ? null : mac));
    }
}
