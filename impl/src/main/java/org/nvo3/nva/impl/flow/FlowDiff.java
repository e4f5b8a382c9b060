/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What must change on one switch for its NVA flows to be the desired ones, found by cookie. A pure
 * function of the two flow sets; the reconciler sends the deletes, then the modifications and adds,
 * then a barrier.
 *
 * <p>Deletes are ordered from the first table to the last, so a packet stops being admitted before
 * the flows it would have reached go; adds and modifications from the last table to the first, so a flow
 * exists before an earlier table sends packets to it. Within a table: higher priority first, then by
 * cookie.
 *
 * @param deletes installed flows NVA no longer wants
 * @param modifies installed flows whose content must change
 * @param adds desired flows the switch does not have
 */
public record FlowDiff(List<FlowEntry> deletes, List<FlowModification> modifies, List<FlowEntry> adds) {
    private record Cookied(FlowEntry entry, FlowCookie cookie) {
    }

    private static final Comparator<Cookied> FIRST_TABLE_FIRST = Comparator
        .<Cookied>comparingInt(flow -> flow.entry().table().id())
        .thenComparing(Comparator.<Cookied>comparingInt(flow -> flow.entry().priority()).reversed())
        .thenComparing((left, right) -> Long.compareUnsigned(left.cookie().value(), right.cookie().value()));
    private static final Comparator<Cookied> LAST_TABLE_FIRST = Comparator
        .<Cookied>comparingInt(flow -> -flow.entry().table().id())
        .thenComparing(Comparator.<Cookied>comparingInt(flow -> flow.entry().priority()).reversed())
        .thenComparing((left, right) -> Long.compareUnsigned(left.cookie().value(), right.cookie().value()));

    public FlowDiff {
        deletes = List.copyOf(deletes);
        modifies = List.copyOf(modifies);
        adds = List.copyOf(adds);
    }

    /**
     * Diffs the flows NVA wants on a switch against the NVA flows it has.
     *
     * @param desired the flows NVA wants; a flow may appear twice only as equal entries
     * @param installed the switch's flows that carry their NVA cookie (foreign flows are deleted apart)
     * @return the changes
     * @throws IllegalArgumentException if two desired flows share a cookie but not a key (a hash collision:
     *     change one flow's priority), or one key is desired, or installed, in two versions
     */
    public static FlowDiff between(final Collection<FlowEntry> desired, final Collection<FlowEntry> installed) {
        final var wanted = indexDesired(desired);
        final var onSwitch = new HashMap<FlowKey, FlowEntry>();
        for (var entry : installed) {
            final var previous = onSwitch.putIfAbsent(entry.key(), entry);
            if (previous != null && !previous.equals(entry)) {
                throw new IllegalArgumentException("the switch cannot hold two versions of flow " + entry.key()
                    + ": " + previous + " and " + entry);
            }
        }

        final var deletes = new ArrayList<Cookied>();
        final var modifies = new ArrayList<Cookied>();
        final var kept = new HashSet<FlowCookie>();
        final var modifications = new HashMap<FlowCookie, FlowModification>();
        for (var entry : onSwitch.values()) {
            final var cookie = entry.cookie();
            final var want = wanted.get(cookie);
            if (want == null || !want.sameKey(entry)) {
                deletes.add(new Cookied(entry, cookie));
            } else {
                kept.add(cookie);
                if (!want.equals(entry)) {
                    modifies.add(new Cookied(want, cookie));
                    modifications.put(cookie, new FlowModification(entry, want));
                }
            }
        }
        final var adds = new ArrayList<Cookied>();
        wanted.forEach((cookie, entry) -> {
            if (!kept.contains(cookie)) {
                adds.add(new Cookied(entry, cookie));
            }
        });

        deletes.sort(FIRST_TABLE_FIRST);
        modifies.sort(LAST_TABLE_FIRST);
        adds.sort(LAST_TABLE_FIRST);
        return new FlowDiff(deletes.stream().map(Cookied::entry).toList(),
            modifies.stream().map(flow -> modifications.get(flow.cookie())).toList(),
            adds.stream().map(Cookied::entry).toList());
    }

    private static Map<FlowCookie, FlowEntry> indexDesired(final Collection<FlowEntry> desired) {
        final var wanted = new HashMap<FlowCookie, FlowEntry>();
        for (var entry : desired) {
            final var cookie = entry.cookie();
            final var previous = wanted.putIfAbsent(cookie, entry);
            if (previous == null || previous.equals(entry)) {
                continue;
            }
            if (!previous.sameKey(entry)) {
                throw new IllegalArgumentException("cookie collision: flows " + previous.key() + " and "
                    + entry.key() + " both hash to cookie " + cookie + "; change one flow's priority");
            }
            throw new IllegalArgumentException("flow " + entry.key() + " is desired in two versions: " + previous
                + " and " + entry);
        }
        return wanted;
    }

    public boolean isEmpty() {
        return deletes.isEmpty() && modifies.isEmpty() && adds.isEmpty();
    }

    /**
     * Returns the number of flow-mods the diff takes.
     *
     * @return deletes, modifications and adds together
     */
    public int size() {
        return deletes.size() + modifies.size() + adds.size();
    }
}
