/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.LearnedLocations;
import tech.pantheon.triemap.ImmutableTrieMap;
import tech.pantheon.triemap.TrieMap;

/**
 * The learned locations of a mobility state as the flow compiler reads them: its persistent map, shared,
 * and its journal, which names the VMs that changed since an earlier state of the same history.
 *
 * @param state the mobility state
 */
record JournaledLocations(MobilityState state) implements LearnedLocations {
    JournaledLocations {
        requireNonNull(state);
    }

    @Override
    public Map<VmId, VmLocation> byVm() {
        return state.locations();
    }

    @Override
    public Optional<Set<VmId>> changedSince(final LearnedLocations earlier) {
        return earlier instanceof JournaledLocations journaled
            ? state.changesSince(journaled.state).map(StateChanges::vms) : Optional.empty();
    }

    /**
     * Returns these locations with some VMs placed elsewhere (where an announced move expects them), at the
     * cost of those VMs.
     *
     * @param arrivals the locations that replace the learned ones
     * @return the locations, without history
     */
    LearnedLocations with(final List<VmLocation> arrivals) {
        final var locations = state.locations();
        final var copy = locations instanceof ImmutableTrieMap<VmId, VmLocation> trie ? trie.mutableSnapshot()
            : copyOf(locations);
        arrivals.forEach(location -> copy.put(location.vm(), location));
        final var result = copy.immutableSnapshot();
        final var moved = arrivals.stream().map(VmLocation::vm).collect(Collectors.toUnmodifiableSet());
        return new LearnedLocations() {
            @Override
            public Map<VmId, VmLocation> byVm() {
                return result;
            }

            @Override
            public Optional<Set<VmId>> changedSince(final LearnedLocations earlier) {
                // derived from these locations: only the arrivals differ
                return earlier.equals(JournaledLocations.this) ? Optional.of(moved) : Optional.empty();
            }
        };
    }

    private static TrieMap<VmId, VmLocation> copyOf(final Map<VmId, VmLocation> locations) {
        final var copy = TrieMap.<VmId, VmLocation>create();
        copy.putAll(locations);
        return copy;
    }
}
