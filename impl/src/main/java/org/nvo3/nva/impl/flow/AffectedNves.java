/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

/**
 * Which NVEs' compiled flows may differ between two forwarding states ({@link FlowCompiler#affectedNves}).
 *
 * <p>An NVE's flows depend on: the unknown-destination setting; its own fabric entry and ports; the
 * redirects from it; and, per L2 VNI it hosts, the VNI's mode and every placed VM of the VNI (its MAC, the
 * NVE it is on and that NVE's underlay address; its port only on that NVE). So a change to a VNI (a VM
 * added, removed, moved, re-addressed or placed on an NVE whose underlay address changed; the network's
 * mode) affects every NVE hosting the VNI before or after; a VM's port alone, an NVE's ports or fabric
 * entry, or a redirect affect that one NVE; unknown-destination affects all. With destination-distribution
 * on-demand a VM's change affects only the NVEs holding flows of it ({@link OnDemandDestinations}), and a
 * changed demand the NVE that demands.
 */
final class AffectedNves {
    private AffectedNves() {
        // no instances
    }

    static Set<NveId> between(final ForwardingState before, final ForwardingState after) {
        final var nves = after.fabric().nves().keySet();
        final var candidates = vmsToCompare(before, after);
        if (before.fabric() == after.fabric()) {
            // within one fabric, derive the new index from the old instead of indexing every VM again
            final var index = before.builtIndex();
            if (index != null && after.builtIndex() == null) {
                after.adoptIndex(index.patched(before, after, candidates));
            }
        }
        if (before.fabric().settings().unknownDestination() != after.fabric().settings().unknownDestination()
                || OnDemandDestinations.settingsDiffer(before, after)) {
            return Collections.unmodifiableSortedSet(new TreeSet<>(nves));
        }
        final var affected = new HashSet<NveId>();
        final var changedVnis = new HashSet<Vni>();
        compareNves(before, after, affected, changedVnis);
        compareNetworks(before, after, changedVnis);
        comparePorts(before.ports(), after.ports(), affected);
        final boolean onDemand = OnDemandDestinations.onDemand(after);
        for (var id : candidates) {
            if (onDemand) {
                OnDemandDestinations.affectedByVm(before, after, id, affected);
            } else {
                compareVm(before, before.fabric().vms().get(id), after, after.fabric().vms().get(id), affected,
                    changedVnis);
            }
        }
        if (onDemand) {
            OnDemandDestinations.affectedByDemands(before, after, affected);
        }
        compareRedirects(before.redirects(), after.redirects(), affected);
        compareRedirects(after.redirects(), before.redirects(), affected);
        for (var vni : changedVnis) {
            affected.addAll(before.index().hostsOf(vni));
            affected.addAll(after.index().hostsOf(vni));
        }
        affected.retainAll(nves);
        return Collections.unmodifiableSortedSet(new TreeSet<>(affected));
    }

    /**
     * Returns every VM whose record or placement may differ: all of them when the fabric changed, else
     * those whose learned location did.
     */
    private static Set<VmId> vmsToCompare(final ForwardingState before, final ForwardingState after) {
        final var candidates = new HashSet<VmId>();
        if (before.fabric() != after.fabric()) {
            candidates.addAll(before.fabric().vms().keySet());
            candidates.addAll(after.fabric().vms().keySet());
        } else if (before.learned() != after.learned()) {
            candidates.addAll(before.learned().keySet());
            candidates.addAll(after.learned().keySet());
            candidates.removeIf(id -> Objects.equals(before.learned().get(id), after.learned().get(id)));
        }
        return candidates;
    }

    private static void compareNves(final ForwardingState before, final ForwardingState after,
            final Set<NveId> affected, final Set<Vni> changedVnis) {
        if (before.fabric().nves() == after.fabric().nves()) {
            return;
        }
        final var ids = new HashSet<>(before.fabric().nves().keySet());
        ids.addAll(after.fabric().nves().keySet());
        for (var id : ids) {
            final var old = before.fabric().nves().get(id);
            final var now = after.fabric().nves().get(id);
            if (Objects.equals(old, now)) {
                continue;
            }
            affected.add(id);
            if (old == null || now == null || !old.underlayIp().equals(now.underlayIp())) {
                before.index().vmsOn(id).forEach(placed -> changedVnis.add(placed.vm().vni()));
                after.index().vmsOn(id).forEach(placed -> changedVnis.add(placed.vm().vni()));
            }
        }
    }

    private static void compareNetworks(final ForwardingState before, final ForwardingState after,
            final Set<Vni> changedVnis) {
        final var vnis = new HashSet<>(before.fabric().networks().keySet());
        vnis.addAll(after.fabric().networks().keySet());
        for (var vni : vnis) {
            final var old = before.fabric().networks().get(vni);
            final var now = after.fabric().networks().get(vni);
            if (old == null || now == null || old.mode() != now.mode()) {
                changedVnis.add(vni);
            }
        }
    }

    private static void comparePorts(final Map<NveId, NvePorts> before, final Map<NveId, NvePorts> after,
            final Set<NveId> affected) {
        final var ids = new HashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (var id : ids) {
            if (!Objects.equals(before.get(id), after.get(id))) {
                affected.add(id);
            }
        }
    }

    private static void compareVm(final ForwardingState before, final @Nullable Vm old, final ForwardingState after,
            final @Nullable Vm now, final Set<NveId> affected, final Set<Vni> changedVnis) {
        final var oldPlacement = old == null ? null : before.placement(old).orElse(null);
        final var newPlacement = now == null ? null : after.placement(now).orElse(null);
        if (old != null && now != null && old.vni().equals(now.vni()) && old.mac().equals(now.mac())) {
            if (oldPlacement == null || newPlacement == null) {
                if (oldPlacement != newPlacement) {
                    changedVnis.add(now.vni());
                }
            } else if (!oldPlacement.nve().equals(newPlacement.nve())) {
                changedVnis.add(now.vni());
            } else if (!Objects.equals(oldPlacement.port(), newPlacement.port())) {
                affected.add(newPlacement.nve());
            }
            return;
        }
        if (old != null) {
            changedVnis.add(old.vni());
        }
        if (now != null) {
            changedVnis.add(now.vni());
        }
    }

    /** Adds the old NVE of every redirect of {@code these} that {@code others} does not hold. */
    private static void compareRedirects(final Set<Redirect> these, final Set<Redirect> others,
            final Set<NveId> affected) {
        for (var redirect : these) {
            if (!others.contains(redirect)) {
                affected.add(redirect.from());
            }
        }
    }
}
