/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM4;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;
import static org.nvo3.nva.impl.mobility.MobilityFabric.settings;

import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;

public class MoveDeciderTest {
    @Test
    public void aMoveTakesTheNextSequenceOpensAMigrationAndARedirectAtTheOldNve() {
        final var outcome = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM2, N3, "vm2-new", T0));

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        final var location = outcome.next().location(VM2).orElseThrow();
        assertEquals(N3, location.nve());
        assertEquals(new PortName("vm2-new"), location.port());
        assertEquals("the intent placement is sequence 0", 1, location.sequence());
        assertEquals(MoveTrigger.GRATUITOUS_ARP, location.learnedFrom());
        assertEquals(N2, outcome.previous().nve());

        final var migration = outcome.migration();
        assertEquals("vm2@1", migration.id());
        assertEquals(N2, migration.fromNve());
        assertEquals(N3, migration.toNve());
        assertEquals(MigrationState.CONVERGING, migration.state());
        assertEquals(T0, migration.detectedAt());
        assertEquals(T0.plusSeconds(30), migration.redirectUntil());
        assertEquals(migration, outcome.next().migration("vm2@1").orElseThrow());

        final var redirect = outcome.next().redirect(VM2, N2).orElseThrow();
        assertEquals("vm2@1", redirect.migrationId());
        assertEquals(T0.plusSeconds(30), redirect.until());
    }

    @Test
    public void theFirstAnnouncementOfAnUnplacedVmPlacesItWithoutRedirect() {
        final var outcome = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM4, N1, "vm4-eth0", T0));

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        assertNull(outcome.previous());
        assertNull(outcome.migration().fromNve());
        assertNull(outcome.migration().redirectUntil());
        assertTrue(outcome.next().redirects().isEmpty());
    }

    @Test
    public void anAnnouncementWhereTheVmAlreadyIsChangesNothing() {
        final var outcome = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM1, N1, "vm1-eth0", T0));

        assertEquals(MoveVerdict.UNCHANGED, outcome.verdict());
        assertSame(MobilityState.EMPTY, outcome.next());
        assertFalse(outcome.changesForwarding());
    }

    @Test
    public void aPortOnTheSameNveIsLearnedWithoutMigration() {
        final var placed = MoveDecider.decide(fabric(), MobilityState.EMPTY,
            new MoveRequest(VM4, N1, null, MoveTrigger.ORCHESTRATOR, T0)).next();
        final var outcome = MoveDecider.decide(fabric(), placed, garp(VM4, N1, "vm4-eth0", T0.plusSeconds(1)));

        assertEquals(MoveVerdict.PORT_LEARNED, outcome.verdict());
        assertNull(outcome.migration());
        assertEquals(new PortName("vm4-eth0"), outcome.next().location(VM4).orElseThrow().port());
        assertEquals(2, outcome.next().location(VM4).orElseThrow().sequence());
    }

    @Test
    public void undeclaredVmsAndNvesAreRejectedWithAReason() {
        final var unknownVm = MoveDecider.decide(fabric(), MobilityState.EMPTY,
            garp(new VmId("ghost"), N1, "p", T0));
        assertEquals(MoveVerdict.REJECTED, unknownVm.verdict());
        assertEquals("VM ghost is not declared in fabric/vm", unknownVm.reason());
        assertSame(MobilityState.EMPTY, unknownVm.next());

        final var unknownNve = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM1, new NveId("n9"), "p", T0));
        assertEquals("NVE n9 is not declared in fabric/nve", unknownNve.reason());
    }

    @Test
    public void aChainOfMovesKeepsEveryOldNveRedirectingAndAMoveBackEndsThatNvesRedirect() {
        var state = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM2, N3, "a", T0)).next();
        state = MoveDecider.decide(fabric(), state, garp(VM2, N1, "b", T0.plusSeconds(1))).next();
        assertEquals(2, state.redirects().size());
        assertTrue(state.redirect(VM2, N2).isPresent());
        assertTrue(state.redirect(VM2, N3).isPresent());
        assertEquals(2, state.location(VM2).orElseThrow().sequence());

        state = MoveDecider.decide(fabric(), state, garp(VM2, N2, "c", T0.plusSeconds(2))).next();
        assertTrue("back on n2: n2 delivers, it does not redirect", state.redirect(VM2, N2).isEmpty());
        assertTrue(state.redirect(VM2, N3).isPresent());
        assertTrue(state.redirect(VM2, N1).isPresent());
    }

    @Test
    public void theMoveBeyondDadMaxMovesFreezesTheLocationAndLaterMovesAreRejectedUntilCleared() {
        final var fabric = fabric(settings(2, false));
        var state = MoveDecider.decide(fabric, MobilityState.EMPTY, garp(VM2, N3, "a", T0)).next();
        state = MoveDecider.decide(fabric, state, garp(VM2, N1, "b", T0.plusSeconds(10))).next();

        final var third = MoveDecider.decide(fabric, state, garp(VM2, N2, "c", T0.plusSeconds(20)));
        assertEquals(MoveVerdict.FROZEN, third.verdict());
        assertTrue(third.reason(), third.reason().contains("moved 2 times within 180 s (dad-max-moves 2)"));
        final var frozen = third.next().location(VM2).orElseThrow();
        assertTrue(frozen.frozen());
        assertEquals("frozen where it was", N1, frozen.nve());
        assertEquals(MigrationState.REJECTED, third.next().migration("vm2@rejected").orElseThrow().state());

        final var fourth = MoveDecider.decide(fabric, third.next(), garp(VM2, N2, "c", T0.plusSeconds(30)));
        assertEquals(MoveVerdict.REJECTED, fourth.verdict());
        assertTrue(fourth.reason(), fourth.reason().contains("is frozen on NVE n1"));

        final var cleared = MobilityTransitions.unfreeze(fourth.next(), VM2);
        final var fifth = MoveDecider.decide(fabric, cleared, garp(VM2, N2, "c", T0.plusSeconds(40)));
        assertEquals(MoveVerdict.MOVED, fifth.verdict());
        assertEquals(List.of(T0.plusSeconds(40)), fifth.next().moveTimes(VM2));
    }

    @Test
    public void movesOutsideTheDadWindowDoNotCount() {
        final var fabric = fabric(settings(1, false));
        final var state = MoveDecider.decide(fabric, MobilityState.EMPTY, garp(VM2, N3, "a", T0)).next();
        assertEquals(MoveVerdict.FROZEN,
            MoveDecider.decide(fabric, state, garp(VM2, N1, "b", T0.plusSeconds(179))).verdict());
        assertEquals(MoveVerdict.MOVED,
            MoveDecider.decide(fabric, state, garp(VM2, N1, "b", T0.plusSeconds(180))).verdict());
    }

    @Test
    public void withRequireAnnouncementOnlyAnnouncedMovesAreAccepted() {
        final var fabric = fabric(settings(5, true));
        final var unannounced = MoveDecider.decide(fabric, MobilityState.EMPTY, garp(VM2, N3, "a", T0));
        assertEquals(MoveVerdict.REJECTED, unannounced.verdict());
        assertEquals("require-announcement is set and no migrate-vm announced VM vm2 on NVE n3",
            unannounced.reason());
        assertTrue(unannounced.next().location(VM2).isEmpty());

        final var announced = MobilityTransitions.announce(fabric, MobilityState.EMPTY, VM2, N3, null, T0);
        assertEquals("", announced.refusal());
        assertEquals(MigrationState.ANNOUNCED, announced.migration().state());
        final var elsewhere = MoveDecider.decide(fabric, announced.next(), garp(VM2, N1, "a", T0.plusSeconds(1)));
        assertEquals("announced to n3, not n1", MoveVerdict.REJECTED, elsewhere.verdict());

        final var completed = MoveDecider.decide(fabric, announced.next(), garp(VM2, N3, "a", T0.plusSeconds(2)));
        assertEquals(MoveVerdict.MOVED, completed.verdict());
        assertEquals("the announced record continues", announced.migration().id(), completed.migration().id());
        assertEquals(MigrationState.CONVERGING, completed.migration().state());
        assertEquals(MoveTrigger.GRATUITOUS_ARP, completed.migration().trigger());
        assertTrue(completed.next().announcement(VM2).isEmpty());
    }

    @Test
    public void staleLocationUpdatesAreFencedOut() {
        final var state = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM2, N3, "a", T0)).next();
        final var current = state.location(VM2).orElseThrow();
        final var stale = new org.nvo3.nva.api.VmLocation(VM2, N1, null, current.sequence(),
            MoveTrigger.RARP, T0.plusSeconds(5), false);

        assertTrue("same sequence is stale", state.offer(stale).isEmpty());
        final var newer = new org.nvo3.nva.api.VmLocation(VM2, N1, null, current.sequence() + 1,
            MoveTrigger.RARP, T0.plusSeconds(5), false);
        assertEquals(N1, state.offer(newer).orElseThrow().location(VM2).orElseThrow().nve());
    }

    @Test
    public void convergenceAndRedirectExpiryCompleteTheMigrationRecord() {
        final var moved = MoveDecider.decide(fabric(), MobilityState.EMPTY, garp(VM2, N3, "a", T0));
        var state = MobilityTransitions.converged(moved.next(), "vm2@1", T0.plusMillis(3));
        final var converged = state.migration("vm2@1").orElseThrow();
        assertEquals(MigrationState.CONVERGED, converged.state());
        assertEquals(3_000, converged.convergence().orElseThrow().toNanos() / 1_000);

        state = MobilityTransitions.redirectExpired(state, VM2, N2, 17);
        final var expired = state.migration("vm2@1").orElseThrow();
        assertEquals(MigrationState.REDIRECT_EXPIRED, expired.state());
        assertEquals(17, expired.redirectedPackets());
        assertTrue(state.redirects().isEmpty());
        assertSame("a second removal changes nothing", state, MobilityTransitions.redirectExpired(state, VM2, N2, 4));
    }
}
