/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The timers of one switch connection.
 *
 * @param echoInterval after this long without any message from the switch, NVA sends an ECHO_REQUEST
 * @param deadPeerTimeout after this long without any message, NVA closes the connection; longer than
 *                        {@code echoInterval}, so that an echo can be answered first
 * @param handshakeTimeout the handshake (HELLO to ready) must complete within this
 */
public record ConnectionTimeouts(Duration echoInterval, Duration deadPeerTimeout, Duration handshakeTimeout) {
    /**
     * Echo after 5 s of silence (as Open vSwitch's own inactivity probe), dead after 15 s, 15 s to
     * complete the handshake.
     */
    public static final ConnectionTimeouts DEFAULT =
        new ConnectionTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15));

    public ConnectionTimeouts {
        requirePositive(echoInterval, "echo interval");
        requirePositive(deadPeerTimeout, "dead-peer timeout");
        requirePositive(handshakeTimeout, "handshake timeout");
        if (deadPeerTimeout.compareTo(echoInterval) <= 0) {
            throw new IllegalArgumentException("dead-peer timeout " + deadPeerTimeout
                + " must be longer than the echo interval " + echoInterval);
        }
    }

    private static void requirePositive(final Duration duration, final String what) {
        if (requireNonNull(duration, what).isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
    }
}
