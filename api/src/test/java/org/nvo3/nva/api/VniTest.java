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

public class VniTest {
    @Test
    public void acceptsTheWholeRange() {
        assertEquals(1, new Vni(1).value());
        assertEquals(16_777_215, new Vni(16_777_215).value());
        assertEquals(16_777_215, Vni.of(16_777_215L).value());
        assertEquals(Vni.MAX, Vni.of(Vni.MAX).value());
        assertEquals("5000", new Vni(5000).toString());
    }

    @Test
    public void rejectsZero() {
        final var ex = assertThrows(IllegalArgumentException.class, () -> new Vni(0));
        assertTrue(ex.getMessage(), ex.getMessage().contains("1..16777215"));
        assertThrows(IllegalArgumentException.class, () -> Vni.of(0L));
    }

    @Test
    public void rejectsBeyondTwentyFourBits() {
        assertThrows(IllegalArgumentException.class, () -> new Vni(16_777_216));
        assertThrows(IllegalArgumentException.class, () -> Vni.of(16_777_216L));
        assertThrows(IllegalArgumentException.class, () -> new Vni(-1));
        // a long that would wrap to a valid int must still be refused
        assertThrows(IllegalArgumentException.class, () -> Vni.of(0x1_0000_0001L));
    }

    @Test
    public void ordersNumerically() {
        assertTrue(new Vni(9).compareTo(new Vni(10)) < 0);
        assertTrue(new Vni(10).compareTo(new Vni(9)) > 0);
        assertEquals(0, new Vni(7).compareTo(Vni.of(7)));
    }
}
