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
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;
import static org.nvo3.nva.impl.mobility.MobilityFabric.garp;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.ScopedFlows;

/**
 * The forwarding states patch the arrivals of announced moves from the journal instead of rebuilding them for
 * every view: over a random history of announcements, moves and port additions, what the flow source compiles
 * with the states it kept across the history equals what fresh states compile for the same view, and the scopes
 * {@link ForwardingStates#changedScopes} names for each step, re-compiled into what an NVE held before the step,
 * give exactly its flows after it (the reconciler's incremental path equals the full recompute).
 */
public class AnnouncedArrivalsIncrementalTest {
    private static final long METER = 7L;
    private static final List<NveId> NVES = List.of(N1, N2, N3);
    private static final List<VmId> VMS = List.of(VM1, VM2, VM3);

    @Test
    public void incrementalArrivalsAndChangedScopesEqualTheFullRecompute() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var wired = MobilityFabric.wire(clock, new IdleNves());
        final var service = wired.service();
        // moves of one VM every step: duplicate-address detection must not freeze it
        service.fabricChanged(fabric(MobilityFabric.settings(Integer.MAX_VALUE, false)));
        final var ports = ports();
        ports.forEach((nve, nvePorts) -> wired.source().desired(nve, nvePorts, METER, NveScopes.EVERYTHING));
        final var random = new Random(11);
        var held = compileFresh(clock, service.current(), ports);
        int announcements = 0;
        int withArrivals = 0;
        for (int step = 0; step < 400; step++) {
            final var vm = VMS.get(random.nextInt(VMS.size()));
            final var nve = NVES.get(random.nextInt(NVES.size()));
            final var port = new PortName("a-" + vm.value());
            final var before = service.current();
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    if (service.announce(vm, nve, port).migration() != null) {
                        announcements++;
                    }
                }
                case 2 -> service.moveRequested(garp(vm, nve, port.value(), T0));
                default -> service.portAdded(nve, port, Detection.UNSTAMPED);
            }
            final var after = service.current();
            if (!after.state().announcements().isEmpty()) {
                withArrivals++;
            }
            final var changed = wired.states().changedScopes(before, after);
            final var fresh = compileFresh(clock, after, ports);
            for (var nve2 : NVES) {
                final var kept = wired.source().desired(nve2, ports.get(nve2), METER, NveScopes.EVERYTHING);
                assertEquals("step " + step + ": " + nve2 + " compiled with the kept states", new HashSet<>(
                    fresh.get(nve2).all()), new HashSet<>(kept.all()));
                final var scopes = changed.getOrDefault(nve2, NveScopes.NONE);
                final var recompiled = wired.source().desired(nve2, ports.get(nve2), METER, scopes);
                assertEquals("step " + step + ": " + nve2 + " re-compiled in " + scopes, new HashSet<>(
                    fresh.get(nve2).all()), new HashSet<>(held.get(nve2).replaced(scopes, recompiled).all()));
            }
            held = fresh;
        }
        assertTrue("the history announced moves: " + announcements, announcements > 50);
        assertTrue("and had open announcements in many steps: " + withArrivals, withArrivals > 100);
    }

    private static Map<NveId, ScopedFlows> compileFresh(final Clock clock, final MobilityService.View view,
            final Map<NveId, NvePorts> ports) {
        final var source = new MobilityFlowSource(new ForwardingStates(clock), () -> view);
        final var flows = new HashMap<NveId, ScopedFlows>();
        for (var nve : NVES) {
            flows.put(nve, source.desired(nve, ports.get(nve), METER, NveScopes.EVERYTHING));
        }
        return flows;
    }

    /** Every NVE has vxlan0, the VMs' declared ports where they are placed, and an announced port per VM. */
    private static Map<NveId, NvePorts> ports() {
        final var ports = new HashMap<NveId, NvePorts>();
        for (var nve : NVES) {
            final var ofports = new HashMap<PortName, Long>();
            ofports.put(Nve.DEFAULT_TUNNEL_PORT, 1L);
            ofports.put(new PortName("vm1-eth0"), 5L);
            ofports.put(new PortName("vm2-eth0"), 6L);
            ofports.put(new PortName("vm3-eth0"), 7L);
            long number = 20;
            for (var vm : VMS) {
                ofports.put(new PortName("a-" + vm.value()), number++);
            }
            ports.put(nve, new NvePorts(ofports));
        }
        return ports;
    }
}
