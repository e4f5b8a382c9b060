/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.mobility.MobilityFabric;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocationBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Rows read back are the records that were written: every trigger and migration state, with and without the
 * optional leaves, at nanosecond times; a row that is no record is refused naming the row and the leaf.
 */
public class MobilityRecordsTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.123456789Z");

    @Test
    public void locationsRoundTrip() {
        final var vm = MobilityFabric.fabric().vm(MobilityFabric.VM1).orElseThrow();
        final var locations = new ArrayList<VmLocation>();
        for (var trigger : MoveTrigger.values()) {
            locations.add(new VmLocation(vm.id(), MobilityFabric.N2, new PortName("vm1-eth0"), 7, trigger, AT,
                false));
        }
        locations.add(new VmLocation(vm.id(), MobilityFabric.N3, null, 0, MoveTrigger.ORCHESTRATOR, AT, true));
        for (var location : locations) {
            final var row = MobilityRows.locationRow(vm, location, 12L, List.of());
            assertEquals(location, MobilityRecords.location(row));
            assertEquals(Long.valueOf(12), MobilityRecords.ofport(row));
            assertEquals(Set.of(), MobilityRecords.gateways(row));
        }
        assertEquals(null, MobilityRecords.ofport(MobilityRows.locationRow(vm, locations.getFirst(), null,
            List.of())));
        final var gateways = List.of(MobilityFabric.N1, MobilityFabric.N3);
        assertEquals(Set.copyOf(gateways), MobilityRecords.gateways(MobilityRows.locationRow(vm, locations.getFirst(),
            null, gateways)));
    }

    @Test
    public void migrationsRoundTrip() {
        final var vm = MobilityFabric.VM1;
        final var later = AT.plusMillis(3);
        final var migrations = new ArrayList<Migration>();
        for (var state : MigrationState.values()) {
            final var reason = state == MigrationState.REJECTED || state == MigrationState.FAILED ? "why" : "";
            migrations.add(Migration.start("vm1@2", vm, MobilityFabric.N1, MobilityFabric.N2,
                MoveTrigger.RARP, state, AT, reason));
        }
        migrations.add(Migration.start("vm1@1", vm, null, MobilityFabric.N2, MoveTrigger.ORCHESTRATOR,
            MigrationState.ANNOUNCED, AT, ""));
        final var moving = Migration.start("vm1@3", vm, MobilityFabric.N1, MobilityFabric.N2,
            MoveTrigger.GRATUITOUS_ARP, MigrationState.ANNOUNCED, AT, "")
            .moving(MobilityFabric.N1, MoveTrigger.GRATUITOUS_ARP, AT, AT.plusSeconds(30));
        migrations.add(moving);
        migrations.add(moving.converged(later));
        migrations.add(moving.converged(later).redirectExpired(42));
        migrations.add(moving.converged(later).redirectExpired(42, new OldLocationCounts(7, 5)));
        for (var migration : migrations) {
            assertEquals(migration, MobilityRecords.migration(MobilityRows.migrationRow(migration)));
        }
    }

    @Test
    public void oldLocationCountsArePublishedOnceTheRedirectExpiredWhenPacketsReachedNva() {
        final var converged = Migration.start("vm1@3", MobilityFabric.VM1, MobilityFabric.N1, MobilityFabric.N2,
            MoveTrigger.GRATUITOUS_ARP, MigrationState.ANNOUNCED, AT, "")
            .moving(MobilityFabric.N1, MoveTrigger.GRATUITOUS_ARP, AT, AT.plusSeconds(30)).converged(AT);

        final var counted = MobilityRows.migrationRow(converged.redirectExpired(9, new OldLocationCounts(7, 5)));
        assertEquals(9, counted.getRedirectedPackets().longValue());
        assertEquals(7, counted.getOldLocationPackets().longValue());
        assertEquals(5, counted.getIcmpUnreachableSent().longValue());

        // another policy (nothing reached NVA), or a redirect still running: no leaves
        final var redirected = MobilityRows.migrationRow(converged.redirectExpired(9));
        assertEquals(9, redirected.getRedirectedPackets().longValue());
        assertNull(redirected.getOldLocationPackets());
        assertNull(redirected.getIcmpUnreachableSent());
        assertNull(MobilityRows.migrationRow(converged).getOldLocationPackets());
    }

    @Test
    public void aRowThatIsNoRecordIsRefusedByName() {
        final var vm = MobilityFabric.fabric().vm(MobilityFabric.VM1).orElseThrow();
        final var row = MobilityRows.locationRow(vm, new VmLocation(vm.id(), MobilityFabric.N1, null, 1,
            MoveTrigger.TRAFFIC, AT, false), null, List.of());
        final var noNve = assertThrows(IllegalArgumentException.class,
            () -> MobilityRecords.location(new VmLocationBuilder(row).setNve(null).build()));
        assertEquals("state/vm-location vm1 has no nve", noNve.getMessage());
        final var badTime = assertThrows(IllegalArgumentException.class,
            () -> MobilityRecords.location(new VmLocationBuilder(row).setSince(new DateAndTime(
                "2026-11-22T10:00:00+25:00")).build()));
        assertTrue(badTime.getMessage(), badTime.getMessage().contains("since"));

        final var migration = MobilityRows.migrationRow(Migration.start("vm1@1", vm.id(), null, MobilityFabric.N2,
            MoveTrigger.ORCHESTRATOR, MigrationState.ANNOUNCED, AT, ""));
        final var noState = assertThrows(IllegalArgumentException.class,
            () -> MobilityRecords.migration(new MigrationBuilder(migration).setState(null).build()));
        assertEquals("state/migration vm1@1 has no state", noState.getMessage());
        final var moreSentThanReceived = assertThrows(IllegalArgumentException.class,
            () -> MobilityRecords.migration(new MigrationBuilder(migration).setOldLocationPackets(Uint64.ONE)
                .setIcmpUnreachableSent(Uint64.TWO).build()));
        assertTrue(moreSentThanReceived.getMessage(),
            moreSentThanReceived.getMessage().startsWith("state/migration vm1@1: old-location counts"));
    }
}
