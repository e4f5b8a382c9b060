/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;

/**
 * Random histories of mobility states over {@link MobilityFabric}: moves (with fresh port names, so no
 * two VMs ever claim one port), convergence, redirect ends and forgotten locations, as the NVA makes
 * them.
 */
public final class RandomMoves {
    private final FabricSnapshot fabric;
    private final Random random;
    private final List<VmId> vms;
    private final List<NveId> nves;
    private MobilityState state = MobilityState.EMPTY;
    private int step;

    /**
     * Starts a history.
     *
     * @param fabric the intent, from {@link MobilityFabric}
     * @param seed the seed
     */
    public RandomMoves(final FabricSnapshot fabric, final long seed) {
        this.fabric = fabric;
        random = new Random(seed);
        vms = List.copyOf(fabric.vms().keySet());
        nves = List.copyOf(fabric.nves().keySet());
    }

    public MobilityState state() {
        return state;
    }

    /**
     * Makes one more change.
     *
     * @return the new state
     */
    public MobilityState next() {
        step++;
        final var at = T0.plusSeconds(step);
        final var vm = vms.get(random.nextInt(vms.size()));
        final int dice = random.nextInt(10);
        if (dice < 6) {
            final var nve = nves.get(random.nextInt(nves.size()));
            state = MoveDecider.decide(fabric, state, MobilityFabric.garp(vm, nve, vm.value() + "-" + step, at))
                .next();
        } else if (dice < 8) {
            final var open = new ArrayList<>(state.migrations().keySet());
            if (!open.isEmpty()) {
                state = MobilityTransitions.converged(state, open.get(random.nextInt(open.size())), at);
            }
        } else if (dice < 9) {
            final var redirects = new ArrayList<>(state.redirects());
            if (!redirects.isEmpty()) {
                final var redirect = redirects.get(random.nextInt(redirects.size()));
                state = MobilityTransitions.redirectExpired(state, redirect.vm(), redirect.from(), step);
            }
        } else {
            state = state.withoutLocation(vm);
        }
        return state;
    }
}
