/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class DatapathIdTest {
    @Test
    public void parsesHexWithColons() {
        assertEquals(0x00ab, DatapathId.parse("00:00:00:00:00:00:00:ab").value());
        assertEquals(0x0102_0304_0506_0708L, DatapathId.parse("01:02:03:04:05:06:07:08").value());
        assertEquals(0xFEDC_BA98_7654_3210L, DatapathId.parse("FE:DC:BA:98:76:54:32:10").value());
    }

    @Test
    public void parsesSixteenHexDigits() {
        assertEquals(0x00ab, DatapathId.parse("00000000000000ab").value());
        assertEquals(0xFFFF_FFFF_FFFF_FFFFL, DatapathId.parse("ffffffffffffffff").value());
    }

    @Test
    public void parsesSixteenHexDigitsThatHappenToBeDecimalDigitsAsHex() {
        // ovs-vsctl's form, which toString writes: 0000000000000010 is datapath 16, not 10
        assertEquals(16, DatapathId.parse("0000000000000010").value());
        assertEquals(0x1234_5678_9012_3456L, DatapathId.parse("1234567890123456").value());
    }

    @Test
    public void parsesDecimal() {
        assertEquals(42, DatapathId.parse("42").value());
        assertEquals(16, DatapathId.parse("16").value());
        assertEquals(-1L, DatapathId.parse("18446744073709551615").value());
    }

    @Test
    public void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> DatapathId.parse("ab"));
        assertThrows(IllegalArgumentException.class, () -> DatapathId.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> DatapathId.parse("18446744073709551616"));
        assertThrows(IllegalArgumentException.class, () -> DatapathId.parse("zz:00:00:00:00:00:00:01"));
        assertThrows(IllegalArgumentException.class, () -> DatapathId.parse(""));
    }

    @Test
    public void writesSixteenLowerCaseHexDigits() {
        assertEquals("00000000000000ab", new DatapathId(0xab).toString());
        assertEquals("fedcba9876543210", new DatapathId(0xFEDC_BA98_7654_3210L).toString());
    }

    @Test
    public void roundTripsThroughEveryForm() {
        for (long value : new long[] {0, 1, 9, 10, 16, 0x99, 0x1000, 0x0000_1234_5678_9abcL, Long.MAX_VALUE,
            Long.MIN_VALUE, -1L}) {
            final var dpid = new DatapathId(value);
            assertEquals(dpid.toString(), dpid, DatapathId.parse(dpid.toString()));
            assertEquals(dpid.toDecimal(), dpid, DatapathId.parse(dpid.toDecimal()));
        }
    }

    @Test
    public void writesUnsignedDecimal() {
        assertEquals("0", new DatapathId(0).toDecimal());
        assertEquals("9223372036854775807", new DatapathId(Long.MAX_VALUE).toDecimal());
        // 2^63 and above are negative as a Java long but must never be written with a sign
        assertEquals("9223372036854775808", new DatapathId(Long.MIN_VALUE).toDecimal());
        assertEquals("18446744073709551615", new DatapathId(-1L).toDecimal());
        assertEquals("18364758544493064720", DatapathId.parse("fedcba9876543210").toDecimal());
    }

    @Test
    public void comparesUnsigned() {
        final var small = new DatapathId(1);
        final var large = new DatapathId(Long.MIN_VALUE);
        assertTrue(small.compareTo(large) < 0);
        assertTrue(large.compareTo(new DatapathId(-1L)) < 0);
        assertEquals(0, large.compareTo(DatapathId.parse("9223372036854775808")));
    }

    @Test
    public void rejectsTextThatIsNoDatapathId() {
        for (var text : new String[] {"1:2", "00:00:00:00:00:00:01", "zz", "", "-1", "000000000000001g"}) {
            final var error = assertThrows(text, IllegalArgumentException.class, () -> DatapathId.parse(text));
            assertTrue(error.getMessage(), error.getMessage().contains("is not a datapath id"));
        }
    }
}
