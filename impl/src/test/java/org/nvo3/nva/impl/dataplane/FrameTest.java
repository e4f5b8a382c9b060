/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FrameTest {
    @Test
    public void copiesInAndOut() {
        final byte[] bytes = TestFrames.arpRequest();
        final var frame = Frame.of(bytes);
        bytes[0] = 0;
        assertEquals(0xFF, frame.byteAt(0));
        final var out = frame.bytes();
        out[1] = 0;
        assertEquals(0xFF, frame.byteAt(1));
        assertArrayEquals(TestFrames.arpRequest(), frame.bytes());
        assertEquals(42, frame.length());
    }

    @Test
    public void readOnlyBufferCannotChangeTheFrame() {
        final var frame = Frame.of(TestFrames.arpRequest());
        assertTrue(frame.asReadOnlyBuffer().isReadOnly());
        assertEquals(0x0806, frame.asReadOnlyBuffer().getShort(12));
    }

    @Test
    public void equalsByContent() {
        assertEquals(Frame.of(TestFrames.arpRequest()), Frame.of(TestFrames.arpRequest()));
        assertEquals(Frame.of(TestFrames.arpRequest()).hashCode(), Frame.of(TestFrames.arpRequest()).hashCode());
        assertNotEquals(Frame.of(TestFrames.arpRequest()), Frame.of(TestFrames.rarp()));
    }

    @Test
    public void toStringShowsLengthAndAHexPrefix() {
        assertEquals("Frame[42 bytes: ffffffffffff02000000001108060001…]", Frame.of(TestFrames.arpRequest())
            .toString());
        assertEquals("Frame[2 bytes: 0a0b]", Frame.of(new byte[] {10, 11}).toString());
    }

    @Test
    public void refusesMoreThanAnOpenFlowMessageCarries() {
        assertEquals(Frame.MAX_LENGTH, Frame.of(new byte[Frame.MAX_LENGTH]).length());
        assertThrows(IllegalArgumentException.class, () -> Frame.of(new byte[Frame.MAX_LENGTH + 1]));
    }
}
