/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM4;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmLocation;

/**
 * What a restart restores: locations as they were, interrupted migrations failed, redirects whose time is not
 * over, and sequences that continue above every migration id used.
 */
public class RestoredMobilityTest {
    /** The restart: 10 s after the first move. */
    private static final Instant NOW = T0.plusSeconds(10);

    /** vm1 moved n1 -> n2 (redirect at n1 until T0 + 30 s), then n2 -> n3 at T0 + 5 s, and back... */
    private final VmLocation vm1AtN3 = new VmLocation(VM1, N3, new PortName("vm1-n3"), 2, MoveTrigger.GRATUITOUS_ARP,
        T0.plusSeconds(5), false);
    private final Migration vm1First = Migration.start("vm1@1", VM1, N1, N2, MoveTrigger.GRATUITOUS_ARP,
        MigrationState.ANNOUNCED, T0, "").moving(N1, MoveTrigger.GRATUITOUS_ARP, T0, T0.plusSeconds(30))
        .converged(T0.plusMillis(2));
    private final Migration vm1Second = Migration.start("vm1@2", VM1, N2, N3, MoveTrigger.GRATUITOUS_ARP,
        MigrationState.ANNOUNCED, T0, "").moving(N2, MoveTrigger.GRATUITOUS_ARP, T0.plusSeconds(5),
            T0.plusSeconds(35));
    /** vm2 (at its intent placement n2) was announced to n3 and had not moved. */
    private final Migration vm2Announced = Migration.start("vm2@1", VM2, N2, N3, MoveTrigger.ORCHESTRATOR,
        MigrationState.ANNOUNCED, T0, "");
    /** vm3 moved n1 -> n2 long ago: its redirect is over, though no flow removal told so. */
    private final VmLocation vm3AtN2 = new VmLocation(VM3, N2, new PortName("vm3-n2"), 1, MoveTrigger.RARP,
        T0.minusSeconds(100), false);
    private final Migration vm3Converged = Migration.start("vm3@1", VM3, N1, N2, MoveTrigger.RARP,
        MigrationState.ANNOUNCED, T0, "").moving(N1, MoveTrigger.RARP, T0.minusSeconds(100), T0.minusSeconds(70))
        .converged(T0.minusSeconds(99));
    private final Migration vm4Rejected = Migration.start("vm4@rejected", VM4, null, N1, MoveTrigger.TRAFFIC,
        MigrationState.REJECTED, T0, "require-announcement");

    private final MobilityState restored = RestoredMobility.state(List.of(vm1AtN3, vm3AtN2),
        List.of(vm1First, vm1Second, vm2Announced, vm3Converged, vm4Rejected), NOW);

    @Test
    public void locationsAndFinishedMigrationsAreAsPublished() {
        assertEquals(vm1AtN3, restored.location(VM1).orElseThrow());
        assertEquals(vm3AtN2, restored.location(VM3).orElseThrow());
        assertEquals(2, restored.locations().size());
        assertEquals(vm1First, restored.migration("vm1@1").orElseThrow());
        assertEquals(vm3Converged, restored.migration("vm3@1").orElseThrow());
        assertEquals(vm4Rejected, restored.migration("vm4@rejected").orElseThrow());
        assertTrue(restored.announcements().isEmpty());
    }

    @Test
    public void interruptedMigrationsFail() {
        final var converging = restored.migration("vm1@2").orElseThrow();
        assertEquals(MigrationState.FAILED, converging.state());
        assertEquals(RestoredMobility.INTERRUPTED, converging.reason());
        assertEquals(vm1Second.redirectUntil(), converging.redirectUntil());
        final var announced = restored.migration("vm2@1").orElseThrow();
        assertEquals(MigrationState.FAILED, announced.state());
        assertEquals(RestoredMobility.INTERRUPTED, announced.reason());
    }

    @Test
    public void redirectsWhoseTimeIsNotOverAreActiveAgain() {
        assertEquals(Set.of(new ActiveRedirect(VM1, N1, "vm1@1", T0.plusSeconds(30)),
            new ActiveRedirect(VM1, N2, "vm1@2", T0.plusSeconds(35))), Set.copyOf(restored.redirects()));
        // vm3's ended at T0 - 70 s; none where the VM is now
        assertTrue(restored.redirect(VM3, N1).isEmpty());
    }

    @Test
    public void aRedirectAtTheNveTheVmIsBackOnIsNotRestored() {
        final var back = new VmLocation(VM1, N1, new PortName("vm1-back"), 3, MoveTrigger.GRATUITOUS_ARP,
            T0.plusSeconds(8), false);
        final var state = RestoredMobility.state(List.of(back), List.of(vm1First, vm1Second), NOW);
        assertEquals(List.of(new ActiveRedirect(VM1, N2, "vm1@2", T0.plusSeconds(35))),
            List.copyOf(state.redirects()));
    }

    @Test
    public void sequencesContinueAboveEveryMigrationIdUsed() {
        // vm1's location has sequence 2 like its last migration: the next move is vm1@3
        assertEquals(0, restored.sequenceFloor(VM1));
        final var vm1Move = MoveDecider.decide(fabric(), restored, garp(VM1, N1, "vm1-eth0", NOW));
        assertEquals("vm1@3", vm1Move.migration().id());
        assertEquals(3, vm1Move.next().location(VM1).orElseThrow().sequence());

        // vm2 has no learned location, but vm2@1 was used by the failed announcement
        assertEquals(1, restored.sequenceFloor(VM2));
        final var vm2Move = MoveDecider.decide(fabric(), restored, garp(VM2, N3, "vm2-n3", NOW));
        assertEquals("vm2@2", vm2Move.migration().id());
        assertEquals(MigrationState.FAILED, vm2Move.next().migration("vm2@1").orElseThrow().state());
        final var vm2Announce = MobilityTransitions.announce(fabric(), restored, VM2, N1, null, NOW);
        assertEquals("vm2@2", vm2Announce.migration().id());

        // a rejection record uses no sequence
        assertEquals(0, restored.sequenceFloor(VM4));
    }
}
