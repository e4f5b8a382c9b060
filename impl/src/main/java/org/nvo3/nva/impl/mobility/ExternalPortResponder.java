/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Optional;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.impl.packet.ArpFrames;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.NeighborDiscoveryFrames;
import org.nvo3.nva.impl.packet.NeighborSolicitation;
import org.nvo3.nva.impl.packet.Packet;

/**
 * Answers the external router on a gateway NVE's external port (draft-ietf-nvo3-vmm 4.1): its ARP requests and
 * neighbour solicitations for an address of a VM of the routing domain, or of one of the domain's gateway
 * addresses, get the domain's gateway MAC (proxy ARP: the whole domain is behind the gateway for the outside),
 * so the router reaches every VM through the NVO3 gateway wherever the VM is. Nothing from an external port is a
 * VM's announcement.
 */
public final class ExternalPortResponder {
    private ExternalPortResponder() {
        // no instances
    }

    /**
     * Tells which routing domain an NVE's port is the external port of.
     *
     * @param fabric the intent
     * @param nve the NVE
     * @param port the port's name, or null when the NVE did not describe it
     * @return the gateway and its domain, or empty when the port is no external port
     */
    public static Optional<ExternalGateway> gatewayOn(final FabricSnapshot fabric, final Nve nve,
            final PortName port) {
        return nve.gateways().values().stream()
            .filter(gateway -> gateway.externalPort().equals(port) && fabric.routingDomains().containsKey(
                gateway.domain()))
            .findFirst();
    }

    /**
     * Builds the answer to a packet the external router sent into a gateway NVE.
     *
     * @param fabric the intent
     * @param gateway the gateway whose external port it came from
     * @param packet the packet
     * @return the answer frame, or empty when it asks for nothing the domain has
     */
    public static Optional<byte[]> answer(final FabricSnapshot fabric, final ExternalGateway gateway,
            final Packet packet) {
        final var domain = fabric.routingDomains().get(gateway.domain());
        if (domain == null) {
            return Optional.empty();
        }
        return switch (packet) {
            case ArpPacket arp when arp.isRequest() && !arp.isGratuitous() && !arp.isProbe()
                && isInside(fabric, domain, arp.targetIp()) -> Optional.of(ArpFrames.replyTo(arp,
                    domain.gatewayMac()));
            case NeighborSolicitation ns when !ns.isDuplicateAddressDetection()
                && isInside(fabric, domain, ns.target()) -> Optional.of(
                    NeighborDiscoveryFrames.gatewayAdvertisementFor(ns, domain.gatewayMac()));
            default -> Optional.empty();
        };
    }

    /** Tells whether an address is a VM's of one of the domain's networks, or one of their gateway addresses. */
    private static boolean isInside(final FabricSnapshot fabric, final RoutingDomain domain,
            final IpAddress address) {
        for (var network : fabric.networks().values()) {
            if (!domain.id().equals(network.routingDomain())) {
                continue;
            }
            if (network.subnets().stream().anyMatch(subnet -> subnet.gateway().equals(address))
                    || fabric.lookup(network.vni(), address).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
