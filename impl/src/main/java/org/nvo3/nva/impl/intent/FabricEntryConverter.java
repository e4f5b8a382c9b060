/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.FabricSettings;
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
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.nve.Gateway;

/**
 * Turns one fabric entry, as the binding delivers it, into NVA's domain record. Each method throws
 * {@link IllegalArgumentException} with an operator-readable reason when the entry cannot be used
 * on its own (a missing mandatory leaf, an address no host can own...).
 */
final class FabricEntryConverter {
    private FabricEntryConverter() {
        // no instances
    }

    static FabricSettings settings(final @Nullable Settings settings) {
        if (settings == null) {
            return FabricSettings.DEFAULT;
        }
        final var defaults = FabricSettings.DEFAULT;
        final var redirect = settings.getRedirectSeconds();
        final var maxMoves = settings.getDadMaxMoves();
        final var window = settings.getDadWindowSeconds();
        final var unknown = settings.getUnknownDestination();
        final var requireAnnouncement = settings.getRequireAnnouncement();
        final var distribution = settings.getDestinationDistribution();
        final var pullIdle = settings.getPullIdleSeconds();
        return new FabricSettings(
            redirect == null ? defaults.redirectSeconds() : redirect.intValue(),
            maxMoves == null ? defaults.dadMaxMoves() : maxMoves.intValue(),
            window == null ? defaults.dadWindowSeconds() : window.longValue(),
            unknown == null ? defaults.unknownDestination() : switch (unknown) {
                case Pull -> UnknownDestination.PULL;
                case Drop -> UnknownDestination.DROP;
            },
            requireAnnouncement == null ? defaults.requireAnnouncement() : requireAnnouncement,
            distribution == null ? defaults.destinationDistribution() : switch (distribution) {
                case Push -> DestinationDistribution.PUSH;
                case OnDemand -> DestinationDistribution.ON_DEMAND;
            },
            pullIdle == null ? defaults.pullIdleSeconds() : pullIdle.intValue());
    }

    static Nve nve(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve nve) {
        final var id = new NveId(nve.requireId().getValue());
        final var datapathId = nve.getDatapathId();
        if (datapathId == null) {
            throw new IllegalArgumentException("datapath-id is mandatory");
        }
        final var underlay = readIp("underlay-ip", nve::getUnderlayIp);
        if (underlay == null) {
            throw new IllegalArgumentException("underlay-ip is mandatory");
        }
        final var underlayIp = ip(underlay);
        if (!underlayIp.isHostUnicast()) {
            throw new IllegalArgumentException("underlay-ip " + underlayIp
                + " cannot be a tunnel endpoint (unspecified, multicast, loopback or broadcast)");
        }
        final var tunnelPort = nve.getTunnelPort();
        final var gateways = new HashMap<RoutingDomainId, ExternalGateway>();
        for (var gateway : nve.nonnullGateway().values()) {
            final var external = externalGateway(gateway);
            gateways.put(external.domain(), external);
        }
        return new Nve(id, new DatapathId(datapathId.longValue()), underlayIp,
            tunnelPort == null ? Nve.DEFAULT_TUNNEL_PORT : new PortName(tunnelPort.getValue()), gateways);
    }

    private static ExternalGateway externalGateway(final Gateway gateway) {
        final var domain = gateway.requireRoutingDomain().getValue();
        final var port = gateway.getExternalPort();
        final var nextHop = gateway.getNextHopMac();
        if (port == null || nextHop == null) {
            throw new IllegalArgumentException("gateway " + domain + ": external-port and next-hop-mac are mandatory");
        }
        final var prefixes = new ArrayList<IpPrefix>();
        // absent when none is configured (RESTCONF stores an empty leaf-list as absent)
        final var configured = gateway.getExternalPrefix();
        for (var prefix : configured == null ? Set.<org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet
                .types.rev130715.IpPrefix>of() : configured) {
            prefixes.add(prefix(prefix));
        }
        try {
            return new ExternalGateway(new RoutingDomainId(domain), new PortName(port.getValue()),
                MacAddress.parse(nextHop.getValue()), prefixes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway " + domain + ": " + e.getMessage(), e);
        }
    }

    static RoutingDomain routingDomain(
            final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain domain) {
        final var vni = domain.getVni();
        if (vni == null) {
            throw new IllegalArgumentException("vni is mandatory");
        }
        final var mac = domain.getGatewayMac();
        return new RoutingDomain(new RoutingDomainId(domain.requireName().getValue()),
            Vni.of(vni.getValue().longValue()), nullToEmpty(domain.getTenant()),
            mac == null ? RoutingDomain.DEFAULT_GATEWAY_MAC : MacAddress.parse(mac.getValue()));
    }

    static VirtualNetwork network(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork vn) {
        final var mode = vn.getMode();
        final var domain = vn.getRoutingDomain();
        final var subnets = new ArrayList<Subnet>();
        for (var subnet : vn.nonnullSubnet().values()) {
            final var gateway = readIp("gateway-ip", subnet::getGatewayIp);
            if (gateway == null) {
                throw new IllegalArgumentException("subnet " + subnet.requirePrefix().stringValue()
                    + ": gateway-ip is mandatory");
            }
            subnets.add(new Subnet(prefix(subnet.requirePrefix()), ip(gateway)));
        }
        final var policy = vn.getOldLocationPolicy();
        return new VirtualNetwork(Vni.of(vn.requireVni().getValue().longValue()),
            nullToEmpty(vn.getName()), nullToEmpty(vn.getTenant()),
            mode == null ? OverlayMode.L2 : switch (mode) {
                case L2 -> OverlayMode.L2;
                case L3 -> OverlayMode.L3;
            }, domain == null ? null : new RoutingDomainId(domain.getValue()), subnets,
            policy == null ? OldLocationPolicy.REDIRECT : switch (policy) {
                case Redirect -> OldLocationPolicy.REDIRECT;
                case Drop -> OldLocationPolicy.DROP;
                case IcmpUnreachable -> OldLocationPolicy.ICMP_UNREACHABLE;
            });
    }

    private static IpPrefix prefix(
            final org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix prefix) {
        return IpPrefix.parse(prefix.stringValue());
    }

    static Vm vm(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Vm vm) {
        final var id = new VmId(vm.requireId().getValue());
        final var vni = vm.getVni();
        if (vni == null) {
            throw new IllegalArgumentException("vni is mandatory");
        }
        final var macLeaf = vm.getMac();
        if (macLeaf == null) {
            throw new IllegalArgumentException("mac is mandatory");
        }
        final var mac = MacAddress.parse(macLeaf.getValue());
        if (mac.isGroup() || mac.isZero()) {
            throw new IllegalArgumentException("MAC " + mac + " is a group or zero address, which no VM can own");
        }
        final Set<IpAddress> ips = new HashSet<>();
        final var ipLeaves = readIp("ip", vm::getIp);
        if (ipLeaves != null) {
            for (var leaf : ipLeaves) {
                final var ip = ip(leaf);
                if (!ip.isHostUnicast()) {
                    throw new IllegalArgumentException("IP " + ip
                        + " cannot belong to a VM (unspecified, multicast, loopback or broadcast)");
                }
                ips.add(ip);
            }
        }
        final var nve = vm.getNve();
        final var port = vm.getPort();
        if (nve == null && port != null) {
            throw new IllegalArgumentException("port " + port.getValue()
                + " is set without nve: a port names an interface on one NVE");
        }
        return new Vm(id, Vni.of(vni.getValue().longValue()), mac, ips,
            nve == null ? null : new NveId(nve.getValue()),
            port == null ? null : new PortName(port.getValue()));
    }

    /**
     * Reads an address leaf. The datastore may hold a value no member of the ip-address union accepts
     * (RESTCONF stores such a union value as a plain string); reading it then fails deep in the codec.
     */
    private static <T> @Nullable T readIp(final String leaf, final Supplier<@Nullable T> getter) {
        try {
            return getter.get();
        } catch (IllegalArgumentException e) {
            final var detail = e.getMessage();
            final int at = detail == null ? -1 : detail.lastIndexOf(" for input ");
            final var value = at < 0 ? String.valueOf(detail) : "'" + detail.substring(at + 11) + "'";
            throw new IllegalArgumentException(leaf + " " + value + " is not an IPv4 or IPv6 address", e);
        }
    }

    static IpAddress ip(final IpAddressNoZone ip) {
        return IpAddress.parse(ip.stringValue());
    }

    private static String nullToEmpty(final @Nullable String value) {
        return value == null ? "" : value;
    }
}
