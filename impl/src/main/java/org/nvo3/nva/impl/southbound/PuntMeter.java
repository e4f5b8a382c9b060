/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jdt.annotation.Nullable;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterFeatures;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFMeterModFailedCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the punt meter on a switch: reads its meter features, then METER_MOD ADD of meter
 * {@link PuntMeterSettings#METER_ID} (packets per second, one DROP band), or MODIFY when the switch
 * answers METER_EXISTS (a meter left from an earlier connection). A switch without usable meters gets a
 * WARN and no meter: its flows punt unmetered; the flow sync is never failed for it.
 */
final class PuntMeter {
    private static final Logger LOG = LoggerFactory.getLogger(PuntMeter.class);
    private static final OFFactory FACTORY = VersionNegotiation.FACTORY;
    /** Bits of ofp_meter_features.band_types and .capabilities (OpenFlow 1.3 section 7.3.5.12). */
    private static final long BAND_DROP = 1L << 1;
    private static final long FLAG_PKTPS = 1L << 1;
    private static final long FLAG_BURST = 1L << 2;
    private static final long FLAG_STATS = 1L << 3;

    private PuntMeter() {
        // no instances
    }

    /**
     * Ensures the punt meter exists on a switch as configured.
     *
     * @param connection the switch
     * @param settings the meter's rate and burst
     * @return the meter id flows may use, or null when the switch has none (or the settings disable it); fails
     *     only when the connection closes
     */
    static CompletableFuture<@Nullable Long> ensure(final SwitchConnection connection,
            final PuntMeterSettings settings) {
        requireNonNull(connection);
        if (!settings.enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.meterFeatures()
            .handle((features, failure) -> {
                if (failure != null) {
                    rethrowIfDisconnected(failure);
                    LOG.warn("{} refused the meter features request ({}): punts to the NVA are not rate "
                        + "limited on it", connection, messageOf(failure));
                    return null;
                }
                final var problem = unusable(features);
                if (problem != null) {
                    LOG.warn("{} supports no punt meter ({}): punts to the NVA are not rate limited on it",
                        connection, problem);
                    return null;
                }
                return features;
            })
            .thenCompose(features -> features == null ? CompletableFuture.<@Nullable Long>completedFuture(null)
                : install(connection, settings, flagsFor(features)));
    }

    static OFMeterMod meterMod(final OFMeterModCommand command, final long xid, final Set<OFMeterFlags> flags,
            final PuntMeterSettings settings) {
        return FACTORY.buildMeterMod()
            .setXid(xid)
            .setCommand(command)
            .setMeterId(PuntMeterSettings.METER_ID)
            .setFlags(flags)
            .setMeters(List.of(FACTORY.meterBands().drop(settings.ratePps(), settings.burstPackets())))
            .build();
    }

    private static @Nullable String unusable(final OFMeterFeatures features) {
        if (features.getMaxMeter() < PuntMeterSettings.METER_ID) {
            return "max_meter " + features.getMaxMeter();
        }
        if ((features.getBandTypes() & BAND_DROP) == 0) {
            return "no DROP band, band_types 0x" + Long.toHexString(features.getBandTypes());
        }
        if ((features.getCapabilities() & FLAG_PKTPS) == 0) {
            return "no packets-per-second meters, capabilities 0x" + Long.toHexString(features.getCapabilities());
        }
        return null;
    }

    private static Set<OFMeterFlags> flagsFor(final OFMeterFeatures features) {
        final var flags = EnumSet.of(OFMeterFlags.PKTPS);
        if ((features.getCapabilities() & FLAG_BURST) != 0) {
            flags.add(OFMeterFlags.BURST);
        }
        if ((features.getCapabilities() & FLAG_STATS) != 0) {
            flags.add(OFMeterFlags.STATS);
        }
        return flags;
    }

    private static CompletableFuture<@Nullable Long> install(final SwitchConnection connection,
            final PuntMeterSettings settings, final Set<OFMeterFlags> flags) {
        return connection.sendChecked(meterMod(OFMeterModCommand.ADD, connection.nextXid(), flags, settings))
            .handle((ok, failure) -> {
                if (failure == null) {
                    LOG.info("{}: punt meter {} added ({} pps, burst {})", connection,
                        PuntMeterSettings.METER_ID, settings.ratePps(), settings.burstPackets());
                    return CompletableFuture.<@Nullable Long>completedFuture(PuntMeterSettings.METER_ID);
                }
                rethrowIfDisconnected(failure);
                if (isMeterExists(failure)) {
                    return connection.sendChecked(meterMod(OFMeterModCommand.MODIFY, connection.nextXid(), flags,
                        settings)).handle((modified, modifyFailure) -> modified(connection, settings, modifyFailure));
                }
                LOG.warn("{} refused the punt meter ({}): punts to the NVA are not rate limited on it",
                    connection, messageOf(failure));
                return CompletableFuture.<@Nullable Long>completedFuture(null);
            })
            .thenCompose(next -> next);
    }

    private static @Nullable Long modified(final SwitchConnection connection, final PuntMeterSettings settings,
            final @Nullable Throwable failure) {
        if (failure == null) {
            LOG.info("{}: punt meter {} existed, modified ({} pps, burst {})", connection,
                PuntMeterSettings.METER_ID, settings.ratePps(), settings.burstPackets());
            return PuntMeterSettings.METER_ID;
        }
        rethrowIfDisconnected(failure);
        LOG.warn("{} refused to modify its existing meter {} ({}): punts are not rate limited on it",
            connection, PuntMeterSettings.METER_ID, messageOf(failure));
        return null;
    }

    private static boolean isMeterExists(final Throwable failure) {
        return causeOf(failure) instanceof SwitchRejectedException rejected
            && OFMeterModFailedCode.METER_EXISTS.name().equals(rejected.error().code());
    }

    private static void rethrowIfDisconnected(final Throwable failure) {
        if (causeOf(failure) instanceof SwitchDisconnectedException disconnected) {
            throw new CompletionException(disconnected);
        }
    }

    private static Throwable causeOf(final Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String messageOf(final Throwable failure) {
        final var cause = causeOf(failure);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
