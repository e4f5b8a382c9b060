/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import org.junit.Test;

public class PacketKindTest {
    @Test
    public void classifiesByEthertype() {
        assertEquals(PacketKind.ARP, classify(TestFrames.arpRequest()));
        assertEquals(PacketKind.RARP, classify(TestFrames.rarp()));
        assertEquals(PacketKind.OTHER, classify(TestFrames.ipv4()));
    }

    @Test
    public void neighbourDiscoveryIsIcmpv6Types133To137() {
        for (int type = 133; type <= 137; type++) {
            assertEquals("ICMPv6 type " + type, PacketKind.IPV6_ND, classify(TestFrames.ipv6(58, type)));
        }
        assertEquals("echo request", PacketKind.OTHER, classify(TestFrames.ipv6(58, 128)));
        assertEquals("MLD report", PacketKind.OTHER, classify(TestFrames.ipv6(58, 143)));
        assertEquals("type 135 in UDP is not ICMPv6", PacketKind.OTHER, classify(TestFrames.ipv6(17, 135)));
        assertEquals("behind a hop-by-hop header", PacketKind.OTHER, classify(TestFrames.ipv6(0, 58)));
    }

    @Test
    public void skipsOne8021qTag() {
        assertEquals(PacketKind.ARP, classify(TestFrames.tagged(0x8100, TestFrames.arpRequest())));
        assertEquals(PacketKind.IPV6_ND, classify(TestFrames.tagged(0x8100, TestFrames.neighbourSolicitation())));
        assertEquals("QinQ", PacketKind.OTHER, classify(TestFrames.tagged(0x88A8, TestFrames.arpRequest())));
        assertEquals("two tags", PacketKind.OTHER, classify(TestFrames.tagged(0x8100,
            TestFrames.tagged(0x8100, TestFrames.arpRequest()))));
    }

    @Test
    public void shortFramesAreOther() {
        assertEquals(PacketKind.OTHER, classify(new byte[0]));
        assertEquals(PacketKind.OTHER, classify(Arrays.copyOf(TestFrames.arpRequest(), 13)));
        assertEquals("an ethertype is enough for ARP", PacketKind.ARP,
            classify(Arrays.copyOf(TestFrames.arpRequest(), 14)));
        final byte[] ns = TestFrames.neighbourSolicitation();
        assertEquals("ends before the ICMPv6 type", PacketKind.OTHER, classify(Arrays.copyOf(ns, 14 + 40)));
        assertEquals(PacketKind.IPV6_ND, classify(Arrays.copyOf(ns, 14 + 41)));
    }

    private static PacketKind classify(final byte[] bytes) {
        return PacketKind.classify(Frame.of(bytes));
    }
}
