/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import tech.pantheon.triemap.ImmutableTrieMap;
import tech.pantheon.triemap.TrieMap;

/**
 * One NVE's flows, grouped by {@link FlowScope}: the compiler's output for some or all scopes, or what a
 * switch was last brought to. A scope with no flows is not listed. Immutable.
 */
public final class ScopedFlows {
    /** No flows. */
    public static final ScopedFlows EMPTY = new ScopedFlows(Map.of(), 0);

    private final Map<FlowScope, List<FlowEntry>> byScope;
    private final int size;

    private ScopedFlows(final Map<FlowScope, List<FlowEntry>> byScope, final int size) {
        this.byScope = byScope;
        this.size = size;
    }

    /**
     * Groups flows by scope.
     *
     * @param byScope the flows of each scope; scopes without flows are dropped
     * @return the grouping
     */
    public static ScopedFlows of(final Map<FlowScope, List<FlowEntry>> byScope) {
        final var copy = new LinkedHashMap<FlowScope, List<FlowEntry>>();
        int size = 0;
        for (var entry : byScope.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                copy.put(entry.getKey(), List.copyOf(entry.getValue()));
                size += entry.getValue().size();
            }
        }
        return new ScopedFlows(copy, size);
    }

    /**
     * Returns the flows of one scope.
     *
     * @param scope the scope
     * @return its flows, empty when it has none
     */
    public List<FlowEntry> of(final FlowScope scope) {
        return byScope.getOrDefault(scope, List.of());
    }

    /**
     * Returns every flow.
     *
     * @return the flows, scope by scope
     */
    public List<FlowEntry> all() {
        final var flows = new ArrayList<FlowEntry>(size);
        byScope.values().forEach(flows::addAll);
        return flows;
    }

    /**
     * Returns the flows of some scopes.
     *
     * @param which the scopes
     * @return their flows
     */
    public List<FlowEntry> flowsOf(final NveScopes which) {
        if (which.everything()) {
            return all();
        }
        final var flows = new ArrayList<FlowEntry>();
        which.scopes().forEach(scope -> flows.addAll(of(scope)));
        return flows;
    }

    /**
     * Replaces the flows of some scopes by newly compiled ones: what a switch holds once the difference
     * between {@code flowsOf(which)} and {@code compiled.all()} is applied to it.
     *
     * @param which the scopes that were compiled
     * @param compiled their flows now, of those scopes only
     * @return the flows with those scopes replaced
     * @throws IllegalArgumentException if {@code compiled} has a scope outside {@code which}
     */
    public ScopedFlows replaced(final NveScopes which, final ScopedFlows compiled) {
        for (var scope : compiled.byScope.keySet()) {
            if (!which.contains(scope)) {
                throw new IllegalArgumentException("flows of " + scope + " were compiled, but only " + which
                    + " are replaced");
            }
        }
        if (which.everything()) {
            return compiled;
        }
        // a persistent map: replacing a few scopes of an NVE holding thousands costs the few
        final var next = persistent(byScope).mutableSnapshot();
        int nextSize = size;
        for (var scope : which.scopes()) {
            final var old = next.remove(scope);
            if (old != null) {
                nextSize -= old.size();
            }
            final var now = compiled.byScope.get(scope);
            if (now != null) {
                next.put(scope, now);
                nextSize += now.size();
            }
        }
        return new ScopedFlows(next.immutableSnapshot(), nextSize);
    }

    /**
     * Returns the same flows kept in a persistent map, so that {@link #replaced} costs only the scopes it replaces
     * (its first call on flows grouped by {@link #of} copies them all).
     *
     * @return the same flows, persistent
     */
    public ScopedFlows persisted() {
        return byScope instanceof ImmutableTrieMap ? this : new ScopedFlows(persistent(byScope), size);
    }

    private static ImmutableTrieMap<FlowScope, List<FlowEntry>> persistent(
            final Map<FlowScope, List<FlowEntry>> byScope) {
        if (byScope instanceof ImmutableTrieMap<FlowScope, List<FlowEntry>> trie) {
            return trie;
        }
        final var trie = TrieMap.<FlowScope, List<FlowEntry>>create();
        trie.putAll(byScope);
        return trie.immutableSnapshot();
    }

    /**
     * Leaves out the flow with a cookie: what a switch holds once it removed that flow by itself (a timeout).
     * Costs a pass over every flow.
     *
     * @param cookie the removed flow's cookie
     * @return the flows without it; this when there is no such flow
     */
    public ScopedFlows without(final FlowCookie cookie) {
        for (var entry : byScope.entrySet()) {
            final var flows = entry.getValue();
            for (var flow : flows) {
                if (flow.cookie().equals(cookie)) {
                    final var next = persistent(byScope).mutableSnapshot();
                    final var rest = flows.stream().filter(other -> !other.cookie().equals(cookie)).toList();
                    if (rest.isEmpty()) {
                        next.remove(entry.getKey());
                    } else {
                        next.put(entry.getKey(), rest);
                    }
                    return new ScopedFlows(next.immutableSnapshot(), size - (flows.size() - rest.size()));
                }
            }
        }
        return this;
    }

    /**
     * Returns the number of flows.
     *
     * @return the flow count
     */
    public int size() {
        return size;
    }

    @Override
    public boolean equals(final @Nullable Object obj) {
        return this == obj || obj instanceof ScopedFlows other && byScope.equals(other.byScope);
    }

    @Override
    public int hashCode() {
        return byScope.hashCode();
    }

    @Override
    public String toString() {
        return "ScopedFlows{scopes=" + byScope.size() + ", flows=" + size + "}";
    }
}
