/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.HashSet;
import java.util.Set;

/**
 * Which scopes of one NVE's flows to (re-)compile: all of them, or some.
 *
 * @param everything true for every scope of the NVE, whatever {@link #scopes} says
 * @param scopes the scopes when not everything
 */
public record NveScopes(boolean everything, Set<FlowScope> scopes) {
    /** Every scope. */
    public static final NveScopes EVERYTHING = new NveScopes(true, Set.of());
    /** No scope at all. */
    public static final NveScopes NONE = new NveScopes(false, Set.of());

    public NveScopes {
        scopes = everything ? Set.of() : Set.copyOf(scopes);
    }

    /**
     * Selects some scopes.
     *
     * @param scopes the scopes
     * @return the selection
     */
    public static NveScopes of(final Set<FlowScope> scopes) {
        return scopes.isEmpty() ? NONE : new NveScopes(false, scopes);
    }

    /**
     * Tells whether a scope is selected.
     *
     * @param scope the scope
     * @return true when it is
     */
    public boolean contains(final FlowScope scope) {
        return everything || scopes.contains(scope);
    }

    /**
     * Returns both selections together.
     *
     * @param other another selection
     * @return the union
     */
    public NveScopes plus(final NveScopes other) {
        if (everything || other.everything) {
            return EVERYTHING;
        }
        final var union = new HashSet<>(scopes);
        union.addAll(other.scopes);
        return of(union);
    }

    @Override
    public String toString() {
        return everything ? "everything" : scopes.toString();
    }
}
