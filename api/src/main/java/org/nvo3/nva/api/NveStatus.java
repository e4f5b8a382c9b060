/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What NVA knows of one NVE's OpenFlow connection.
 *
 * @param id the fabric/nve id, or {@code dpid:<16 hex digits>} for a switch no fabric/nve names
 * @param datapathId the switch's datapath id
 * @param connected whether an OpenFlow session is up
 * @param ofVersion the negotiated OpenFlow version, e.g. "1.3", empty when never connected
 * @param flowCount the number of flows NVA has installed on it
 * @param lastSync when the last synchronisation was acknowledged (barrier reply), or null
 */
public record NveStatus(String id, DatapathId datapathId, boolean connected, String ofVersion, long flowCount,
        @Nullable Instant lastSync) {
    public NveStatus {
        requireNonNull(id);
        requireNonNull(datapathId);
        requireNonNull(ofVersion);
        if (flowCount < 0) {
            throw new IllegalArgumentException("flow count must not be negative, not " + flowCount);
        }
    }

    /**
     * The state/nve id of a connected switch that no fabric/nve entry names.
     *
     * @param datapathId its datapath id
     * @return {@code dpid:} and sixteen hex digits
     */
    public static String unknownId(final DatapathId datapathId) {
        return "dpid:" + datapathId;
    }
}
