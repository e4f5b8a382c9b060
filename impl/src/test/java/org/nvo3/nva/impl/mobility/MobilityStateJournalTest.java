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
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;

/**
 * A mobility state tells what changed since an earlier state of its own history, and only then.
 */
public class MobilityStateJournalTest {
    private static VmLocation at(final VmId vm, final long sequence) {
        return new VmLocation(vm, N1, null, sequence, MoveTrigger.GRATUITOUS_ARP, T0, false);
    }

    @Test
    public void namesWhatChangedSinceAnAncestor() {
        final var base = MobilityState.EMPTY.withLocation(at(VM1, 1));
        final var later = base.withLocation(at(VM2, 1)).withLocation(at(VM2, 2));

        assertEquals(Set.of(VM2), later.changesSince(base).orElseThrow().vms());
        assertEquals(Set.of(VM1, VM2), later.changesSince(MobilityState.EMPTY).orElseThrow().vms());
        assertEquals(Set.of(), later.changesSince(later).orElseThrow().vms());
    }

    @Test
    public void knowsNothingAcrossHistoriesOrBeyondItsMemory() {
        final var base = MobilityState.EMPTY.withLocation(at(VM1, 1));
        final var branch = base.withLocation(at(VM2, 1));
        final var other = base.withLocation(at(VM2, 1));

        assertTrue("a sibling is no ancestor", branch.changesSince(other).isEmpty());
        assertTrue("a descendant is no ancestor", base.changesSince(branch).isEmpty());

        var near = branch;
        for (int i = 1; i < StateJournal.CAPACITY; i++) {
            near = near.withLocation(at(VM1, i + 1));
        }
        assertEquals("as many changes as the journal keeps", Set.of(VM1),
            near.changesSince(branch).orElseThrow().vms());
        final var far = near.withLocation(at(VM1, 999));
        assertTrue("more changes than the journal keeps", far.changesSince(branch).isEmpty());
    }

    @Test
    public void namesEveryVmAndMigrationThatDiffersOverRandomHistories() {
        final var fabric = MobilityFabric.fabric(MobilityFabric.settings(1000, false));
        for (long seed = 1; seed <= 20; seed++) {
            final var moves = new RandomMoves(fabric, seed);
            var earlier = moves.state();
            for (int step = 0; step < 200; step++) {
                final var later = moves.next();
                final var changes = later.changesSince(earlier).orElseThrow();
                final var differing = new HashSet<VmId>();
                for (var vm : fabric.vms().keySet()) {
                    if (!Objects.equals(earlier.location(vm), later.location(vm))
                            || !earlier.moveTimes(vm).equals(later.moveTimes(vm))) {
                        differing.add(vm);
                    }
                }
                assertTrue("seed " + seed + " step " + step + ": " + differing + " within " + changes.vms(),
                    changes.vms().containsAll(differing));
                for (var id : later.migrations().keySet()) {
                    if (!later.migration(id).equals(earlier.migration(id))) {
                        assertTrue(id, changes.migrations().contains(id));
                    }
                }
                if (step % 7 == 0) {
                    earlier = later;
                }
            }
        }
    }
}
