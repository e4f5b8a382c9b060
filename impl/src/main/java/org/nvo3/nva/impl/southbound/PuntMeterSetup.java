/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the punt meter ({@link PuntMeter}) on a switch that connected, and records it on the switch once it
 * is dealt with: only then are the switch's flows, which use it when the switch has it, synchronised.
 */
final class PuntMeterSetup {
    private static final Logger LOG = LoggerFactory.getLogger(PuntMeterSetup.class);

    private final PuntMeterSettings settings;

    PuntMeterSetup(final PuntMeterSettings settings) {
        this.settings = requireNonNull(settings);
    }

    /**
     * Sets up the punt meter on a switch.
     *
     * @param connected the switch
     * @param whenDealtWith runs once the meter is set up or found unusable, not when the switch went away
     */
    void setUp(final ConnectedSwitch connected, final Runnable whenDealtWith) {
        final var connection = connected.connection();
        PuntMeter.ensure(connection, settings).whenComplete((meter, failure) -> {
            if (failure != null) {
                LOG.debug("Switch {} went away while its punt meter was set up", connection.datapathId(), failure);
                return;
            }
            connected.meterSetUp(meter);
            whenDealtWith.run();
        });
    }
}
