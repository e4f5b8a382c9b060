/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.nvo3.nva.impl.packet.CapturedFrames.hex;
import static org.nvo3.nva.impl.packet.CapturedFrames.toHex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;

public class Ipv4HeaderTest {
    /** A UDP header's IPv4 header: DF, TTL 64, checksum 0xb835 computed with Python, and 8 bytes of UDP. */
    private static final String HEADER = "4500002c1c4640004011b835c633640acb007107";

    @Test
    public void readsTheFieldsAndStopsAtThePayload() throws MalformedPacketException {
        final var packet = ByteBuffer.wrap(hex(HEADER + "a1b2003500180000" + "00".repeat(16)));
        assertEquals(new Ipv4Header(20, 0, 44, 0, 64, 17, IpAddress.parse("198.51.100.10"),
            IpAddress.parse("203.0.113.7")), Ipv4Header.read(packet));
        assertEquals(20, packet.position());

        final var fragmentWithOption = ByteBuffer.wrap(hex("46b8001c" + "0000" + "20b9" + "0101" + "0000"
            + "c633640acb007107" + "94040000" + "abababab"));
        final var header = Ipv4Header.read(fragmentWithOption);
        assertEquals(24, header.headerLength());
        assertEquals(0xb8, header.typeOfService());
        assertEquals(185, header.fragmentOffset());
        assertEquals(1, header.ttl());
        assertEquals(Ipv4Header.ICMP, header.protocol());
        assertEquals(24, fragmentWithOption.position());
    }

    @Test
    public void writesWhatItReadsWithTheChecksum() throws MalformedPacketException {
        final var header = Ipv4Header.read(ByteBuffer.wrap(hex(HEADER + "00".repeat(24))));
        final var written = ByteBuffer.allocate(44);
        header.write(written);
        assertEquals(20, written.position());
        // identification 0x1c46 and the DF flag are written as zero: the checksum, computed with Python, is 0x147c
        assertEquals("4500002c" + "00000000" + "4011" + "147c" + "c633640acb007107",
            toHex(Arrays.copyOf(written.array(), 20)));
        assertEquals(header, Ipv4Header.read(ByteBuffer.wrap(written.array())));
    }

    @Test
    public void writesNoOptionsAndHoldsOnlyIpv4Addresses() {
        final var ipv4 = IpAddress.parse("198.51.100.10");
        final var withOptions = new Ipv4Header(24, 0, 24, 0, 64, 17, ipv4, ipv4);
        assertThrows(IllegalStateException.class, () -> withOptions.write(ByteBuffer.allocate(24)));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv4Header(20, 0, 20, 0, 64, 17, ipv4, IpAddress.parse("2001:db8::1")));
    }
}
