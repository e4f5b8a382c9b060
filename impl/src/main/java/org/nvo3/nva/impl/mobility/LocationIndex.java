/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Map;
import java.util.Optional;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import tech.pantheon.triemap.ImmutableTrieMap;
import tech.pantheon.triemap.TrieMap;

/**
 * Which VM is on which port of which NVE now (learned locations, else the intent's placements), so that a
 * punted packet is attributed in constant time. Immutable; a later state of the same history is indexed by
 * patching the VMs that changed ({@link #patched}), a new intent by indexing every VM again.
 */
public final class LocationIndex {
    private record PortKey(NveId nve, PortName port) {
    }

    private final FabricSnapshot fabric;
    private final MobilityState state;
    private final ImmutableTrieMap<PortKey, Vm> byPort;
    private final ImmutableTrieMap<VmId, PortKey> byVm;

    private LocationIndex(final FabricSnapshot fabric, final MobilityState state,
            final ImmutableTrieMap<PortKey, Vm> byPort, final ImmutableTrieMap<VmId, PortKey> byVm) {
        this.fabric = fabric;
        this.state = state;
        this.byPort = byPort;
        this.byVm = byVm;
    }

    /**
     * Indexes the VMs' current ports.
     *
     * @param fabric the intent
     * @param state the mobility state
     * @return the index
     */
    public static LocationIndex of(final FabricSnapshot fabric, final MobilityState state) {
        final var byPort = TrieMap.<PortKey, Vm>create();
        final var byVm = TrieMap.<VmId, PortKey>create();
        for (var vm : fabric.vms().values()) {
            index(fabric, state, vm.id(), byPort, byVm);
        }
        return new LocationIndex(fabric, state, byPort.immutableSnapshot(), byVm.immutableSnapshot());
    }

    /**
     * Indexes a state: by patching this index when the state is a recent successor of this one's within
     * the same intent (the time of the changes), else by indexing every VM.
     *
     * @param newFabric the intent
     * @param newState the mobility state
     * @return the index
     */
    public LocationIndex patched(final FabricSnapshot newFabric, final MobilityState newState) {
        if (newFabric == fabric && newState == state) {
            return this;
        }
        final var changes = newFabric == fabric ? newState.changesSince(state).orElse(null) : null;
        if (changes == null) {
            return of(newFabric, newState);
        }
        final var ports = byPort.mutableSnapshot();
        final var vms = byVm.mutableSnapshot();
        for (var vm : changes.vms()) {
            final var old = vms.remove(vm);
            if (old != null) {
                final var there = ports.get(old);
                if (there != null && there.id().equals(vm)) {
                    ports.remove(old);
                }
            }
            index(newFabric, newState, vm, ports, vms);
        }
        return new LocationIndex(newFabric, newState, ports.immutableSnapshot(), vms.immutableSnapshot());
    }

    private static void index(final FabricSnapshot fabric, final MobilityState state, final VmId id,
            final Map<PortKey, Vm> byPort, final Map<VmId, PortKey> byVm) {
        final var vm = fabric.vm(id).orElse(null);
        final var location = vm == null ? null : MoveDecider.currentLocation(state, vm);
        final var port = location == null ? null : location.port();
        if (vm != null && port != null) {
            final var key = new PortKey(location.nve(), port);
            byPort.put(key, vm);
            byVm.put(id, key);
        }
    }

    /**
     * Returns the VM located on a port.
     *
     * @param nve the NVE
     * @param port the port
     * @return the VM, or empty when no VM is there
     */
    public Optional<Vm> vmOn(final NveId nve, final PortName port) {
        return Optional.ofNullable(byPort.get(new PortKey(nve, port)));
    }
}
