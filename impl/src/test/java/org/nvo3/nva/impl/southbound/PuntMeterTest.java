/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.failureOf;

import java.util.EnumSet;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBandDrop;

public class PuntMeterTest {
    @Rule
    public final SouthboundFixture fixture = new SouthboundFixture();

    @Test
    public void addsTheMeterWithOneDropBand() throws Exception {
        final var connected = fixture.connect(1);
        assertEquals(Long.valueOf(PuntMeterSettings.METER_ID), await(PuntMeter.ensure(connected.connection(),
            PuntMeterSettings.DEFAULT)));
        final var meter = connected.emulated().meters().meter(PuntMeterSettings.METER_ID).orElseThrow();
        assertEquals(EnumSet.of(OFMeterFlags.PKTPS, OFMeterFlags.BURST, OFMeterFlags.STATS), meter.getFlags());
        final var band = (OFMeterBandDrop) meter.getMeters().getFirst();
        assertEquals(1, meter.getMeters().size());
        assertEquals(1000, band.getRate());
        assertEquals("a tenth of the rate", 100, band.getBurstSize());
        assertEquals(List.of(OFMeterModCommand.ADD), commands(connected.emulated()));
    }

    @Test
    public void modifiesAMeterLeftFromAnEarlierConnection() throws Exception {
        final var emulated = fixture.emulated(1).build();
        emulated.meters().preload(PuntMeter.meterMod(OFMeterModCommand.ADD, 1, EnumSet.of(OFMeterFlags.PKTPS),
            new PuntMeterSettings(5, 1)));
        fixture.track(emulated);
        emulated.connect();
        final var connection = fixture.listener().awaitReady(emulated.datapathId());

        assertEquals(Long.valueOf(1), await(PuntMeter.ensure(connection, new PuntMeterSettings(300, 20))));
        assertEquals(List.of(OFMeterModCommand.ADD, OFMeterModCommand.MODIFY), commands(emulated));
        final var band = (OFMeterBandDrop) emulated.meters().meter(1).orElseThrow().getMeters().getFirst();
        assertEquals(300, band.getRate());
        assertEquals(20, band.getBurstSize());
    }

    @Test
    public void aSwitchWithoutMetersGetsNoneAndNoFailure() throws Exception {
        final var connected = fixture.connect(fixture.emulated(1).maxMeter(0));
        assertNull(await(PuntMeter.ensure(connected.connection(), PuntMeterSettings.DEFAULT)));
        assertEquals("no meter-mod to a switch without meters", List.of(), commands(connected.emulated()));
        assertTrue(connected.emulated().received().stream().anyMatch(OFMeterFeaturesStatsRequest.class::isInstance));
    }

    @Test
    public void rateZeroMeansNoMeterAndNoQuestion() throws Exception {
        final var connected = fixture.connect(1);
        assertNull(await(PuntMeter.ensure(connected.connection(), PuntMeterSettings.NONE)));
        await(connected.connection().barrier());
        assertTrue(connected.emulated().received().stream().noneMatch(OFMeterFeaturesStatsRequest.class::isInstance));
    }

    @Test
    public void failsWhenTheSwitchGoesAway() throws Exception {
        final var connected = fixture.connect(1);
        connected.emulated().stopAnswering();
        final var ensured = PuntMeter.ensure(connected.connection(), PuntMeterSettings.DEFAULT);
        connected.emulated().disconnect();
        failureOf(ensured, SwitchDisconnectedException.class);
    }

    private static List<OFMeterModCommand> commands(final EmulatedSwitch emulated) {
        return emulated.meterMods().stream().map(OFMeterMod::getCommand).toList();
    }
}
