/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterFeatures;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModFailedCode;

/**
 * The meter table of an emulated switch, with OpenFlow 1.3 METER_MOD semantics: ADD of an existing id
 * fails with METER_EXISTS, MODIFY and DELETE of a missing one with UNKNOWN_METER, an id above max_meter
 * with INVALID_METER; a switch with max_meter 0 has no meters at all.
 */
final class EmulatedMeterTable {
    /** Bits of band_types and capabilities, as Open vSwitch 3.1 userspace reports them. */
    private static final long BAND_DROP = 1L << 1;
    private static final long CAPABILITIES = 0b1111;
    /** OFPM_MAX: the highest id of a real meter. */
    private static final long MAX_REAL_METER = 0xFFFF_0000L;

    private final long maxMeter;
    private final Map<Long, OFMeterMod> meters = new ConcurrentSkipListMap<>();

    EmulatedMeterTable(final long maxMeter) {
        this.maxMeter = maxMeter;
    }

    OFMeterFeatures features(final OFFactory factory) {
        return factory.buildMeterFeatures()
            .setMaxMeter(maxMeter)
            .setBandTypes(maxMeter == 0 ? 0 : BAND_DROP)
            .setCapabilities(maxMeter == 0 ? 0 : CAPABILITIES)
            .setMaxBands((short) (maxMeter == 0 ? 0 : 8))
            .setMaxColor((short) 0)
            .build();
    }

    /**
     * Applies a meter-mod.
     *
     * @return the error the switch answers, or empty when applied
     */
    Optional<OFMeterModFailedCode> apply(final OFMeterMod mod) {
        final long id = mod.getMeterId();
        if (id < 1 || id > Math.min(maxMeter, MAX_REAL_METER)) {
            return Optional.of(maxMeter == 0 ? OFMeterModFailedCode.OUT_OF_METERS : OFMeterModFailedCode.INVALID_METER);
        }
        return switch (mod.getCommand()) {
            case ADD -> meters.putIfAbsent(id, mod) == null ? Optional.empty()
                : Optional.of(OFMeterModFailedCode.METER_EXISTS);
            case MODIFY -> meters.replace(id, mod) != null ? Optional.empty()
                : Optional.of(OFMeterModFailedCode.UNKNOWN_METER);
            case DELETE -> meters.remove(id) != null ? Optional.empty()
                : Optional.of(OFMeterModFailedCode.UNKNOWN_METER);
        };
    }

    /**
     * Returns the meters' configurations, as METER_CONFIG answers them.
     *
     * @param meterId one meter, or OFPM_ALL (0xffffffff) for all
     */
    List<OFMeterConfig> configs(final long meterId, final OFFactory factory) {
        return meters.values().stream()
            .filter(mod -> meterId == 0xFFFF_FFFFL || mod.getMeterId() == meterId)
            .map(mod -> factory.buildMeterConfig().setMeterId(mod.getMeterId()).setFlags(mod.getFlags())
                .setEntries(mod.getMeters()).build())
            .toList();
    }

    /**
     * Returns the meter-mod that last set a meter.
     */
    Optional<OFMeterMod> meter(final long meterId) {
        return Optional.ofNullable(meters.get(meterId));
    }

    /**
     * Puts a meter as if an earlier controller had added it.
     */
    void preload(final OFMeterMod mod) {
        meters.put(mod.getMeterId(), mod);
    }
}
