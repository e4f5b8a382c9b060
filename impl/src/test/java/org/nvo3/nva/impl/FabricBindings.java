/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl;

import java.util.HashSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MacAddress;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.PortName;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Vni;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.NveBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Vm;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VmBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Builds fabric entries as the binding delivers them; a null argument leaves the leaf out.
 */
public final class FabricBindings {
    private FabricBindings() {
        // no instances
    }

    public static Nve nve(final String id, final @Nullable Uint64 datapathId, final @Nullable String underlayIp) {
        return new NveBuilder()
            .setId(new ObjectId(id))
            .setDatapathId(datapathId)
            .setUnderlayIp(underlayIp == null ? null : ip(underlayIp))
            .build();
    }

    public static Nve nve(final String id, final long datapathId, final String underlayIp) {
        return nve(id, Uint64.fromLongBits(datapathId), underlayIp);
    }

    public static VirtualNetwork network(final long vni, final @Nullable String name) {
        return new VirtualNetworkBuilder().setVni(vni(vni)).setName(name).build();
    }

    public static Vm vm(final String id, final @Nullable Long vni, final @Nullable String mac,
            final @Nullable String nve, final @Nullable String port, final String... ips) {
        final var addresses = new HashSet<IpAddressNoZone>();
        for (var address : ips) {
            addresses.add(ip(address));
        }
        return new VmBuilder()
            .setId(new ObjectId(id))
            .setVni(vni == null ? null : vni(vni))
            .setMac(mac == null ? null : new MacAddress(mac))
            .setIp(addresses.isEmpty() ? null : addresses)
            .setNve(nve == null ? null : new ObjectId(nve))
            .setPort(port == null ? null : new PortName(port))
            .build();
    }

    public static Vni vni(final long vni) {
        return new Vni(Uint32.valueOf(vni));
    }

    public static MacAddress mac(final String mac) {
        return new MacAddress(mac);
    }

    public static IpAddressNoZone ip(final String ip) {
        return ip.indexOf(':') >= 0 ? new IpAddressNoZone(new Ipv6AddressNoZone(ip))
            : new IpAddressNoZone(new Ipv4AddressNoZone(ip));
    }
}
