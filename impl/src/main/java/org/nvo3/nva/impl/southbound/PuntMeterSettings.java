/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

/**
 * The meter NVA puts on every switch to limit the packets its flows punt to the controller.
 *
 * @param ratePps packets per second the switch may send to the NVA through the meter; 0 puts no meter
 *                (punts are unlimited)
 * @param burstPackets packets the switch may send at once above the rate; 0 means a tenth of the rate
 *                     (at least 1)
 */
public record PuntMeterSettings(long ratePps, long burstPackets) {
    /** The meter's id on every switch. */
    public static final long METER_ID = 1;

    /** 1000 packets per second, bursts of 100. */
    public static final PuntMeterSettings DEFAULT = new PuntMeterSettings(1000, 0);

    /** No meter. */
    public static final PuntMeterSettings NONE = new PuntMeterSettings(0, 0);

    public PuntMeterSettings {
        if (ratePps < 0 || ratePps > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("punt rate " + ratePps + " pps is outside 0..4294967295");
        }
        if (burstPackets < 0 || burstPackets > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("punt burst " + burstPackets + " is outside 0..4294967295");
        }
        if (burstPackets == 0 && ratePps > 0) {
            burstPackets = Math.max(1, ratePps / 10);
        }
    }

    /**
     * Tells whether NVA meters punts at all.
     *
     * @return false when the rate is 0
     */
    public boolean enabled() {
        return ratePps > 0;
    }
}
