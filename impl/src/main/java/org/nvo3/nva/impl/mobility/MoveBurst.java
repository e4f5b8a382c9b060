/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.flow.FlowScope;
import org.nvo3.nva.impl.flow.NveScopes;

/**
 * Moves decided and not programmed yet: the NVEs they affect, with the union of the scopes each move changes
 * there, so that a burst of moves (an evacuation, GARPs queued on the moves thread) re-synchronises each NVE once,
 * in one batch of flow-mods with one barrier, instead of once per move. Not thread-safe: its owner guards it.
 *
 * @param <M> what the owner keeps of each move
 */
final class MoveBurst<M> {
    /** A move of the burst and the NVEs it affects (its convergence waits for their barriers only). */
    record Entry<M>(M move, List<NveId> nves) {
        Entry {
            requireNonNull(move);
            nves = List.copyOf(nves);
        }
    }

    /** Per NVE, the scopes gathered so far; null once some move changed everything there. */
    private final Map<NveId, @Nullable Set<FlowScope>> nves = new LinkedHashMap<>();
    private final List<Entry<M>> moves = new ArrayList<>();

    /**
     * Adds a decided move (or a change that is no migration, when move is null).
     *
     * @param affected the NVEs it affects and its changed scopes there, in programming order (old and new NVE
     *     first)
     * @param move what the owner keeps of the move, or null
     * @return true when the burst was empty: the caller schedules its programming
     */
    boolean add(final Map<NveId, NveScopes> affected, final @Nullable M move) {
        final boolean first = nves.isEmpty() && moves.isEmpty();
        // gathered in place: merging immutable scope sets would copy them once per move of the burst
        affected.forEach((nve, scopes) -> {
            if (!nves.containsKey(nve)) {
                nves.put(nve, scopes.everything() ? null : new HashSet<>(scopes.scopes()));
                return;
            }
            final var gathered = nves.get(nve);
            if (gathered == null) {
                return;
            }
            if (scopes.everything()) {
                nves.put(nve, null);
            } else {
                gathered.addAll(scopes.scopes());
            }
        });
        if (move != null) {
            moves.add(new Entry<>(move, List.copyOf(affected.keySet())));
        }
        return first;
    }

    /**
     * Returns the NVEs to re-synchronise, each with the union of the scopes the burst's moves changed there.
     *
     * @return the NVEs in the order the moves first named them
     */
    Map<NveId, NveScopes> nves() {
        final var result = new LinkedHashMap<NveId, NveScopes>();
        nves.forEach((nve, scopes) -> result.put(nve, scopes == null ? NveScopes.EVERYTHING : NveScopes.of(scopes)));
        return result;
    }

    /**
     * Returns the burst's moves, in the order they were decided.
     *
     * @return the moves
     */
    List<Entry<M>> moves() {
        return moves;
    }
}
