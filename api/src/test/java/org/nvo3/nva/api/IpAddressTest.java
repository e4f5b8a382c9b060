/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.List;
import java.util.TreeSet;
import org.junit.Test;

public class IpAddressTest {
    @Test
    public void parsesIpv4() {
        final var ip = IpAddress.parse("192.0.2.1");
        assertTrue(ip.address() instanceof Inet4Address);
        assertFalse(ip.isIpv6());
        assertEquals("192.0.2.1", ip.toString());
    }

    @Test
    public void parsesIpv6() {
        final var ip = IpAddress.parse("2001:db8::1");
        assertTrue(ip.address() instanceof Inet6Address);
        assertTrue(ip.isIpv6());
    }

    @Test
    public void writesIpv6InRfc5952Form() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:DB8:0:0:0:0:0:1").toString());
        assertEquals("2001:db8::1", IpAddress.parse("2001:0db8:0000::0001").toString());
        // the longest run of zeros is shortened, the first one on a tie
        assertEquals("2001:db8::1:0:0:1", IpAddress.parse("2001:db8:0:0:1:0:0:1").toString());
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
        // a single zero group is not shortened
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8::1:1:1:1:1").toString());
        assertEquals("::", IpAddress.parse("0:0:0:0:0:0:0:0").toString());
    }

    @Test
    public void equalAddressesInDifferentSpellingsAreEqual() {
        assertEquals(IpAddress.parse("2001:db8::a"), IpAddress.parse("2001:DB8:0::000A"));
        assertEquals(IpAddress.parse("2001:db8::a").hashCode(), IpAddress.parse("2001:DB8:0::000A").hashCode());
        assertNotEquals(IpAddress.parse("198.51.100.1"), IpAddress.parse("198.51.100.2"));
    }

    @Test
    public void rejectsZoneInText() {
        final var ex = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("fe80::1%eth0"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("zone"));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("fe80::1%1"));
    }

    @Test
    public void rejectsZoneInAddress() throws UnknownHostException {
        final var scoped = Inet6Address.getByAddress(null, IpAddress.parse("fe80::1").address().getAddress(), 2);
        assertThrows(IllegalArgumentException.class, () -> new IpAddress(scoped));
    }

    @Test
    public void rejectsHostNamesWithoutResolvingThem() {
        // a name that resolves nowhere still fails fast: there is no DNS look-up, only literal parsing
        for (var text : List.of("example.com", "localhost", "nva.invalid", "")) {
            final var ex = assertThrows(text, IllegalArgumentException.class, () -> IpAddress.parse(text));
            assertTrue(ex.getMessage(), ex.getMessage().contains("is not an IPv4 or IPv6 address"));
        }
    }

    @Test
    public void rejectsMalformedLiterals() {
        for (var text : List.of("192.0.2", "192.0.2.256", "192.0.2.1/24", "2001:db8::1::2", "2001:db8:::1",
            "[2001:db8::1]", " 192.0.2.1")) {
            assertThrows(text, IllegalArgumentException.class, () -> IpAddress.parse(text));
        }
    }

    @Test
    public void hostUnicastExcludesAddressesNoHostCanOwn() {
        for (var text : List.of("0.0.0.0", "::", "224.0.0.1", "239.255.255.250", "ff02::1", "127.0.0.1",
            "127.1.2.3", "::1", "255.255.255.255")) {
            assertFalse(text, IpAddress.parse(text).isHostUnicast());
        }
    }

    @Test
    public void hostUnicastIncludesOrdinaryAddresses() {
        for (var text : List.of("198.51.100.1", "192.0.2.255", "203.0.113.7", "2001:db8::1", "fe80::1", "fd00::5")) {
            assertTrue(text, IpAddress.parse(text).isHostUnicast());
        }
    }

    @Test
    public void ordersNumericallyWithinAFamily() {
        final var sorted = new TreeSet<IpAddress>();
        for (var text : List.of("198.51.100.10", "198.51.100.9", "192.0.2.1", "198.51.100.200", "9.255.255.255")) {
            sorted.add(IpAddress.parse(text));
        }
        assertEquals("[9.255.255.255, 192.0.2.1, 198.51.100.9, 198.51.100.10, 198.51.100.200]", sorted.toString());
        assertTrue(IpAddress.parse("2001:db8::2").compareTo(IpAddress.parse("2001:db8::10")) < 0);
        assertTrue(IpAddress.parse("fe80::1").compareTo(IpAddress.parse("2001:db8::1")) > 0);
    }

    @Test
    public void orderIsConsistentWithEquals() {
        // Vm keeps its addresses in a TreeSet: distinct addresses must never compare equal
        final var v4 = IpAddress.parse("32.1.13.184");
        final var v6 = IpAddress.parse("2001:db8::");
        assertNotEquals(0, v4.compareTo(v6));
        assertEquals(-Integer.signum(v4.compareTo(v6)), Integer.signum(v6.compareTo(v4)));
        assertEquals(0, IpAddress.parse("2001:db8::a").compareTo(IpAddress.parse("2001:DB8::000a")));
    }

    @Test
    public void buildsFromOctets() {
        assertEquals(IpAddress.parse("198.51.100.7"), IpAddress.fromBytes(new byte[] {(byte) 198, 51, 100, 7}));
        final var v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 1;
        assertEquals(IpAddress.parse("2001:db8::1"), IpAddress.fromBytes(v6));
        for (int length : new int[] {0, 3, 5, 15, 17}) {
            final var ex = assertThrows(IllegalArgumentException.class, () -> IpAddress.fromBytes(new byte[length]));
            assertTrue(ex.getMessage(), ex.getMessage().contains("not " + length));
        }
    }

    @Test
    public void mappedOctetsGiveTheSameAddressAsParsingTheMappedLiteral() {
        final var mapped = IpAddress.parse("::ffff:198.51.100.7").toBytes();
        assertEquals(IpAddress.parse("::ffff:198.51.100.7"), IpAddress.fromBytes(mapped));
    }

    @Test
    public void writesItsOctetsInNetworkOrder() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, (byte) 255}, IpAddress.parse("192.0.2.255").toBytes());
        final var v6 = IpAddress.parse("2001:db8::ff").toBytes();
        assertEquals(16, v6.length);
        assertEquals(0x20, v6[0]);
        assertEquals((byte) 0xb8, v6[3]);
        assertEquals((byte) 0xff, v6[15]);
        for (var text : List.of("0.0.0.0", "255.255.255.255", "::", "ff02::1:ff00:11", "fe80::5eff:fe10:b")) {
            assertEquals(text, IpAddress.parse(text), IpAddress.fromBytes(IpAddress.parse(text).toBytes()));
        }
    }
}
