/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;

/**
 * The configuration as last seen, entry by entry, converted to domain records; entries that could
 * not be converted are kept as problems, never dropped. Ensure and remove are idempotent. Confined
 * to the thread that delivers data tree changes.
 */
final class IntentDraft {
    private record EntryKey(IntentKind kind, String id) {
    }

    private FabricSettings settings = FabricSettings.DEFAULT;
    private final Map<String, Nve> nves = new HashMap<>();
    private final Map<Long, VirtualNetwork> networks = new HashMap<>();
    private final Map<String, Vm> vms = new HashMap<>();
    private final Map<String, RoutingDomain> routingDomains = new HashMap<>();
    private final Map<EntryKey, IntentProblem> malformed = new HashMap<>();

    /**
     * Builds a draft from a whole fabric container: the full-recompute baseline.
     *
     * @param fabric the container, or null when there is none
     * @return the draft
     */
    static IntentDraft of(final @Nullable Fabric fabric) {
        final var draft = new IntentDraft();
        draft.replaceAll(fabric);
        return draft;
    }

    void replaceAll(final @Nullable Fabric fabric) {
        settings = FabricSettings.DEFAULT;
        nves.clear();
        networks.clear();
        vms.clear();
        routingDomains.clear();
        malformed.clear();
        if (fabric == null) {
            return;
        }
        ensureSettings(fabric.getSettings());
        fabric.nonnullNve().values().forEach(this::ensureNve);
        fabric.nonnullVirtualNetwork().values().forEach(this::ensureNetwork);
        fabric.nonnullVm().values().forEach(this::ensureVm);
        fabric.nonnullRoutingDomain().values().forEach(this::ensureRoutingDomain);
    }

    void ensureSettings(final @Nullable Settings binding) {
        final var key = new EntryKey(IntentKind.SETTINGS, "settings");
        try {
            settings = FabricEntryConverter.settings(binding);
            malformed.remove(key);
        } catch (IllegalArgumentException e) {
            settings = FabricSettings.DEFAULT;
            malformed.put(key, new IntentProblem(IntentKind.SETTINGS, key.id(),
                e.getMessage() + "; using the defaults"));
        }
    }

    void ensureNve(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve binding) {
        final var id = binding.requireId().getValue();
        ensure(IntentKind.NVE, id, id, nves, () -> FabricEntryConverter.nve(binding));
    }

    void removeNve(final String id) {
        remove(IntentKind.NVE, id, id, nves);
    }

    void ensureNetwork(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork binding) {
        final long vni = binding.requireVni().getValue().longValue();
        ensure(IntentKind.VIRTUAL_NETWORK, Long.toString(vni), vni, networks,
            () -> FabricEntryConverter.network(binding));
    }

    void removeNetwork(final long vni) {
        remove(IntentKind.VIRTUAL_NETWORK, Long.toString(vni), vni, networks);
    }

    void ensureVm(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Vm binding) {
        final var id = binding.requireId().getValue();
        ensure(IntentKind.VM, id, id, vms, () -> FabricEntryConverter.vm(binding));
    }

    void removeVm(final String id) {
        remove(IntentKind.VM, id, id, vms);
    }

    void ensureRoutingDomain(
            final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain binding) {
        final var name = binding.requireName().getValue();
        ensure(IntentKind.ROUTING_DOMAIN, name, name, routingDomains,
            () -> FabricEntryConverter.routingDomain(binding));
    }

    void removeRoutingDomain(final String name) {
        remove(IntentKind.ROUTING_DOMAIN, name, name, routingDomains);
    }

    private <K, V> void ensure(final IntentKind kind, final String id, final K key, final Map<K, V> target,
            final Supplier<V> converter) {
        final var problemKey = new EntryKey(kind, id);
        try {
            target.put(key, converter.get());
            malformed.remove(problemKey);
        } catch (IllegalArgumentException e) {
            target.remove(key);
            malformed.put(problemKey, new IntentProblem(kind, id, e.getMessage()));
        }
    }

    private <K, V> void remove(final IntentKind kind, final String id, final K key, final Map<K, V> target) {
        target.remove(key);
        malformed.remove(new EntryKey(kind, id));
    }

    FabricIntent intent() {
        return new FabricIntent(settings, rekey(nves, Nve::id), rekey(networks, VirtualNetwork::vni),
            rekey(vms, Vm::id), rekey(routingDomains, RoutingDomain::id));
    }

    List<IntentProblem> malformed() {
        final var list = new ArrayList<>(malformed.values());
        list.sort(Comparator.comparing(IntentProblem::kind).thenComparing(IntentProblem::id));
        return list;
    }

    private static <K, V> Map<K, V> rekey(final Map<?, V> source, final Function<V, K> key) {
        final var result = new HashMap<K, V>(source.size() * 2);
        source.values().forEach(value -> result.put(key.apply(value), value));
        return result;
    }
}
