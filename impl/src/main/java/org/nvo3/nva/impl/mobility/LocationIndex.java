/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;

/**
 * Which VM is on which port of which NVE now (learned locations, else the intent's placements), built
 * once per state so that a punted packet is attributed in constant time.
 */
public final class LocationIndex {
    private record PortKey(NveId nve, PortName port) {
    }

    private final Map<PortKey, Vm> byPort;

    private LocationIndex(final Map<PortKey, Vm> byPort) {
        this.byPort = Map.copyOf(byPort);
    }

    /**
     * Indexes the VMs' current ports.
     *
     * @param fabric the intent
     * @param state the mobility state
     * @return the index
     */
    public static LocationIndex of(final FabricSnapshot fabric, final MobilityState state) {
        final var byPort = new HashMap<PortKey, Vm>();
        for (var vm : fabric.vms().values()) {
            final var location = MoveDecider.currentLocation(state, vm);
            final var port = location == null ? null : location.port();
            if (port != null) {
                byPort.put(new PortKey(location.nve(), port), vm);
            }
        }
        return new LocationIndex(byPort);
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
