/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;

/**
 * Which remote VMs each NVE asked the NVA for (destination-distribution on-demand): the NVE keeps a
 * destination flow for such a VM, with an idle timeout, until the switch reports that flow idle. State,
 * not history: a demand is there or not, and goes when the flow idles out or the VM or NVE leaves the
 * fabric. Immutable; equality is by value.
 */
public final class PullDemands {
    /** No NVE asked for anything. */
    public static final PullDemands NONE = new PullDemands(Map.of());

    private final Map<NveId, Set<VmId>> byNve;
    private volatile @Nullable Map<VmId, Set<NveId>> byVm;

    private PullDemands(final Map<NveId, Set<VmId>> byNve) {
        this.byNve = byNve;
    }

    /**
     * Builds demands from a map; NVEs with an empty set are left out.
     *
     * @param demands the VMs each NVE asked for
     * @return the demands
     */
    public static PullDemands of(final Map<NveId, Set<VmId>> demands) {
        final var copy = new HashMap<NveId, Set<VmId>>();
        demands.forEach((nve, vms) -> {
            if (!vms.isEmpty()) {
                copy.put(nve, Set.copyOf(vms));
            }
        });
        return copy.isEmpty() ? NONE : new PullDemands(Map.copyOf(copy));
    }

    /**
     * Returns the demands by NVE.
     *
     * @return the VMs each NVE asked for; no NVE maps to an empty set
     */
    public Map<NveId, Set<VmId>> byNve() {
        return byNve;
    }

    /**
     * Returns the VMs one NVE asked for.
     *
     * @param nve the NVE
     * @return its demanded VMs, possibly empty
     */
    public Set<VmId> demandedBy(final NveId nve) {
        return byNve.getOrDefault(nve, Set.of());
    }

    public boolean contains(final NveId nve, final VmId vm) {
        return demandedBy(nve).contains(vm);
    }

    /**
     * Returns the NVEs that asked for a VM.
     *
     * @param vm the VM
     * @return the NVEs, possibly none
     */
    public Set<NveId> demandersOf(final VmId vm) {
        var reverse = byVm;
        if (reverse == null) {
            final var built = new HashMap<VmId, Set<NveId>>();
            byNve.forEach((nve, vms) -> vms.forEach(id -> built.computeIfAbsent(id, k -> new HashSet<>()).add(nve)));
            reverse = Map.copyOf(built);
            byVm = reverse;
        }
        return reverse.getOrDefault(vm, Set.of());
    }

    /**
     * Adds a demand.
     *
     * @param nve the NVE that asked
     * @param vm the VM it asked for
     * @return the demands with it; this when it was there already
     */
    public PullDemands with(final NveId nve, final VmId vm) {
        if (contains(nve, vm)) {
            return this;
        }
        final var vms = new HashSet<>(demandedBy(nve));
        vms.add(vm);
        final var copy = new HashMap<>(byNve);
        copy.put(nve, Set.copyOf(vms));
        return new PullDemands(Map.copyOf(copy));
    }

    /**
     * Removes a demand.
     *
     * @param nve the NVE
     * @param vm the VM
     * @return the demands without it; this when it was not there
     */
    public PullDemands without(final NveId nve, final VmId vm) {
        if (!contains(nve, vm)) {
            return this;
        }
        final var vms = new HashSet<>(demandedBy(nve));
        vms.remove(vm);
        final var copy = new HashMap<>(byNve);
        if (vms.isEmpty()) {
            copy.remove(nve);
        } else {
            copy.put(nve, Set.copyOf(vms));
        }
        return copy.isEmpty() ? NONE : new PullDemands(Map.copyOf(copy));
    }

    /**
     * Keeps only the demands of NVEs and VMs a fabric has.
     *
     * @param fabric the fabric
     * @return the demands that remain; this when none went
     */
    public PullDemands retainedIn(final FabricSnapshot fabric) {
        var result = this;
        for (var entry : byNve.entrySet()) {
            for (var vm : entry.getValue()) {
                if (!fabric.nves().containsKey(entry.getKey()) || !fabric.vms().containsKey(vm)) {
                    result = result.without(entry.getKey(), vm);
                }
            }
        }
        return result;
    }

    public boolean isEmpty() {
        return byNve.isEmpty();
    }

    @Override
    public boolean equals(final @Nullable Object obj) {
        return this == obj || obj instanceof PullDemands other && byNve.equals(other.byNve);
    }

    @Override
    public int hashCode() {
        return byNve.hashCode();
    }

    @Override
    public String toString() {
        return "PullDemands" + byNve;
    }
}
