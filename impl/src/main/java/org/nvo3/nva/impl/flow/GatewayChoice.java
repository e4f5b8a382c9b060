/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.RoutingDomainId;
import org.nvo3.nva.api.Vni;

/**
 * Which gateway NVE an NVE sends a routing domain's traffic for each external prefix to (draft-ietf-nvo3-vmm 4.1:
 * the gateway may change with a move): the nearest, that is the NVE itself when it is a gateway announcing the
 * prefix, else the first gateway NVE by id announcing it. What an NVE's external routes point to
 * ({@link ExternalRoutes}) and what state/vm-location records as a VM's gateways are the same choice.
 */
public final class GatewayChoice {
    private final FabricSnapshot fabric;
    /** Per routing domain that has any, its gateway NVEs, sorted by id. */
    private final Map<RoutingDomainId, List<Nve>> gatewaysByDomain;

    private GatewayChoice(final FabricSnapshot fabric) {
        this.fabric = fabric;
        final var byDomain = new HashMap<RoutingDomainId, List<Nve>>();
        fabric.nves().values().stream().sorted(Comparator.comparing(Nve::id)).forEach(nve ->
            nve.gateways().keySet().forEach(domain -> byDomain.computeIfAbsent(domain, ignored -> new ArrayList<>())
                .add(nve)));
        gatewaysByDomain = byDomain;
    }

    /**
     * The choices of one fabric snapshot (its gateway NVEs indexed once).
     *
     * @param fabric the intent
     * @return the choices
     */
    public static GatewayChoice of(final FabricSnapshot fabric) {
        return new GatewayChoice(fabric);
    }

    /**
     * Tells whether this is the choice of a fabric snapshot.
     *
     * @param snapshot the snapshot
     * @return true when it was made of exactly that snapshot
     */
    public boolean isOf(final FabricSnapshot snapshot) {
        return fabric == snapshot;
    }

    /**
     * Tells whether the route to an external prefix would outrank the host routes (priority 10 + prefix length
     * against {@link FlowCompiler#PRIORITY}): an IPv6 prefix longer than /89.
     *
     * @param prefix the external prefix
     * @return true when its route's priority is at least a host route's
     */
    public static boolean outranksHostRoutes(final IpPrefix prefix) {
        return ExternalRoutes.priority(prefix) >= FlowCompiler.PRIORITY;
    }

    /**
     * The gateway NVE per external prefix for traffic that enters the domain's routing at one NVE.
     *
     * @param domain the routing domain
     * @param gateways the domain's gateway NVEs, sorted by id
     * @param at the NVE the traffic is routed at
     * @return per prefix the chosen gateway NVE
     */
    static SortedMap<IpPrefix, Nve> chosen(final RoutingDomain domain, final List<Nve> gateways, final NveId at) {
        final var byPrefix = new TreeMap<IpPrefix, Nve>();
        for (var nve : gateways) {
            final var gateway = nve.gateways().get(domain.id());
            if (gateway != null) {
                for (var prefix : gateway.prefixes()) {
                    if (nve.id().equals(at)) {
                        // the nearest: out of its own external port, not over the overlay
                        byPrefix.put(prefix, nve);
                    } else {
                        byPrefix.putIfAbsent(prefix, nve);
                    }
                }
            }
        }
        return byPrefix;
    }

    /**
     * Returns the gateway NVEs a VM's external traffic leaves through while the VM is on an NVE.
     *
     * @param vni the VM's network
     * @param at the NVE the VM is on
     * @return the gateway NVEs, sorted; none for a VM of an L2 network or of a domain without gateways
     */
    public SortedSet<NveId> gatewaysFor(final Vni vni, final NveId at) {
        final var domain = fabric.routingDomainOf(vni).orElse(null);
        final var gateways = domain == null ? null : gatewaysByDomain.get(domain.id());
        if (gateways == null) {
            return Collections.emptySortedSet();
        }
        final var chosen = new TreeSet<NveId>();
        chosen(domain, gateways, at).values().forEach(nve -> chosen.add(nve.id()));
        return Collections.unmodifiableSortedSet(chosen);
    }
}
