/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;

/**
 * Everything the flow compiler reads, at one instant: the validated intent, where VMs were learned to
 * be, the ports of the connected NVEs and the running redirects. Immutable; a move, a port change or a
 * new snapshot makes a new state.
 *
 * <p>A value class rather than a record only so that it can carry, built once on first use, the indexes
 * the compiler needs (VMs by NVE and VNI, the VNIs each NVE hosts); they are derived from the four
 * values and take no part in equality. Equality compares the four values, the fabric snapshot by identity
 * (a {@link FabricSnapshot} has no value equality). {@link FlowCompiler#changedScopes} derives a new state's
 * index from the old one's when both share their fabric snapshot, so keep passing the same snapshot
 * instance while the intent does not change.
 */
public final class ForwardingState {
    private record RedirectKey(VmId vm, NveId from) {
    }

    private final FabricSnapshot fabric;
    private final LearnedLocations learned;
    private final Map<NveId, NvePorts> ports;
    private final Set<Redirect> redirects;
    private final PullDemands demands;
    private volatile @Nullable ForwardingIndex index;

    /**
     * Builds a state.
     *
     * @param fabric the validated intent
     * @param learned where the NVA learned VMs to be, by VM; a location of a VM the fabric does not have is
     *     ignored
     * @param ports the ports of the connected NVEs; an NVE not listed has none (it is not connected)
     * @param redirects the running redirects; one of a VM the fabric does not have is ignored
     * @throws IllegalArgumentException if a learned location is filed under another VM, or two redirects
     *     share their VM and old NVE
     */
    public ForwardingState(final FabricSnapshot fabric, final Map<VmId, VmLocation> learned,
            final Map<NveId, NvePorts> ports, final Set<Redirect> redirects) {
        this(fabric, learned, ports, redirects, PullDemands.NONE);
    }

    /**
     * Builds a state with the remote VMs NVEs pulled (destination-distribution on-demand).
     *
     * @param fabric the validated intent
     * @param learned where the NVA learned VMs to be, by VM
     * @param ports the ports of the connected NVEs
     * @param redirects the running redirects
     * @param demands the VMs each NVE asked for; a demand of a VM or NVE the fabric does not have is ignored
     * @throws IllegalArgumentException if a learned location is filed under another VM, or two redirects
     *     share their VM and old NVE
     */
    public ForwardingState(final FabricSnapshot fabric, final Map<VmId, VmLocation> learned,
            final Map<NveId, NvePorts> ports, final Set<Redirect> redirects, final PullDemands demands) {
        this(fabric, LearnedLocations.copyOf(learned), ports, redirects, demands);
    }

    /**
     * Builds a state that shares the learned locations instead of copying them (the mobility state's
     * persistent map: a move costs the move, not every VM).
     *
     * @param fabric the validated intent
     * @param learned where the NVA learned VMs to be; the caller vouches that each is filed under its VM
     * @param ports the ports of the connected NVEs
     * @param redirects the running redirects
     * @param demands the VMs each NVE asked for
     * @throws IllegalArgumentException if two redirects share their VM and old NVE
     */
    public ForwardingState(final FabricSnapshot fabric, final LearnedLocations learned,
            final Map<NveId, NvePorts> ports, final Set<Redirect> redirects, final PullDemands demands) {
        this.demands = requireNonNull(demands);
        this.fabric = requireNonNull(fabric);
        this.learned = requireNonNull(learned);
        this.ports = Map.copyOf(ports);
        this.redirects = Set.copyOf(redirects);
        if (oneDuration(this.redirects)) {
            // distinct redirects of one duration differ in their VM or old NVE: nothing to check
            return;
        }
        final var byKey = new HashMap<RedirectKey, Redirect>();
        for (var redirect : this.redirects) {
            final var previous = byKey.put(new RedirectKey(redirect.vm(), redirect.from()), redirect);
            if (previous != null) {
                throw new IllegalArgumentException("VM " + redirect.vm() + " has two redirects from " + redirect.from()
                    + ": " + previous + " and " + redirect);
            }
        }
    }

    private static boolean oneDuration(final Set<Redirect> redirects) {
        final var iterator = redirects.iterator();
        if (!iterator.hasNext()) {
            return true;
        }
        final int seconds = iterator.next().hardTimeoutSeconds();
        while (iterator.hasNext()) {
            if (iterator.next().hardTimeoutSeconds() != seconds) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the state of the intent alone: nothing learned, no redirects.
     *
     * @param fabric the validated intent
     * @param ports the ports of the connected NVEs
     * @return the state
     */
    public static ForwardingState ofIntent(final FabricSnapshot fabric, final Map<NveId, NvePorts> ports) {
        return new ForwardingState(fabric, Map.of(), ports, Set.of());
    }

    public FabricSnapshot fabric() {
        return fabric;
    }

    public Map<VmId, VmLocation> learned() {
        return learned.byVm();
    }

    /**
     * Returns the learned locations with their history.
     *
     * @return the locations
     */
    public LearnedLocations learnedLocations() {
        return learned;
    }

    public Map<NveId, NvePorts> ports() {
        return ports;
    }

    public Set<Redirect> redirects() {
        return redirects;
    }

    public PullDemands demands() {
        return demands;
    }

    /**
     * Returns this state with other ports for one NVE (none: not connected).
     *
     * @param nve the NVE
     * @param nvePorts its ports, or null when it is not connected
     * @return the state
     */
    ForwardingState withPortsOf(final NveId nve, final @Nullable NvePorts nvePorts) {
        final var changed = new HashMap<>(ports);
        if (nvePorts == null) {
            changed.remove(nve);
        } else {
            changed.put(nve, nvePorts);
        }
        return new ForwardingState(fabric, learned, changed, redirects, demands);
    }

    /**
     * Returns the ports of one NVE.
     *
     * @param nve the NVE
     * @return its ports, {@link NvePorts#NONE} when it is not connected
     */
    public NvePorts portsOf(final NveId nve) {
        return ports.getOrDefault(nve, NvePorts.NONE);
    }

    /**
     * Tells where a VM is: the learned location wins, otherwise the orchestrator's placement. A learned
     * location on an NVE the fabric no longer has leaves the VM unplaced: NVA programs no such NVE.
     *
     * @param vm the VM
     * @return its placement, or empty when it is not placed yet
     */
    public Optional<Placement> placement(final Vm vm) {
        final var location = learned.byVm().get(vm.id());
        if (location != null) {
            return fabric.nves().containsKey(location.nve())
                ? Optional.of(new Placement(location.nve(), location.port())) : Optional.empty();
        }
        final var nve = vm.nve();
        return nve == null ? Optional.empty() : Optional.of(new Placement(nve, vm.port()));
    }

    /**
     * Tells whether an NVE hosts an L2 VNI in this state (a VM of it placed there, or a redirect of one from
     * there): then it holds that VNI's flows.
     *
     * @param nve the NVE
     * @param vni the VNI
     * @return true when it does
     */
    public boolean hosts(final NveId nve, final Vni vni) {
        return index().hostedVnis(nve).contains(vni);
    }

    ForwardingIndex index() {
        var built = index;
        if (built == null) {
            built = ForwardingIndex.of(this);
            index = built;
        }
        return built;
    }

    /**
     * Returns the index if it was built (or adopted) already.
     *
     * @return the index, or null
     */
    @Nullable ForwardingIndex builtIndex() {
        return index;
    }

    /**
     * Takes an index derived elsewhere (from an earlier state's) unless this state has one already.
     *
     * @param derived an index equal to the one {@link #index()} would build
     */
    void adoptIndex(final ForwardingIndex derived) {
        if (index == null) {
            index = derived;
        }
    }

    @Override
    public boolean equals(final @Nullable Object obj) {
        return this == obj || obj instanceof ForwardingState other && fabric.equals(other.fabric)
            && learned.byVm().equals(other.learned.byVm()) && ports.equals(other.ports)
            && redirects.equals(other.redirects) && demands.equals(other.demands);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fabric, learned.byVm(), ports, redirects, demands);
    }

    @Override
    public String toString() {
        return "ForwardingState{" + fabric + ", learned=" + learned.byVm().size() + ", connected=" + ports.size()
            + ", redirects=" + redirects.size() + ", demanding=" + demands.byNve().size() + "}";
    }
}
