/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import org.nvo3.nva.api.IpAddress;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;

/**
 * Converts NVA's MAC and IP addresses to Loxi's and back.
 */
final class LoxiAddresses {
    private LoxiAddresses() {
        // no instances
    }

    static org.projectfloodlight.openflow.types.MacAddress toLoxi(final org.nvo3.nva.api.MacAddress mac) {
        return org.projectfloodlight.openflow.types.MacAddress.of(mac.bits());
    }

    static IPv4Address toIpv4(final IpAddress address) {
        return IPv4Address.of(address.address().getAddress());
    }

    static IPv6Address toIpv6(final IpAddress address) {
        return IPv6Address.of(address.address().getAddress());
    }

    static org.nvo3.nva.api.MacAddress fromLoxi(final org.projectfloodlight.openflow.types.MacAddress mac) {
        return new org.nvo3.nva.api.MacAddress(mac.getLong());
    }

    static IpAddress fromLoxi(final IPv4Address address) {
        return IpAddress.fromBytes(address.getBytes());
    }

    static IpAddress fromLoxi(final IPv6Address address) {
        return IpAddress.fromBytes(address.getBytes());
    }
}
