/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;

public class Icmpv6ChecksumTest {
    private static IpAddress source(final byte[] frame) {
        return IpAddress.fromBytes(Arrays.copyOfRange(frame, 22, 38));
    }

    private static IpAddress destination(final byte[] frame) {
        return IpAddress.fromBytes(Arrays.copyOfRange(frame, 38, 54));
    }

    private static void assertCapturedChecksum(final int index, final int captured) {
        final var frame = CapturedFrames.frame(index);
        final var message = Ipv6FrameEdits.message(frame);
        assertEquals("frame " + index, captured, Icmpv6Checksum.stored(message));
        assertEquals("frame " + index, captured, Icmpv6Checksum.compute(source(frame), destination(frame), message));
        assertTrue(Icmpv6Checksum.isValid(source(frame), destination(frame), message));
    }

    @Test
    public void computesTheChecksumsTheLinuxKernelSent() {
        assertCapturedChecksum(CapturedFrames.NEIGHBOR_SOLICITATION, 0xbdd2);
        assertCapturedChecksum(CapturedFrames.NEIGHBOR_ADVERTISEMENT, 0x2c16);
        assertCapturedChecksum(CapturedFrames.UNICAST_SOLICITATION, 0x604c);
        assertCapturedChecksum(CapturedFrames.ADVERTISEMENT_WITHOUT_OPTION, 0x8070);
        assertCapturedChecksum(CapturedFrames.ROUTER_SOLICITATION, 0xbef7);
        assertCapturedChecksum(CapturedFrames.ICMPV6_ECHO_REQUEST, 0xaa78);
    }

    @Test
    public void ignoresWhatIsInTheChecksumField() {
        final var frame = CapturedFrames.frame(CapturedFrames.NEIGHBOR_SOLICITATION);
        final var message = Ipv6FrameEdits.message(frame);
        message[2] = (byte) 0x12;
        message[3] = (byte) 0x34;
        assertEquals(0xbdd2, Icmpv6Checksum.compute(source(frame), destination(frame), message));
        assertFalse(Icmpv6Checksum.isValid(source(frame), destination(frame), message));
    }

    @Test
    public void coversThePseudoHeaderAndEveryByteOfTheMessage() {
        final var frame = CapturedFrames.frame(CapturedFrames.NEIGHBOR_ADVERTISEMENT);
        final var message = Ipv6FrameEdits.message(frame);
        for (int i = 0; i < message.length; i++) {
            if (i == 2 || i == 3) {
                continue;
            }
            final var changed = message.clone();
            changed[i] ^= 0x01;
            assertFalse("byte " + i, Icmpv6Checksum.isValid(source(frame), destination(frame), changed));
        }
        assertFalse(Icmpv6Checksum.isValid(IpAddress.parse("2001:db8:7::12"), destination(frame), message));
        assertFalse(Icmpv6Checksum.isValid(source(frame), IpAddress.parse("2001:db8:7::12"), message));
    }

    @Test
    public void padsAnOddLengthWithAZeroByte() {
        // RFC 1071: an odd trailing byte counts as the high byte of a word with a zero low byte
        final var source = IpAddress.parse("2001:db8::1");
        final var destination = IpAddress.parse("2001:db8::2");
        final var odd = new byte[] {(byte) 0x80, 0, 0, 0, 0x12};
        final var even = new byte[] {(byte) 0x80, 0, 0, 0, 0x12, 0};
        // the two differ only by the length in the pseudo-header: 5 against 6
        assertEquals(Icmpv6Checksum.compute(source, destination, even) + 1,
            Icmpv6Checksum.compute(source, destination, odd));
    }

    @Test
    public void rejectsIpv4AddressesAndMessagesWithoutChecksumField() {
        final var v6 = IpAddress.parse("2001:db8::1");
        final var v4 = IpAddress.parse("198.51.100.1");
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Checksum.compute(v4, v6, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Checksum.compute(v6, v4, new byte[8]));
        final var ex = assertThrows(IllegalArgumentException.class, () -> Icmpv6Checksum.compute(v6, v6, new byte[3]));
        assertEquals("ICMPv6 message of 3 bytes ends before its checksum field", ex.getMessage());
    }
}
