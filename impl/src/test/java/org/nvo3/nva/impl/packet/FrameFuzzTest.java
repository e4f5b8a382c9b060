/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * Randomly damaged frames (fixed seed) either parse or give a {@link MalformedPacketException}: never an
 * index, underflow or other runtime exception, which would fail this test with an error.
 */
public class FrameFuzzTest {
    private static final int ROUNDS = 1500;

    private static List<byte[]> seeds() {
        final var seeds = new ArrayList<byte[]>();
        for (int i = 0; i < CapturedFrames.count(); i++) {
            seeds.add(CapturedFrames.frame(i));
            seeds.add(CapturedFrames.tagged(CapturedFrames.frame(i), 42));
        }
        seeds.add(CapturedFrames.QEMU_RARP);
        seeds.add(CapturedFrames.gratuitousReply());
        return seeds;
    }

    private static byte[] damaged(final byte[] seed, final Random random) {
        var frame = seed.clone();
        switch (random.nextInt(3)) {
            case 0 -> frame = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            case 1 -> frame = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(16));
            default -> {
                // flip bytes
            }
        }
        final int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && frame.length > 0; i++) {
            frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
        return frame;
    }

    @Test
    public void damagedFramesParseOrAreMalformed() {
        final var random = new Random(20_260_101L);
        int parsed = 0;
        int malformed = 0;
        for (var seed : seeds()) {
            for (int round = 0; round < ROUNDS; round++) {
                try {
                    assertNotNull(FrameParser.parse(damaged(seed, random)));
                    parsed++;
                } catch (MalformedPacketException e) {
                    assertNotNull(e.getMessage());
                    malformed++;
                }
            }
        }
        assertTrue("parsed " + parsed, parsed > 1000);
        assertTrue("malformed " + malformed, malformed > 1000);
    }

    @Test
    public void damagedNeighborDiscoveryWithAGoodChecksumParsesOrIsMalformed() {
        // with the checksum fixed after the damage, decoding gets past it into the message and options
        final var random = new Random(4861L);
        int kinds = 0;
        final var seen = new ArrayList<Class<?>>();
        for (int index : new int[] {CapturedFrames.NEIGHBOR_SOLICITATION, CapturedFrames.NEIGHBOR_ADVERTISEMENT,
            CapturedFrames.UNICAST_SOLICITATION, CapturedFrames.ADVERTISEMENT_WITHOUT_OPTION}) {
            final var seed = CapturedFrames.frame(index);
            for (int round = 0; round < ROUNDS; round++) {
                final var damaged = seed.clone();
                final int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    // the ICMPv6 message only: offset 54 on
                    damaged[54 + random.nextInt(damaged.length - 54)] = (byte) random.nextInt(256);
                }
                try {
                    final var packet = FrameParser.parse(Ipv6FrameEdits.withChecksumFixed(damaged));
                    if (!seen.contains(packet.getClass())) {
                        seen.add(packet.getClass());
                        kinds++;
                    }
                } catch (MalformedPacketException e) {
                    assertNotNull(e.getMessage());
                }
            }
        }
        // damage to the type byte turns some into other ICMPv6; the rest stay solicitations/advertisements
        assertTrue(seen.toString(), kinds >= 3);
    }
}
