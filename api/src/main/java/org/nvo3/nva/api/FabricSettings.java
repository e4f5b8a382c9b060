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
 * @param destinationDistribution which remote destinations NVEs get flows for
 * @param pullIdleSeconds the idle timeout of a destination flow an NVE pulled, 1..3600
 */
public record FabricSettings(int redirectSeconds, int dadMaxMoves, long dadWindowSeconds,
        UnknownDestination unknownDestination, boolean requireAnnouncement,
        DestinationDistribution destinationDistribution, int pullIdleSeconds) {
    /** The default idle timeout of a pulled destination flow. */
    public static final int DEFAULT_PULL_IDLE_SECONDS = 300;
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
        requireNonNull(destinationDistribution);
        if (pullIdleSeconds < 1 || pullIdleSeconds > 3600) {
            throw new IllegalArgumentException("pull-idle-seconds " + pullIdleSeconds + " is outside 1..3600");
        }
    }

    /**
     * Builds settings that distribute every destination to every NVE hosting its VNI ({@code push}).
     *
     * @param redirectSeconds how long the old NVE redirects packets in flight, 1..3600
     * @param dadMaxMoves moves within the window beyond which a VM is frozen, at least 1
     * @param dadWindowSeconds the duplicate-address detection window, at least 1
     * @param unknownDestination what NVEs do on a miss
     * @param requireAnnouncement whether only orchestrator-announced moves are accepted
     */
    public FabricSettings(final int redirectSeconds, final int dadMaxMoves, final long dadWindowSeconds,
            final UnknownDestination unknownDestination, final boolean requireAnnouncement) {
        this(redirectSeconds, dadMaxMoves, dadWindowSeconds, unknownDestination, requireAnnouncement,
            DestinationDistribution.PUSH, DEFAULT_PULL_IDLE_SECONDS);
    }

    /**
     * Returns these settings with another destination distribution.
     *
     * @param distribution the distribution
     * @param idleSeconds the idle timeout of a pulled destination flow, 1..3600
     * @return the settings
     */
    public FabricSettings withDistribution(final DestinationDistribution distribution, final int idleSeconds) {
        return new FabricSettings(redirectSeconds, dadMaxMoves, dadWindowSeconds, unknownDestination,
            requireAnnouncement, distribution, idleSeconds);
    }
}
