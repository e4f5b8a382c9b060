/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.SettingsBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;

/**
 * The southbound end to end against emulated switches and a real in-memory datastore: switches bind
 * to fabric/nve by datapath id, get the compiled flows, appear in state/nve, and a reconnect re-syncs
 * with no flow-mod at all when nothing changed.
 */
public class SouthboundComponentTest extends AbstractSouthboundComponentTest {


    @Test
    public void bindsByDatapathIdProgramsAndReports() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).connect();
        final var stranger = EmulatedSwitch.builder(clients, southbound.address(), 0x77).connect();
        try {
            fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getLastSync).isPresent()
                && row("n1").orElseThrow().getLastSync() != null);
            final var synced = row("n1").orElseThrow();
            assertTrue(synced.getConnected());
            assertEquals("1.3", synced.getOfVersion());
            assertEquals(n1Flows(), synced.getFlowCount().intValue());
            assertEquals(n1Flows(), n1.table().flows().size());

            fixture.signal().await("stranger shown", () -> row("dpid:0000000000000077").isPresent());
            assertTrue(row("dpid:0000000000000077").orElseThrow().getConnected());
            assertEquals(0, stranger.flowModsTotal());
            // n2 is in fabric/nve but no switch connected
            assertFalse(row("n2").orElseThrow().getConnected());
        } finally {
            n1.close();
            stranger.close();
        }
        fixture.signal().await("n1 disconnected", () -> !row("n1").orElseThrow().getConnected());
        fixture.signal().await("stranger row withdrawn", () -> row("dpid:0000000000000077").isEmpty());
    }

    @Test
    public void reconnectWithNothingChangedSendsNoFlowMod() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).connect();
        try {
            fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getFlowCount).isPresent()
                && row("n1").orElseThrow().getFlowCount().intValue() == n1Flows());
            final var firstSync = row("n1").orElseThrow().getLastSync();
            assertEquals(n1Flows(), n1.flowMods(OFFlowModCommand.ADD));

            n1.disconnect();
            fixture.signal().await("n1 disconnected", () -> !row("n1").orElseThrow().getConnected());
            n1.connect().get(5, TimeUnit.SECONDS);
            fixture.signal().await("n1 synced again", () -> row("n1").orElseThrow().getConnected()
                && !firstSync.equals(row("n1").orElseThrow().getLastSync()));
            assertEquals("no flow-mod after the reconnect", n1Flows(), n1.flowModsTotal());
            assertEquals(n1Flows(), n1.table().flows().size());
        } finally {
            n1.close();
        }
    }

    @Test
    public void aSettingChangeModifiesOnlyTheFlowsItConcerns() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).connect();
        try {
            fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getFlowCount).isPresent()
                && row("n1").orElseThrow().getFlowCount().intValue() == n1Flows());
            final var before = n1.flowModsTotal();
            final var syncBefore = row("n1").orElseThrow().getLastSync();

            fixture.put(DataObjectIdentifier.builder(Fabric.class).child(Settings.class).build(),
                new SettingsBuilder().setUnknownDestination(Settings.UnknownDestination.Drop).build());
            fixture.signal().await("n1 re-synced", () -> !syncBefore.equals(row("n1").orElseThrow().getLastSync()));
            final int sent = n1.flowModsTotal() - before;
            assertTrue("only the misses that follow unknown-destination changed: " + sent,
                sent >= 1 && sent < n1Flows());
            assertEquals(n1Flows(), n1.table().flows().size());
        } finally {
            n1.close();
        }
    }
}
