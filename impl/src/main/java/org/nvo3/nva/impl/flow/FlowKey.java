/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

/**
 * What identifies a flow on a switch (OpenFlow's strict match): table, priority and match. Two flows
 * with one key cannot coexist; the cookie is derived from the key alone.
 *
 * @param table the table
 * @param priority 0..65535
 * @param match the match, using only fields the table allows (masked only where it allows a mask) and, unless
 *     it is the table-miss flow, every field the table requires
 */
public record FlowKey(PipelineTable table, int priority, FlowMatch match) {
    /**
     * Checks the key against its table.
     *
     * @throws IllegalArgumentException if the priority is out of range, the table does not allow a field (or its
     *     mask) or a field the table requires is missing
     */
    public FlowKey {
        check(table, priority, match);
    }

    static void check(final PipelineTable table, final int priority, final FlowMatch match) {
        requireNonNull(table);
        requireNonNull(match);
        FieldValues.inRange("priority", priority, 0, 0xFFFF);
        final var matched = match.matchFields();
        for (var field : matched) {
            if (!table.allowedMatches().contains(field)) {
                throw new IllegalArgumentException("table " + table + " does not allow matching on "
                    + field.ovsName() + "; it allows " + table.allowedMatches().stream().map(MatchField::ovsName)
                    .toList());
            }
        }
        for (var field : match.fields()) {
            if (field.isMasked() && !table.maskedMatches().contains(field.field())) {
                throw new IllegalArgumentException("table " + table + " does not allow a masked match on "
                    + field.field().ovsName() + "; it allows masks on " + table.maskedMatches().stream()
                    .map(MatchField::ovsName).toList());
            }
        }
        final boolean tableMiss = priority == PipelineTable.MISS_PRIORITY && match.isEmpty();
        if (!tableMiss && !matched.containsAll(table.requiredMatches())) {
            throw new IllegalArgumentException("every flow of table " + table + " but its table-miss flow must match "
                + table.requiredMatches().stream().map(MatchField::ovsName).toList() + "; this one matches "
                + matched.stream().map(MatchField::ovsName).toList());
        }
    }

    public FlowCookie cookie() {
        return FlowCookie.of(this);
    }
}
