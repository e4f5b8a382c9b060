/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.FlowScope;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.Redirect;

/**
 * The forwarding states NVA's flows are compiled from, per mobility view: the intent, the learned locations
 * and the redirects still running, with every connected NVE's ports. One forwarding state is built per change
 * and shared by all NVEs' compilations. The target NVE of an announced move additionally sees the VM on its
 * announced port, so it delivers to the VM as soon as the port appears, before the move completes. Tells
 * which scopes of which NVEs' flows differ between two views.
 */
public final class ForwardingStates implements PortNumberRequests {
    /**
     * A forwarding state, what it was built from, the arrivals of the view's announcements by target NVE, and, when
     * its index was derived from the state built before it, that state and the scopes that changed since it.
     */
    private record Built(MobilityService.View view, long portsVersion, ForwardingState state,
            Map<NveId, List<VmLocation>> arrivals, @Nullable ForwardingState derivedFrom,
            @Nullable SortedMap<NveId, NveScopes> changedSinceDerivedFrom) {
    }

    /** An NVE's forwarding state with its arrivals, and the built state it was derived from. */
    private record Arrived(Built base, ForwardingState state) {
    }

    /** The connected NVEs' ports at one version of them. */
    private record PortsSnapshot(long version, Map<NveId, NvePorts> ports) {
    }

    private final Clock clock;
    private final Map<NveId, NvePorts> ports = new ConcurrentHashMap<>();
    /** Counts changes of {@link #ports}, so that a state is reused without comparing every NVE's ports. */
    private final AtomicLong portsVersion = new AtomicLong();
    private volatile @Nullable Built built;
    private volatile @Nullable PortsSnapshot portsSnapshot;
    /** Per target NVE of an announcement, its state with the arrivals, for the built state it came from. */
    private final Map<NveId, Arrived> arrived = new ConcurrentHashMap<>();
    /** Port numbers requested for ports the NVEs do not describe yet; changes count in {@link #portsVersion}. */
    private final RequestedPortNumbers requested = new RequestedPortNumbers();

    /**
     * Creates the states.
     *
     * @param clock the clock deciding which redirects are over
     */
    public ForwardingStates(final Clock clock) {
        this.clock = requireNonNull(clock);
    }

    /**
     * Takes a connected NVE's ports as they are now.
     *
     * @param nve the NVE
     * @param nvePorts its ports
     */
    void portsOf(final NveId nve, final NvePorts nvePorts) {
        final boolean changed = !nvePorts.equals(ports.put(nve, nvePorts));
        // a port described now ends the request for its name, whatever number it got
        if (requested.described(nve, nvePorts) || changed) {
            portsVersion.incrementAndGet();
        }
    }

    /**
     * Takes the OpenFlow port number requested for a port an NVE does not describe yet (migrate-vm's
     * {@code ofport}): until it describes a port of that name, its flows are compiled as if it had one with that
     * number (unless one of its ports has the number), so an announced VM's target delivers to it and classifies
     * its frames from its first frame instead of from the port's port-status.
     *
     * @param nve the NVE
     * @param port the port's name
     * @param ofport the requested number
     */
    @Override
    public void requested(final NveId nve, final PortName port, final long ofport) {
        if (requested.request(nve, port, ofport)) {
            portsVersion.incrementAndGet();
        }
    }

    /**
     * The forwarding state an NVE's flows are compiled from: the view's, where the target NVE of an announced
     * move sees the VM on its announced port.
     *
     * @param view the view
     * @param nve the NVE
     * @return the state
     */
    ForwardingState stateAt(final MobilityService.View view, final NveId nve) {
        final var base = built(view);
        final var arriving = base.arrivals().getOrDefault(nve, List.of());
        if (arriving.isEmpty()) {
            return base.state();
        }
        final var known = arrived.get(nve);
        if (known != null && known.base() == base) {
            return known.state();
        }
        final var state = base.state();
        final var withArrivals = new ForwardingState(state.fabric(),
            new JournaledLocations(view.state()).with(arriving), state.ports(), state.redirects(), state.demands());
        // derives the arrivals' index from the view's, at the cost of the arrivals
        FlowCompiler.changedScopes(state, withArrivals);
        arrived.put(nve, new Arrived(base, withArrivals));
        return withArrivals;
    }

    /**
     * Tells which scopes of an NVE's flows may differ when only its ports changed: those of the VMs on the ports
     * that came, went or were renumbered (also of a VM announced onto one of them), or everything when the
     * VXLAN port did.
     *
     * @param view the view
     * @param nve the NVE
     * @param before the ports its flows were compiled with
     * @param after its ports now
     * @return the scopes
     */
    NveScopes portChangeScopes(final MobilityService.View view, final NveId nve, final NvePorts before,
            final NvePorts after) {
        final var scopes = FlowCompiler.portChangeScopes(stateOf(view), nve, before, after);
        if (scopes.everything()) {
            return scopes;
        }
        // a VM announced onto a port that came or went there is placed on it for this NVE only
        final var arriving = new HashSet<FlowScope>();
        for (var arrival : built(view).arrivals().getOrDefault(nve, List.of())) {
            final var port = arrival.port();
            if (port != null && !Objects.equals(before.ofport(port), after.ofport(port))) {
                arriving.add(new FlowScope.OfVm(arrival.vm()));
            }
        }
        return arriving.isEmpty() ? scopes : scopes.plus(NveScopes.of(arriving));
    }

    /**
     * Tells which scopes of which NVEs' flows may differ between two views. The target NVE of an
     * announced move sees the VM on its announced port (not in the views' common state), so it gets
     * {@link NveScopes#EVERYTHING} while the announcement is in either view.
     *
     * @param before the view before a change
     * @param after the view after it
     * @return per NVE to re-synchronise, the scopes to re-compile
     */
    public SortedMap<NveId, NveScopes> changedScopes(final MobilityService.View before,
            final MobilityService.View after) {
        // the state of 'before' is usually the one built last, so the compiler updates its index instead of
        // rebuilding it for 'after'
        final var beforeState = stateOf(before);
        final var afterBuilt = built(after);
        final var afterState = afterBuilt.state();
        // building 'after' from 'before' (a move) compared them already
        final var derived = afterBuilt.changedSinceDerivedFrom();
        final var changed = derived != null && afterBuilt.derivedFrom() == beforeState ? derived
            : FlowCompiler.changedScopes(beforeState, afterState);
        final var arrivals = changedArrivals(before, after);
        if (arrivals.isEmpty()) {
            return changed;
        }
        // an announcement that came, went or changed: the VM's scope at its target, or everything of a target
        // that hosts the VM's VNI only because of it (then all of that VNI's flows come or go there)
        final var withArrivals = new TreeMap<>(changed);
        for (var arrival : arrivals) {
            final var target = arrival.nve();
            final var vm = after.fabric().vm(arrival.vm()).orElse(null);
            if (after.fabric().nve(target).isEmpty()) {
                continue;
            }
            final var scopes = vm == null || !afterState.hosts(target, vm.vni())
                || !beforeState.hosts(target, vm.vni()) ? NveScopes.EVERYTHING
                    : NveScopes.of(Set.of(new FlowScope.OfVm(arrival.vm())));
            withArrivals.merge(target, scopes, NveScopes::plus);
        }
        return withArrivals;
    }

    /** The arrivals one view has and the other has not (an announcement that came, went or changed). */
    private List<VmLocation> changedArrivals(final MobilityService.View before, final MobilityService.View after) {
        final var was = before.state().announcements();
        final var is = after.state().announcements();
        if (was == is || was.isEmpty() && is.isEmpty()) {
            return List.of();
        }
        final var journaled = after.state().changesSince(before.state());
        if (journaled.isPresent()) {
            // the journal names the VMs whose announcement may have changed: the time of the changes, not of
            // every announcement
            final var changed = new ArrayList<VmLocation>();
            for (var vm : journaled.orElseThrow().vms()) {
                final var old = was.get(vm);
                final var now = is.get(vm);
                if (!Objects.equals(old, now)) {
                    addArrival(changed, old);
                    addArrival(changed, now);
                }
            }
            return changed;
        }
        final var changed = new ArrayList<VmLocation>();
        for (var entry : built(before).arrivals().entrySet()) {
            for (var arrival : entry.getValue()) {
                if (!is.containsKey(arrival.vm()) || !is.get(arrival.vm()).equals(was.get(arrival.vm()))) {
                    changed.add(arrival);
                }
            }
        }
        for (var entry : built(after).arrivals().entrySet()) {
            for (var arrival : entry.getValue()) {
                if (!was.containsKey(arrival.vm()) || !was.get(arrival.vm()).equals(is.get(arrival.vm()))) {
                    changed.add(arrival);
                }
            }
        }
        return changed;
    }

    /**
     * Returns the OpenFlow port number of a VM's port, when its NVE described it.
     *
     * @param location the VM's location
     * @return the port number, or null
     */
    public @Nullable Long ofport(final VmLocation location) {
        final var port = location.port();
        final var nvePorts = ports.get(location.nve());
        return port == null || nvePorts == null ? null : nvePorts.ofport(port);
    }

    /**
     * Forgets a disconnected NVE's ports.
     *
     * @param nve the NVE
     */
    public void disconnected(final NveId nve) {
        final boolean hadPorts = ports.remove(nve) != null;
        if (requested.forget(nve) || hadPorts) {
            portsVersion.incrementAndGet();
        }
    }

    /**
     * Builds (or reuses) the forwarding state of a view with the ports known now.
     *
     * @param view the view
     * @return the state
     */
    public ForwardingState stateOf(final MobilityService.View view) {
        return built(view).state();
    }

    private Built built(final MobilityService.View view) {
        final var current = built;
        // read before the ports: a change in between makes the next call build again, never miss one
        final long version = portsVersion.get();
        if (current != null && current.view() == view && current.portsVersion() == version) {
            return current;
        }
        var state = forwardingState(view, portsAt(version), clock);
        ForwardingState derivedFrom = null;
        SortedMap<NveId, NveScopes> changed = null;
        if (current != null) {
            final var last = current.state();
            // the learned locations and the ports compare by identity: the mobility state keeps its map while
            // they do not change, and the ports' snapshot is the same while their version is
            if (state.fabric() == last.fabric() && state.learned() == last.learned()
                    && state.ports() == last.ports() && state.redirects().equals(last.redirects())
                    && state.demands().equals(last.demands())) {
                // a view that changed nothing the compiler reads (a migration converged): keep its index
                state = last;
            } else if (state.fabric() == last.fabric()) {
                // derives the new state's index from the last one's instead of indexing every VM again; what
                // changed is kept for changedScopes(last's view, view)
                derivedFrom = last;
                changed = FlowCompiler.changedScopes(last, state);
            }
        }
        final var next = new Built(view, version, state, current == null ? arrivalsByTarget(view)
            : patchedArrivals(view, current), derivedFrom, changed);
        built = next;
        return next;
    }

    /** The ports' immutable snapshot of a version, copied once per version, not once per view. */
    private Map<NveId, NvePorts> portsAt(final long version) {
        final var snapshot = portsSnapshot;
        if (snapshot != null && snapshot.version() == version) {
            return snapshot.ports();
        }
        final var copy = requested.appliedTo(ports);
        portsSnapshot = new PortsSnapshot(version, copy);
        return copy;
    }

    /**
     * The forwarding state of a view: redirects whose time is over are left out, so a reconnecting old NVE
     * does not get an expired redirect back.
     *
     * @param view the view
     * @param ports the connected NVEs' ports
     * @param clock the clock
     * @return the state
     */
    static ForwardingState forwardingState(final MobilityService.View view, final Map<NveId, NvePorts> ports,
            final Clock clock) {
        final var now = clock.instant();
        final int seconds = view.fabric().settings().redirectSeconds();
        // hashed once, here: the state keeps this immutable set as it is
        final var running = new ArrayList<Redirect>();
        for (var redirect : view.state().redirects()) {
            if (redirect.until().isAfter(now)) {
                running.add(new Redirect(redirect.vm(), redirect.from(), seconds));
            }
        }
        final Set<Redirect> redirects = Set.copyOf(running);
        return new ForwardingState(view.fabric(), new JournaledLocations(view.state()), ports, redirects,
            view.state().demands());
    }

    /** The arrival of an announcement that names its port, or nothing. */
    private static void addArrival(final List<VmLocation> arrivals, final @Nullable Announcement announcement) {
        if (announcement != null && announcement.port() != null) {
            arrivals.add(arrival(announcement));
        }
    }

    private static VmLocation arrival(final Announcement announcement) {
        return new VmLocation(announcement.vm(), announcement.target(), requireNonNull(announcement.port()), 0,
            MoveTrigger.ORCHESTRATOR, announcement.receivedAt(), false);
    }

    /**
     * The arrivals of a view, patched from those of the state built last when the journal tells which VMs'
     * announcements changed since (the time of the changes, not of every announcement).
     */
    private static Map<NveId, List<VmLocation>> patchedArrivals(final MobilityService.View view, final Built last) {
        final var is = view.state().announcements();
        final var was = last.view().state().announcements();
        if (is == was) {
            return last.arrivals();
        }
        final var journaled = view.state().changesSince(last.view().state());
        if (journaled.isEmpty()) {
            return arrivalsByTarget(view);
        }
        final var byTarget = new HashMap<>(last.arrivals());
        final var copied = new HashSet<NveId>();
        for (var vm : journaled.orElseThrow().vms()) {
            final var old = was.get(vm);
            final var now = is.get(vm);
            if (Objects.equals(old, now)) {
                continue;
            }
            if (old != null && old.port() != null) {
                final var list = ownList(byTarget, copied, old.target());
                list.removeIf(arrival -> arrival.vm().equals(vm));
                if (list.isEmpty()) {
                    byTarget.remove(old.target());
                }
            }
            if (now != null && now.port() != null) {
                ownList(byTarget, copied, now.target()).add(arrival(now));
            }
        }
        return byTarget;
    }

    /** The arrivals list of a target, copied once before the first change (the last state's list is shared). */
    private static List<VmLocation> ownList(final Map<NveId, List<VmLocation>> byTarget, final Set<NveId> copied,
            final NveId target) {
        if (copied.add(target)) {
            final var copy = new ArrayList<>(byTarget.getOrDefault(target, List.of()));
            byTarget.put(target, copy);
            return copy;
        }
        return byTarget.get(target);
    }

    private static Map<NveId, List<VmLocation>> arrivalsByTarget(final MobilityService.View view) {
        final var announcements = view.state().announcements();
        if (announcements.isEmpty()) {
            return Map.of();
        }
        final var byTarget = new HashMap<NveId, List<VmLocation>>();
        for (var announcement : announcements.values()) {
            final var port = announcement.port();
            if (port != null) {
                byTarget.computeIfAbsent(announcement.target(), target -> new ArrayList<>()).add(
                    arrival(announcement));
            }
        }
        return byTarget;
    }
}
