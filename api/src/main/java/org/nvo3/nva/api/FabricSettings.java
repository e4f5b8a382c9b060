/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

/**
 * The fabric-wide knobs (fabric/settings).
 *
 * @param redirectSeconds how long the old NVE redirects packets in flight, 1..3600
 * @param dadMaxMoves moves within the window beyond which a VM is frozen, at least 1
 * @param dadWindowSeconds the duplicate-address detection window, at least 1
 * @param unknownDestination what NVEs do on a miss
 * @param requireAnnouncement whether only orchestrator-announced moves are accepted
 */
public record FabricSettings(int redirectSeconds, int dadMaxMoves, long dadWindowSeconds,
        UnknownDestination unknownDestination, boolean requireAnnouncement) {
    public static final FabricSettings DEFAULT = new FabricSettings(30, 5, 180, UnknownDestination.PULL, false);

    public FabricSettings {
        if (redirectSeconds < 1 || redirectSeconds > 3600) {
            throw new IllegalArgumentException("redirect-seconds " + redirectSeconds + " is outside 1..3600");
        }
        if (dadMaxMoves < 1) {
            throw new IllegalArgumentException("dad-max-moves must be at least 1, not " + dadMaxMoves);
        }
        if (dadWindowSeconds < 1) {
            throw new IllegalArgumentException("dad-window-seconds must be at least 1, not " + dadWindowSeconds);
        }
        requireNonNull(unknownDestination);
    }
}
