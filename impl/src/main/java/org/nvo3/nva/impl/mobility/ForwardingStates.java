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
public final class ForwardingStates {
    /** A forwarding state and what it was built from. */
    private record Built(MobilityService.View view, long portsVersion, ForwardingState state) {
    }

    private final Clock clock;
    private final Map<NveId, NvePorts> ports = new ConcurrentHashMap<>();
    /** Counts changes of {@link #ports}, so that a state is reused without comparing every NVE's ports. */
    private final AtomicLong portsVersion = new AtomicLong();
    private volatile @Nullable Built built;

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
        if (!nvePorts.equals(ports.put(nve, nvePorts))) {
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
        final var state = stateOf(view);
        final var arriving = arrivalsAt(view, nve);
        if (arriving.isEmpty()) {
            return state;
        }
        final var arrived = new ForwardingState(state.fabric(), new JournaledLocations(view.state()).with(arriving),
            state.ports(), state.redirects(), state.demands());
        // derives the arrivals' index from the view's, at the cost of the arrivals
        FlowCompiler.changedScopes(state, arrived);
        return arrived;
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
        for (var arrival : arrivalsAt(view, nve)) {
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
        final var changed = FlowCompiler.changedScopes(beforeState, stateOf(after));
        final var targets = new HashSet<NveId>();
        for (var view : List.of(before, after)) {
            view.state().announcements().values().stream()
                .filter(announcement -> announcement.port() != null && after.fabric().nve(announcement.target())
                    .isPresent())
                .forEach(announcement -> targets.add(announcement.target()));
        }
        if (targets.isEmpty()) {
            return changed;
        }
        final var withTargets = new TreeMap<>(changed);
        targets.forEach(target -> withTargets.put(target, NveScopes.EVERYTHING));
        return withTargets;
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
        if (ports.remove(nve) != null) {
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
        final var current = built;
        // read before the ports: a change in between makes the next call build again, never miss one
        final long version = portsVersion.get();
        if (current != null && current.view() == view && current.portsVersion() == version) {
            return current.state();
        }
        var state = forwardingState(view, Map.copyOf(ports), clock);
        if (current != null) {
            final var last = current.state();
            if (state.fabric() == last.fabric() && state.learned() == last.learned()
                    && state.ports().equals(last.ports()) && state.redirects().equals(last.redirects())
                    && state.demands().equals(last.demands())) {
                // a view that changed nothing the compiler reads (a migration converged): keep its index. The
                // learned locations compare by identity: the mobility state keeps its map while they do not change
                state = last;
            } else if (state.fabric() == last.fabric()) {
                // derives the new state's index from the last one's instead of indexing every VM again
                FlowCompiler.changedScopes(last, state);
            }
        }
        built = new Built(view, version, state);
        return state;
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
        final Set<Redirect> redirects = new HashSet<>();
        for (var redirect : view.state().redirects()) {
            if (redirect.until().isAfter(now)) {
                redirects.add(new Redirect(redirect.vm(), redirect.from(), seconds));
            }
        }
        return new ForwardingState(view.fabric(), new JournaledLocations(view.state()), ports, redirects,
            view.state().demands());
    }

    private static List<VmLocation> arrivalsAt(final MobilityService.View view, final NveId nve) {
        return view.state().announcements().values().stream()
            .filter(announcement -> announcement.target().equals(nve) && announcement.port() != null)
            .map(announcement -> new VmLocation(announcement.vm(), nve, announcement.port(), 0,
                MoveTrigger.ORCHESTRATOR, announcement.receivedAt(), false))
            .toList();
    }
}
