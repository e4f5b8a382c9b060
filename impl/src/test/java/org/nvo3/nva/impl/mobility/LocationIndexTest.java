/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.HashSet;
import java.util.Map;
import org.junit.Test;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;

/**
 * A location index patched along a history answers exactly like one built afresh for each state, on every
 * port any VM was ever on.
 */
public class LocationIndexTest {
    @Test
    public void patchingEqualsRebuildingOverRandomHistories() {
        final var fabric = MobilityFabric.fabric(MobilityFabric.settings(1000, false));
        for (long seed = 1; seed <= 20; seed++) {
            final var moves = new RandomMoves(fabric, seed);
            final var ports = new HashSet<Map.Entry<NveId, PortName>>();
            fabric.vms().values().stream().filter(vm -> vm.nve() != null && vm.port() != null)
                .forEach(vm -> ports.add(Map.entry(vm.nve(), vm.port())));
            var patched = LocationIndex.of(fabric, moves.state());
            for (int step = 0; step < 300; step++) {
                final var state = moves.next();
                state.locations().values().stream().filter(location -> location.port() != null)
                    .forEach(location -> ports.add(Map.entry(location.nve(), location.port())));
                // skip some states: the patch then spans several changes
                if (step % 3 == 0) {
                    continue;
                }
                patched = patched.patched(fabric, state);
                final var fresh = LocationIndex.of(fabric, state);
                for (var port : ports) {
                    assertEquals("seed " + seed + " step " + step + " " + port,
                        fresh.vmOn(port.getKey(), port.getValue()), patched.vmOn(port.getKey(), port.getValue()));
                }
            }
        }
    }

    @Test
    public void thePatchOfTheSameStateIsTheIndexItself() {
        final var fabric = MobilityFabric.fabric();
        final var index = LocationIndex.of(fabric, MobilityState.EMPTY);
        assertSame(index, index.patched(fabric, MobilityState.EMPTY));
    }
}
