/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One flow NVA wants on (or found on) a switch, checked against {@link PipelineTable} when it is built,
 * so that a flow the pipeline does not allow fails in a unit test rather than on a switch. Equality
 * covers everything, actions and timeouts included: two entries with one {@link #key()} but different
 * content are the same switch flow in two versions.
 *
 * @param table the table
 * @param priority 0..65535
 * @param match the match, using only fields the table allows (and those it requires, unless this is the
 *     table-miss flow)
 * @param actions the apply-actions list, in order; empty (and no goto) drops the packet
 * @param gotoTable the table to continue at, one the table allows; or null to stop here
 * @param meterId the meter the packet passes first, 1..0xffff0000; or null
 * @param idleTimeout seconds without a hit before the switch removes the flow, 0..65535 (0: never)
 * @param hardTimeout seconds after installation before the switch removes the flow, 0..65535 (0: never)
 * @param notifyOnRemoval whether the switch reports the flow's removal (OFPFF_SEND_FLOW_REM)
 */
public record FlowEntry(PipelineTable table, int priority, FlowMatch match, List<FlowAction> actions,
        @Nullable PipelineTable gotoTable, @Nullable Long meterId, int idleTimeout, int hardTimeout,
        boolean notifyOnRemoval) {
    /** OFPM_MAX: the largest meter id a switch accepts. */
    public static final long MAX_METER_ID = 0xFFFF_0000L;

    /**
     * Checks the flow against its table.
     *
     * @throws IllegalArgumentException if the table does not allow a match field or the goto, a field the
     *     table requires is missing, or a number is out of range
     */
    public FlowEntry {
        FlowKey.check(table, priority, match);
        actions = List.copyOf(actions);
        if (gotoTable != null && !table.allowsGotoTo(gotoTable)) {
            throw new IllegalArgumentException("table " + table + " may not continue at " + gotoTable
                + "; it may continue at " + table.nextTables());
        }
        if (meterId != null) {
            FieldValues.inRange("meter id", meterId, 1, MAX_METER_ID);
        }
        FieldValues.inRange("idle timeout", idleTimeout, 0, 0xFFFF);
        FieldValues.inRange("hard timeout", hardTimeout, 0, 0xFFFF);
    }

    /**
     * Builds a permanent flow with no meter and no removal notice.
     *
     * @param table the table
     * @param priority 0..65535
     * @param match the match
     * @param actions the apply-actions list
     * @param gotoTable the table to continue at, or null
     * @return the flow
     */
    public static FlowEntry of(final PipelineTable table, final int priority, final FlowMatch match,
            final List<FlowAction> actions, final @Nullable PipelineTable gotoTable) {
        return new FlowEntry(table, priority, match, actions, gotoTable, null, 0, 0, false);
    }

    public FlowKey key() {
        return new FlowKey(table, priority, match);
    }

    public FlowCookie cookie() {
        // the key this entry was checked with: no FlowKey to build and check again
        return FlowCookie.of(table, priority, match);
    }

    /**
     * Tells whether another entry has the same key (table, priority, match), without building either key.
     *
     * @param other the other entry
     * @return whether they are versions of the same flow
     */
    public boolean sameKey(final FlowEntry other) {
        return table == other.table && priority == other.priority && match.equals(other.match);
    }

    /**
     * Tells whether a flow with this entry's key could be turned into {@code other} by changing its
     * instructions alone (actions, goto, meter): an OpenFlow 1.3 modify leaves timeouts and flags as they
     * were, so anything else needs the flow replaced.
     *
     * @param other the other version of this flow
     * @return true when key, timeouts and removal notice are the same
     */
    public boolean differsOnlyInInstructions(final FlowEntry other) {
        return key().equals(other.key()) && idleTimeout == other.idleTimeout && hardTimeout == other.hardTimeout
            && notifyOnRemoval == other.notifyOnRemoval;
    }
}
