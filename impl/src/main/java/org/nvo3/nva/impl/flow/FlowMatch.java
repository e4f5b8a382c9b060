/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The match part of a flow: at most one value per {@link MatchField} (exact, or for the IP destination a
 * prefix), with the OpenFlow prerequisites present. Fields are kept in {@link MatchField} order, so equal
 * matches have equal lists, hash codes and strings whatever order they were given in.
 *
 * @param fields the fields, in {@link MatchField} order
 */
public record FlowMatch(List<FlowMatchField> fields) {
    /** The empty match: every packet (what a table-miss flow matches). */
    public static final FlowMatch ALL = new FlowMatch(List.of());

    /**
     * Sorts the fields and checks them; a field given twice with the same value counts once.
     *
     * @throws IllegalArgumentException if a field is given twice with different values or a prerequisite is missing
     */
    public FlowMatch {
        final var byField = byField(fields);
        MatchPrerequisites.check(byField);
        fields = List.copyOf(byField.values());
    }

    public static FlowMatch of(final FlowMatchField... fields) {
        return new FlowMatch(Arrays.asList(fields));
    }

    private static EnumMap<MatchField, FlowMatchField> byField(final Collection<FlowMatchField> fields) {
        final var byField = new EnumMap<MatchField, FlowMatchField>(MatchField.class);
        for (var field : fields) {
            final var previous = byField.put(field.field(), field);
            if (previous != null && !previous.equals(field)) {
                throw new IllegalArgumentException("match field " + field.field().ovsName() + " is given twice: "
                    + previous + " and " + field);
            }
        }
        return byField;
    }

    /**
     * Returns this match's value for a field.
     *
     * @param field the field
     * @return the value, or null when the match does not constrain this field
     */
    public @Nullable FlowMatchField get(final MatchField field) {
        for (var present : fields) {
            if (present.field() == field) {
                return present;
            }
        }
        return null;
    }

    /**
     * Returns the fields this match constrains.
     *
     * @return the fields, in {@link MatchField} order
     */
    public Set<MatchField> matchFields() {
        final var set = EnumSet.noneOf(MatchField.class);
        fields.forEach(field -> set.add(field.field()));
        return Collections.unmodifiableSet(set);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
