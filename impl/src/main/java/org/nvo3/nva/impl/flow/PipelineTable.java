/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;

/**
 * NVA's OpenFlow pipeline, declared once: every table NVA programs, what it is for, which fields its
 * flows may match (and which of those under a mask), which tables they may continue at, and what it does on a
 * miss. {@link FlowEntry} checks every flow against this at construction; docs/pipeline.md is checked against
 * it by a test.
 *
 * <p>The VNI travels between tables in tun_id: the VXLAN port sets it on arrival, {@link #CLASSIFY}
 * sets it for packets from VM ports and external ports, and output to the VXLAN port sends it (see
 * docs/pipeline.md). Every flow after {@link #CLASSIFY}, but the table-miss flows, matches tun_id
 * ({@link #requiredMatches()}).
 */
public enum PipelineTable {
    CLASSIFY(0, "Admits packets from known VM ports (in_port and the VM's MAC; sets tun_id to the VM's VNI), from "
        + "a gateway NVE's external port (in_port; sets tun_id to its routing domain's VNI) and from the VXLAN port "
        + "(in_port and a known VNI in tun_id); everything else, including the GARP, RARP or unsolicited NA a VM "
        + "sends from a new port, goes to the NVA.",
        EnumSet.of(MatchField.IN_PORT, MatchField.ETH_SRC, MatchField.ETH_TYPE, MatchField.IP_PROTO,
            MatchField.ARP_OP, MatchField.ARP_SPA, MatchField.ICMPV6_TYPE, MatchField.TUNNEL_ID),
        EnumSet.noneOf(MatchField.class), TableMiss.CONTROLLER, 10, 20),
    ARP_ND_RESPONDER(10, "Sends every ARP and RARP packet and every IPv6 neighbour solicitation and "
        + "advertisement a local VM (or, at a gateway NVE, the external router) sends in a VNI this NVE hosts to the "
        + "NVA, which answers requests from the directory with a packet-out and learns from announcements, so "
        + "address resolution never floods the overlay; other packets continue.",
        EnumSet.of(MatchField.ETH_TYPE, MatchField.IP_PROTO, MatchField.ARP_OP, MatchField.ARP_TPA,
            MatchField.ICMPV6_TYPE, MatchField.IPV6_ND_TARGET, MatchField.TUNNEL_ID),
        EnumSet.of(MatchField.TUNNEL_ID), TableMiss.GOTO_NEXT, 30),
    REDIRECT(20, "On the old NVE of a VM that moved, handles packets still in flight to it (arriving on the "
        + "VXLAN port with the VM's VNI and MAC) as its network's old-location-policy says: back out of the VXLAN "
        + "port to the VM's new NVE (redirect), dropped (drop) or to the NVA, which answers the sender with ICMP "
        + "unreachable (icmp-unreachable); counted, for redirect-seconds (hard timeout; the NVA is told when it "
        + "expires).",
        EnumSet.of(MatchField.IN_PORT, MatchField.ETH_DST, MatchField.TUNNEL_ID),
        EnumSet.of(MatchField.TUNNEL_ID), TableMiss.GOTO_NEXT, 30),
    L2_DESTINATION(30, "Forwards by VNI (tun_id) and destination MAC: to a local VM's port, or to the VXLAN port "
        + "with tun_dst set to the NVE the VM is on; an L3 network's gateway MAC continues to routing, and so does, "
        + "at a gateway NVE, the gateway MAC in its routing domain's VNI (from outside, or over the overlay to "
        + "outside).",
        EnumSet.of(MatchField.ETH_DST, MatchField.TUNNEL_ID),
        EnumSet.of(MatchField.TUNNEL_ID), TableMiss.UNKNOWN_DESTINATION, 40),
    L3_HOST_ROUTE(40, "Routes in a routing domain by its VNI and the destination address: to a VM's host address "
        + "(rewrites the MACs, gateway to VM, and forwards as L2_DESTINATION does), else to the longest matching "
        + "external prefix of the domain's gateway NVEs (over the overlay to the gateway NVE, which rewrites the "
        + "MACs, gateway to next hop, and sends it out of its external port).",
        EnumSet.of(MatchField.ETH_TYPE, MatchField.IPV4_DST, MatchField.IPV6_DST, MatchField.TUNNEL_ID),
        EnumSet.of(MatchField.IPV4_DST, MatchField.IPV6_DST),
        EnumSet.of(MatchField.TUNNEL_ID), TableMiss.UNKNOWN_DESTINATION);

    /** The priority of every table-miss flow. */
    public static final int MISS_PRIORITY = 0;

    private final int id;
    private final String purpose;
    private final Set<MatchField> allowedMatches;
    private final Set<MatchField> maskedMatches;
    private final Set<MatchField> requiredMatches;
    private final TableMiss miss;
    private final List<Integer> nextIds;

    PipelineTable(final int id, final String purpose, final EnumSet<MatchField> allowedMatches,
            final EnumSet<MatchField> requiredMatches, final TableMiss miss, final int... nextIds) {
        this(id, purpose, allowedMatches, EnumSet.noneOf(MatchField.class), requiredMatches, miss, nextIds);
    }

    PipelineTable(final int id, final String purpose, final EnumSet<MatchField> allowedMatches,
            final EnumSet<MatchField> maskedMatches, final EnumSet<MatchField> requiredMatches, final TableMiss miss,
            final int... nextIds) {
        this.id = id;
        this.purpose = purpose;
        this.allowedMatches = Collections.unmodifiableSet(allowedMatches);
        this.maskedMatches = Collections.unmodifiableSet(maskedMatches);
        this.requiredMatches = Collections.unmodifiableSet(requiredMatches);
        this.miss = miss;
        this.nextIds = Arrays.stream(nextIds).boxed().toList();
    }

    static {
        for (var table : values()) {
            for (var next : table.nextIds) {
                if (next <= table.id || byId(next).isEmpty()) {
                    throw new IllegalStateException("table " + table + " may continue at " + next
                        + ", which is not a later table of the pipeline");
                }
            }
            if (!table.allowedMatches.containsAll(table.requiredMatches)
                    || !table.allowedMatches.containsAll(table.maskedMatches)) {
                throw new IllegalStateException("table " + table + " requires or masks fields it does not allow");
            }
            if (table.miss == TableMiss.GOTO_NEXT && table.nextIds.isEmpty()) {
                throw new IllegalStateException("table " + table + " continues on a miss but has no next table");
            }
        }
    }

    /**
     * Finds a table by its OpenFlow table id.
     *
     * @param id the table id
     * @return the table, or empty when the id is not part of NVA's pipeline
     */
    public static Optional<PipelineTable> byId(final int id) {
        for (var table : values()) {
            if (table.id == id) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    public int id() {
        return id;
    }

    /**
     * Returns what the table is for, in one sentence.
     *
     * @return the purpose
     */
    public String purpose() {
        return purpose;
    }

    public Set<MatchField> allowedMatches() {
        return allowedMatches;
    }

    /**
     * Returns the allowed fields this table's flows may also match under a mask: the IP destination of the routes
     * to external prefixes ({@link FlowMatchField#isMasked()}); every other field only exactly.
     *
     * @return the maskable fields, a subset of {@link #allowedMatches()}
     */
    public Set<MatchField> maskedMatches() {
        return maskedMatches;
    }

    /**
     * Returns the fields every flow of this table but its table-miss flow must match: tun_id in every
     * table after {@link #CLASSIFY}, so that no flow there can act on two VNIs at once (tenant isolation).
     *
     * @return the required fields, a subset of {@link #allowedMatches()}
     */
    public Set<MatchField> requiredMatches() {
        return requiredMatches;
    }

    public TableMiss miss() {
        return miss;
    }

    /**
     * Returns the tables this table's flows may continue at (goto-table), the first being where a
     * {@link TableMiss#GOTO_NEXT} miss continues.
     *
     * @return the next tables, in ascending id order
     */
    public List<PipelineTable> nextTables() {
        return nextIds.stream().map(next -> byId(next).orElseThrow()).toList();
    }

    public boolean allowsGotoTo(final PipelineTable table) {
        return nextIds.contains(table.id);
    }

    /**
     * Builds this table's table-miss flow.
     *
     * @param unknownDestination the fabric's unknown-destination setting, for tables whose miss it decides
     * @param punterMeter the meter limiting packet-ins, used only when the miss sends to the NVA; or null
     * @return the priority-0 flow matching every packet
     */
    public FlowEntry missEntry(final UnknownDestination unknownDestination, final @Nullable Long punterMeter) {
        return switch (miss.resolve(unknownDestination)) {
            case DROP -> new FlowEntry(this, MISS_PRIORITY, FlowMatch.ALL, List.of(), null, null, 0, 0, false);
            case CONTROLLER -> new FlowEntry(this, MISS_PRIORITY, FlowMatch.ALL,
                List.of(new OutputController(OutputController.WHOLE_PACKET)), null, punterMeter, 0, 0, false);
            case GOTO_NEXT -> new FlowEntry(this, MISS_PRIORITY, FlowMatch.ALL, List.of(), nextTables().getFirst(),
                null, 0, 0, false);
            case UNKNOWN_DESTINATION -> throw new IllegalStateException("resolve() never answers " + miss);
        };
    }

    @Override
    public String toString() {
        return name() + "(" + id + ")";
    }
}
