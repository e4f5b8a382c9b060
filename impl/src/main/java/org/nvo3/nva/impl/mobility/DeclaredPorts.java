/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;

/**
 * Which VM declares which port name in one intent (fabric/vm port), so that a port appearing under that
 * name on another NVE is recognised as the VM's move (hypervisors name a VM's tap device after it). A name
 * several VMs declare names none of them. Immutable; built once per intent.
 */
final class DeclaredPorts {
    private final FabricSnapshot fabric;
    private final Map<PortName, List<Vm>> byName;

    private DeclaredPorts(final FabricSnapshot fabric, final Map<PortName, List<Vm>> byName) {
        this.fabric = fabric;
        this.byName = byName;
    }

    /**
     * Indexes the declared ports of an intent.
     *
     * @param fabric the intent
     * @return the index
     */
    static DeclaredPorts of(final FabricSnapshot fabric) {
        final var byName = new HashMap<PortName, List<Vm>>();
        for (var vm : fabric.vms().values()) {
            final var port = vm.port();
            if (port != null) {
                byName.merge(port, List.of(vm), (one, other) -> {
                    final var both = new ArrayList<>(one);
                    both.addAll(other);
                    return List.copyOf(both);
                });
            }
        }
        return new DeclaredPorts(fabric, Map.copyOf(byName));
    }

    /**
     * Tells whether this index is of that intent.
     *
     * @param other an intent
     * @return true when it is the same snapshot
     */
    boolean isOf(final FabricSnapshot other) {
        return fabric == other;
    }

    /**
     * Returns the one VM that declares a port name.
     *
     * @param port the name
     * @return the VM, empty when no VM or several declare it
     */
    Optional<Vm> vmNaming(final PortName port) {
        final var vms = byName.get(port);
        return vms == null || vms.size() != 1 ? Optional.empty() : Optional.of(vms.get(0));
    }
}
