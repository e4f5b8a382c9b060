/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class IpPrefixTest {
    @Test
    public void containsAddressesOfItsFamilyUnderItsMask() {
        final var v4 = IpPrefix.parse("198.51.100.128/25");
        assertTrue(v4.contains(IpAddress.parse("198.51.100.128")));
        assertTrue(v4.contains(IpAddress.parse("198.51.100.255")));
        assertFalse(v4.contains(IpAddress.parse("198.51.100.127")));
        assertFalse(v4.contains(IpAddress.parse("2001:db8::1")));
        final var v6 = IpPrefix.parse("2001:db8:1::/61");
        assertTrue(v6.contains(IpAddress.parse("2001:db8:1:7::1")));
        assertFalse(v6.contains(IpAddress.parse("2001:db8:1:8::1")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(IpAddress.parse("203.0.113.9")));
    }

    @Test
    public void overlapsWhenOneContainsTheOther() {
        assertTrue(IpPrefix.parse("198.51.100.0/24").overlaps(IpPrefix.parse("198.51.100.64/26")));
        assertTrue(IpPrefix.parse("198.51.100.64/26").overlaps(IpPrefix.parse("198.51.100.0/24")));
        assertFalse(IpPrefix.parse("198.51.100.0/25").overlaps(IpPrefix.parse("198.51.100.128/25")));
        assertFalse(IpPrefix.parse("198.51.100.0/24").overlaps(IpPrefix.parse("2001:db8::/32")));
    }

    @Test
    public void refusesHostBitsAndBadLengthsWithTheReason() {
        assertEquals("prefix 198.51.100.1/24 has host bits set (did you mean 198.51.100.0/24?)",
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("198.51.100.1/24")).getMessage());
        assertEquals("prefix length 33 is not 0..32",
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("192.0.2.0/33")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("192.0.2.0"));
        assertTrue(IpPrefix.parse("2001:db8::5/128").isHost());
        assertEquals("2001:db8::/32", IpPrefix.parse("2001:0db8:0::/32").toString());
    }

    @Test
    public void subnetKeepsItsGatewayInside() {
        assertEquals("gateway-ip 192.0.2.200 is not in subnet 192.0.2.0/25", assertThrows(
            IllegalArgumentException.class, () -> new Subnet(IpPrefix.parse("192.0.2.0/25"),
                IpAddress.parse("192.0.2.200"))).getMessage());
    }
}
