/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.flow.NvePorts;

/**
 * The OpenFlow port numbers requested for ports that NVEs do not describe yet, and the ports the flow compiler
 * takes with them: an NVE's described ports plus each requested port whose name it does not describe and whose
 * number none of its ports has. A request ends when the NVE describes a port of that name (with whatever number
 * it got) or disconnects. Thread-safe.
 */
final class RequestedPortNumbers {
    private final Map<NveId, Map<PortName, Long>> requested = new ConcurrentHashMap<>();

    /**
     * Takes a request.
     *
     * @param nve the NVE
     * @param port the port's name
     * @param ofport the number
     * @return whether the requests changed
     */
    boolean request(final NveId nve, final PortName port, final long ofport) {
        requireNonNull(port);
        final var before = requested.get(requireNonNull(nve));
        if (before != null && Long.valueOf(ofport).equals(before.get(port))) {
            return false;
        }
        requested.compute(nve, (key, byName) -> {
            final var next = byName == null ? new HashMap<PortName, Long>() : new HashMap<>(byName);
            next.put(port, ofport);
            return Map.copyOf(next);
        });
        return true;
    }

    /**
     * Ends the requests for the ports an NVE now describes.
     *
     * @param nve the NVE
     * @param described its ports
     * @return whether the requests changed
     */
    boolean described(final NveId nve, final NvePorts described) {
        final var byName = requested.get(nve);
        if (byName == null || byName.keySet().stream().noneMatch(port -> described.ofport(port) != null)) {
            return false;
        }
        final var rest = new HashMap<PortName, Long>();
        byName.forEach((port, ofport) -> {
            if (described.ofport(port) == null) {
                rest.put(port, ofport);
            }
        });
        if (rest.isEmpty()) {
            requested.remove(nve, byName);
        } else {
            requested.replace(nve, byName, Map.copyOf(rest));
        }
        return true;
    }

    /**
     * Ends a disconnected NVE's requests.
     *
     * @param nve the NVE
     * @return whether it had any
     */
    boolean forget(final NveId nve) {
        return requested.remove(nve) != null;
    }

    /**
     * Returns the ports the flow compiler takes: the described ones with the requested ports added.
     *
     * @param described the connected NVEs' described ports
     * @return the ports, immutable
     */
    Map<NveId, NvePorts> appliedTo(final Map<NveId, NvePorts> described) {
        if (requested.isEmpty()) {
            return Map.copyOf(described);
        }
        final var ports = new HashMap<>(described);
        requested.forEach((nve, byName) -> {
            final var has = described.get(nve);
            if (has == null) {
                return;
            }
            final var numbers = new HashMap<>(has.ofports());
            byName.forEach((port, ofport) -> {
                if (!numbers.containsKey(port) && !numbers.containsValue(ofport)) {
                    numbers.put(port, ofport);
                }
            });
            ports.put(nve, new NvePorts(numbers));
        });
        return Map.copyOf(ports);
    }
}
