/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;

/**
 * Writes NVA addresses as YANG ip-address-no-zone and mac-address values.
 */
public final class YangAddresses {
    private YangAddresses() {
        // no instances
    }

    public static IpAddressNoZone of(final IpAddress ip) {
        final var text = ip.toString();
        return ip.isIpv6() ? new IpAddressNoZone(new Ipv6AddressNoZone(text))
            : new IpAddressNoZone(new Ipv4AddressNoZone(text));
    }

    public static org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MacAddress of(
            final MacAddress mac) {
        return new org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MacAddress(
            mac.toString());
    }
}
