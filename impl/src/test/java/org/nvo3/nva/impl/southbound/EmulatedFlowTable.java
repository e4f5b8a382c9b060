/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMatchV3;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The flow tables of an emulated switch, with the OpenFlow 1.3 flow-mod semantics NVA relies on:
 * ADD replaces an entry with the same table, priority and match (counters start again), MODIFY and
 * MODIFY_STRICT change instructions and keep counters, DELETE and DELETE_STRICT remove; cookie masks
 * filter all but ADD. Non-strict matching treats an entry as matching when it has every field of the
 * request's match (a simplification of OpenFlow's "at least as specific"; enough for tests).
 * Entries are indexed by table, priority and match, so that ADD and the strict commands take constant
 * time (a benchmark's switches hold thousands of flows); entries keep the order they were added in.
 */
final class EmulatedFlowTable {
    /**
     * One flow entry.
     */
    record Flow(TableId table, int priority, Match match, U64 cookie, List<OFInstruction> instructions,
            int idleTimeout, int hardTimeout, Set<OFFlowModFlags> flags, long packets, long bytes, Instant installed) {
        Flow {
            requireNonNull(table);
            requireNonNull(match);
            requireNonNull(cookie);
            instructions = List.copyOf(instructions);
            flags = Set.copyOf(flags);
            requireNonNull(installed);
        }

        Flow withInstructions(final List<OFInstruction> newInstructions) {
            return new Flow(table, priority, match, cookie, newInstructions, idleTimeout, hardTimeout, flags, packets,
                bytes, installed);
        }

        Flow withHits(final long morePackets, final long moreBytes) {
            return new Flow(table, priority, match, cookie, instructions, idleTimeout, hardTimeout, flags,
                packets + morePackets, bytes + moreBytes, installed);
        }

        OFFlowStatsEntry toStatsEntry(final OFFactory factory, final Instant now) {
            final var age = Duration.between(installed, now);
            return factory.buildFlowStatsEntry()
                .setTableId(table)
                .setDurationSec(age.getSeconds())
                .setDurationNsec(age.getNano())
                .setPriority(priority)
                .setIdleTimeout(idleTimeout)
                .setHardTimeout(hardTimeout)
                .setFlags(flags)
                .setCookie(cookie)
                .setPacketCount(U64.of(packets))
                .setByteCount(U64.of(bytes))
                .setMatch(match)
                .setInstructions(instructions)
                .build();
        }
    }

    /** What identifies an entry: an ADD of the same key replaces it. */
    private record Key(TableId table, int priority, Match match) {
        static Key of(final Flow flow) {
            return new Key(flow.table(), flow.priority(), flow.match());
        }

        static Key of(final OFFlowMod mod) {
            return new Key(mod.getTableId(), mod.getPriority(), mod.getMatch());
        }
    }

    private final Clock clock;
    private final Map<Key, Flow> flows = new LinkedHashMap<>();

    EmulatedFlowTable(final Clock clock) {
        this.clock = requireNonNull(clock);
    }

    /**
     * Applies a flow-mod.
     *
     * @param mod the flow-mod
     * @return the entries it removed
     */
    synchronized List<Flow> apply(final OFFlowMod mod) {
        final var key = Key.of(mod);
        return switch (mod.getCommand()) {
            case ADD -> {
                // a replaced entry moves to the end, as a removal and an addition would
                flows.remove(key);
                flows.put(key, new Flow(key.table(), key.priority(), key.match(), mod.getCookie(),
                    mod.getInstructions(), mod.getIdleTimeout(), mod.getHardTimeout(), mod.getFlags(), 0, 0,
                    clock.instant()));
                yield List.of();
            }
            case MODIFY -> {
                flows.replaceAll((entry, flow) -> looseMatch(mod).test(flow)
                    ? flow.withInstructions(mod.getInstructions()) : flow);
                yield List.of();
            }
            case MODIFY_STRICT -> {
                final var flow = flows.get(key);
                if (flow != null && cookieMatches(mod, flow)) {
                    flows.put(key, flow.withInstructions(mod.getInstructions()));
                }
                yield List.of();
            }
            case DELETE -> remove(looseMatch(mod));
            case DELETE_STRICT -> {
                final var flow = flows.get(key);
                if (flow == null || !cookieMatches(mod, flow)) {
                    yield List.of();
                }
                flows.remove(key);
                yield List.of(flow);
            }
        };
    }

    /**
     * Installs an entry directly, as if it had been there before NVA connected; it replaces an entry with the
     * same table, priority and match.
     *
     * @param flow the entry
     */
    synchronized void preload(final Flow flow) {
        flows.put(Key.of(flow), flow);
    }

    /**
     * Counts traffic on an entry, as if packets had hit it.
     */
    synchronized void hit(final TableId table, final int priority, final Match match, final long packets,
            final long bytes) {
        flows.computeIfPresent(new Key(table, priority, match), (key, flow) -> flow.withHits(packets, bytes));
    }

    synchronized List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    synchronized int size() {
        return flows.size();
    }

    synchronized List<OFFlowStatsEntry> statsEntries(final OFFactory factory) {
        final var now = clock.instant();
        return flows.values().stream().map(flow -> flow.toStatsEntry(factory, now)).toList();
    }

    private List<Flow> remove(final Predicate<Flow> doomed) {
        final var removed = flows.values().stream().filter(doomed).toList();
        removed.forEach(flow -> flows.remove(Key.of(flow)));
        return removed;
    }

    private static Predicate<Flow> looseMatch(final OFFlowMod mod) {
        final var wanted = oxms(mod.getMatch());
        return flow -> (mod.getTableId().equals(TableId.ALL) || flow.table().equals(mod.getTableId()))
            && cookieMatches(mod, flow) && oxms(flow.match()).containsAll(wanted);
    }

    private static boolean cookieMatches(final OFFlowMod mod, final Flow flow) {
        final long mask = mod.getCookieMask().getValue();
        return (flow.cookie().getValue() & mask) == (mod.getCookie().getValue() & mask);
    }

    private static Set<OFOxm<?>> oxms(final Match match) {
        final var fields = new HashSet<OFOxm<?>>();
        ((OFMatchV3) match).getOxmList().forEach(fields::add);
        return fields;
    }
}
