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
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class MacAddressTest {
    @Test
    public void parsesLowerCase() {
        assertEquals(0x0200_0000_00abL, MacAddress.parse("02:00:00:00:00:ab").bits());
    }

    @Test
    public void parsesUpperAndMixedCaseToTheSameAddress() {
        final var lower = MacAddress.parse("0a:1b:2c:3d:4e:5f");
        assertEquals(lower, MacAddress.parse("0A:1B:2C:3D:4E:5F"));
        assertEquals(lower, MacAddress.parse("0a:1B:2c:3D:4e:5F"));
    }

    @Test
    public void writesCanonicalLowerCaseColonForm() {
        assertEquals("0a:1b:2c:3d:4e:5f", MacAddress.parse("0A:1B:2C:3D:4E:5F").toString());
        assertEquals("00:00:00:00:00:01", new MacAddress(1).toString());
        assertEquals("ff:ff:ff:ff:ff:ff", new MacAddress(0xFFFF_FFFF_FFFFL).toString());
    }

    @Test
    public void roundTripsThroughItsText() {
        for (long bits : new long[] {0, 1, 0x0200_0000_0001L, 0xFEDC_BA98_7654L, 0xFFFF_FFFF_FFFFL}) {
            final var mac = new MacAddress(bits);
            assertEquals(mac, MacAddress.parse(mac.toString()));
        }
    }

    @Test
    public void rejectsFiveOctets() {
        final var ex = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:00:00:00"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("02:00:00:00:00"));
    }

    @Test
    public void rejectsMalformedText() {
        for (var text : new String[] {"zz:00:00:00:00:01", "02:00:00:00:00:01:02", "02-00-00-00-00-01",
            "0200.0000.0001", "020000000001", "2:0:0:0:0:1", " 02:00:00:00:00:01", "", "02:00:00:00:00:0g"}) {
            assertThrows(text, IllegalArgumentException.class, () -> MacAddress.parse(text));
        }
    }

    @Test
    public void rejectsMoreThanFortyEightBits() {
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(0x1_0000_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(-1));
    }

    @Test
    public void detectsTheGroupBit() {
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isGroup());
        assertTrue(MacAddress.parse("33:33:00:00:00:01").isGroup());
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isGroup());
        assertTrue(MacAddress.parse("03:00:00:00:00:00").isGroup());
        assertFalse(MacAddress.parse("02:00:00:00:00:01").isGroup());
        assertFalse(MacAddress.parse("00:00:00:00:00:00").isGroup());
        // the I/G bit is the low bit of the first octet, not of the last
        assertFalse(MacAddress.parse("fe:ff:ff:ff:ff:ff").isGroup());
    }

    @Test
    public void detectsZero() {
        assertTrue(MacAddress.parse("00:00:00:00:00:00").isZero());
        assertFalse(MacAddress.parse("00:00:00:00:00:01").isZero());
    }

    @Test
    public void buildsFromSixOctets() {
        assertEquals(MacAddress.parse("fe:01:02:03:04:ff"),
            MacAddress.fromBytes(new byte[] {(byte) 0xfe, 1, 2, 3, 4, (byte) 0xff}));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.fromBytes(new byte[5]));
    }

    @Test
    public void writesItsSixOctetsInTransmissionOrder() {
        assertArrayEquals(new byte[] {(byte) 0xfe, 1, 2, 3, 4, (byte) 0xff},
            MacAddress.parse("fe:01:02:03:04:ff").toBytes());
        assertArrayEquals(new byte[6], new MacAddress(0).toBytes());
        for (long bits : new long[] {1, 0x0200_0000_0001L, 0x8000_0000_0000L, 0xFEDC_BA98_7654L, 0xFFFF_FFFF_FFFFL}) {
            assertEquals(new MacAddress(bits), MacAddress.fromBytes(new MacAddress(bits).toBytes()));
        }
    }

    @Test
    public void ordersByValue() {
        assertTrue(MacAddress.parse("00:00:00:00:00:02").compareTo(MacAddress.parse("00:00:00:00:01:00")) < 0);
        assertTrue(MacAddress.parse("ff:00:00:00:00:00").compareTo(MacAddress.parse("0f:ff:ff:ff:ff:ff")) > 0);
    }
}
