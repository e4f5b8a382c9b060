/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.Nve;

/**
 * One connected switch: its connection, the fabric/nve entry bound to it ({@link SwitchBindings}), its punt
 * meter ({@link PuntMeterSetup}) and its synchronisation queue ({@link SwitchSyncQueue}).
 */
final class ConnectedSwitch {
    private final SwitchConnection connection;
    private final SwitchSyncQueue syncQueue;
    private volatile @Nullable Nve nve;
    /** Set once the punt meter was dealt with: no flow is synchronised before. */
    private volatile boolean meterChecked;
    private volatile @Nullable Long punterMeter;

    ConnectedSwitch(final SwitchConnection connection, final Clock clock, final LongSupplier nanoTime) {
        this.connection = requireNonNull(connection);
        syncQueue = new SwitchSyncQueue(connection, clock, nanoTime);
    }

    SwitchConnection connection() {
        return connection;
    }

    DatapathId datapathId() {
        return connection.datapathId();
    }

    SwitchSyncQueue syncQueue() {
        return syncQueue;
    }

    /**
     * Returns the fabric/nve entry the switch is bound to.
     *
     * @return the entry, or null when no fabric/nve names the switch
     */
    @Nullable Nve nve() {
        return nve;
    }

    void bind(final @Nullable Nve entry) {
        nve = entry;
    }

    /**
     * Tells whether the punt meter was dealt with (set up, or found unusable): before, no flow is synchronised.
     *
     * @return true once dealt with
     */
    boolean meterChecked() {
        return meterChecked;
    }

    /**
     * Returns the punt meter the switch's flows use.
     *
     * @return the meter id, or null when the switch has none (or it is not dealt with yet)
     */
    @Nullable Long punterMeter() {
        return punterMeter;
    }

    /**
     * The punt meter was dealt with: from now on the switch's flows are synchronised, using this meter.
     *
     * @param meter the meter id, or null when the switch has none
     */
    void meterSetUp(final @Nullable Long meter) {
        punterMeter = meter;
        meterChecked = true;
    }
}
