/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.packet.ArpPacket;
import org.nvo3.nva.impl.packet.NeighborAdvertisement;
import org.nvo3.nva.impl.packet.NeighborSolicitation;
import org.nvo3.nva.impl.packet.OtherPacket;
import org.nvo3.nva.impl.packet.Packet;
import org.nvo3.nva.impl.packet.RarpPacket;

/**
 * Reads a packet punted from a VM port as a claim about where a VM is, purely. A gratuitous ARP (request
 * or reply form), an unsolicited neighbour advertisement with the override flag, a RARP self-announcement
 * (what QEMU sends after a live migration) or any other traffic names a MAC (and maybe an IP); the claim
 * is accepted for checking only when that MAC is a VM declared in fabric/vm, the IP (if any) is that
 * VM's, and the port is not another VM's. Anything else is a spoof.
 */
public final class AnnouncementInterpreter {
    private static final IpAddress IPV4_UNSPECIFIED = IpAddress.parse("0.0.0.0");
    private static final IpAddress IPV6_UNSPECIFIED = IpAddress.parse("::");

    /** What the packet claims: who (MAC, maybe IP) and by which kind of announcement. */
    private record Identity(MoveTrigger trigger, MacAddress mac, @Nullable IpAddress ip) {
    }

    private AnnouncementInterpreter() {
        // no instances
    }

    /**
     * Interprets a punted packet.
     *
     * @param fabric the intent
     * @param state the mobility state
     * @param nve the NVE that punted it
     * @param port the port it arrived on, or null when the NVE did not describe that port
     * @param portOwner the VM located on that port now, or null
     * @param packet the parsed packet
     * @param at when it was received
     * @return the interpretation
     */
    public static Interpretation interpret(final FabricSnapshot fabric, final MobilityState state, final Nve nve,
            final @Nullable PortName port, final @Nullable Vm portOwner, final Packet packet, final Instant at) {
        if (port == null) {
            return new Interpretation.Ignored("the NVE did not describe the port");
        }
        if (port.equals(nve.tunnelPort())) {
            return new Interpretation.Ignored("it came from the tunnel port");
        }
        final var source = packet.eth().source();
        final var identity = identityOf(packet);
        if (!identity.mac().equals(source)) {
            return new Interpretation.Spoof("it claims MAC " + identity.mac() + " from Ethernet source " + source);
        }
        final var withMac = vmsWithMac(fabric, identity.mac());
        if (withMac.isEmpty()) {
            return new Interpretation.Spoof("MAC " + identity.mac() + " is not a VM declared in fabric/vm");
        }
        var candidates = withMac;
        final var ip = identity.ip();
        if (ip != null) {
            candidates = withMac.stream().filter(vm -> vm.ips().contains(ip)).toList();
            if (candidates.isEmpty()) {
                return new Interpretation.Spoof(identity.trigger() + " claims IP " + ip + " for MAC " + identity.mac()
                    + ", which is not the address of " + names(withMac) + ownerOf(fabric, withMac, ip));
            }
        }
        final var vm = candidates.size() == 1 ? candidates.getFirst() : preferred(state, candidates, nve, port);
        if (vm == null) {
            return new Interpretation.Ignored("MAC " + identity.mac() + " is ambiguous between " + names(candidates)
                + " and nothing announced either on this port");
        }
        if (portOwner != null && !portOwner.id().equals(vm.id())) {
            return new Interpretation.Spoof(identity.trigger() + " for VM " + vm.id() + " (VNI " + vm.vni().value()
                + ") from port " + port + ", which is VM " + portOwner.id() + "'s (VNI " + portOwner.vni().value()
                + ")");
        }
        return new Interpretation.Claim(new MoveRequest(vm.id(), nve.id(), port, identity.trigger(), at));
    }

    private static Identity identityOf(final Packet packet) {
        return switch (packet) {
            case ArpPacket arp -> new Identity(arp.isGratuitous() ? MoveTrigger.GRATUITOUS_ARP : MoveTrigger.TRAFFIC,
                arp.senderMac(), specified(arp.senderIp()));
            case RarpPacket rarp -> new Identity(rarp.isSelfAnnouncement() ? MoveTrigger.RARP : MoveTrigger.TRAFFIC,
                rarp.senderMac(), null);
            case NeighborAdvertisement na -> new Identity(na.isUnsolicited() && na.override()
                ? MoveTrigger.UNSOLICITED_NA : MoveTrigger.TRAFFIC, na.eth().source(), specified(na.target()));
            case NeighborSolicitation ns -> new Identity(MoveTrigger.TRAFFIC, ns.eth().source(),
                specified(ns.sourceIp()));
            case OtherPacket other -> new Identity(MoveTrigger.TRAFFIC, other.eth().source(),
                other.sourceIp() == null ? null : specified(other.sourceIp()));
        };
    }

    /**
     * Returns the address a packet claims, or null when it claims none the directory could hold: the
     * unspecified address, a non-unicast one, or a link-local one (the kernel announces its fe80::
     * address too; fabric/vm never lists it, so only the MAC identifies the VM then).
     */
    private static @Nullable IpAddress specified(final IpAddress ip) {
        return ip.equals(IPV4_UNSPECIFIED) || ip.equals(IPV6_UNSPECIFIED) || !ip.isHostUnicast()
            || ip.address().isLinkLocalAddress() ? null : ip;
    }

    private static List<Vm> vmsWithMac(final FabricSnapshot fabric, final MacAddress mac) {
        final var found = new ArrayList<Vm>();
        for (var vni : fabric.networks().keySet()) {
            fabric.lookup(vni, mac).ifPresent(entry -> found.add(entry.vm()));
        }
        return found;
    }

    /** Among VMs sharing a MAC (in different VNIs), the one this port or an announcement names. */
    private static @Nullable Vm preferred(final MobilityState state, final List<Vm> candidates, final Nve nve,
            final PortName port) {
        Vm chosen = null;
        for (var vm : candidates) {
            final var announcement = state.announcement(vm.id()).orElse(null);
            final boolean named = nve.id().equals(vm.nve()) && port.equals(vm.port())
                || announcement != null && announcement.target().equals(nve.id())
                    && (announcement.port() == null || port.equals(announcement.port()));
            if (named) {
                if (chosen != null) {
                    return null;
                }
                chosen = vm;
            }
        }
        return chosen;
    }

    private static String ownerOf(final FabricSnapshot fabric, final List<Vm> sameMac, final IpAddress ip) {
        for (var vm : sameMac) {
            final var owner = fabric.lookup(vm.vni(), ip).orElse(null);
            if (owner != null) {
                return " but VM " + owner.vm().id() + "'s";
            }
        }
        return "";
    }

    private static String names(final List<Vm> vms) {
        return String.join(", ", vms.stream().map(vm -> "VM " + vm.id()).toList());
    }
}
