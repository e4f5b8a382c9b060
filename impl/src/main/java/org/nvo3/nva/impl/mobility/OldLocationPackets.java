/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.mobility.OldLocationAnswer.Unanswered;
import org.nvo3.nva.impl.mobility.OldLocationAnswer.Unreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the packets a moved VM's old NVE sends to the NVA from its {@code REDIRECT} table (old-location-policy
 * icmp-unreachable; the punt meter limits them): each is answered with the ICMP error {@link OldLocationResponder}
 * builds, sent by packet-out into the old NVE, or logged at debug with the NVE, switch, packet and why not, and
 * counted per NVE. No packet-in of that table is a move announcement.
 *
 * <p>Per running redirect, the packets and the errors sent are counted in memory, on the thread that handles
 * packet-ins (in NVA the moves thread, with every other data plane event: under a flood of stale packets their
 * answers queue with the moves, limited by the punt meter); no datastore write per packet. The redirect's end
 * ({@link #redirectEnded}) hands them to its migration record, which publishes them (state/migration
 * old-location-packets, icmp-unreachable-sent). Counts of redirects that ended without a flow removal (a VM or
 * NVE that left the intent, a later move from the same NVE) are dropped then.
 */
public final class OldLocationPackets implements DataplaneListener {
    private static final Logger LOG = LoggerFactory.getLogger(OldLocationPackets.class);
    private static final OldLocationCounts ANSWERED = new OldLocationCounts(1, 1);
    private static final OldLocationCounts NOT_ANSWERED = new OldLocationCounts(1, 0);

    private final MobilityService service;
    private final ForwardingStates states;
    private final PacketSender sender;
    private final Map<ActiveRedirect, OldLocationCounts> counts = new ConcurrentHashMap<>();
    private final Map<NveId, AtomicLong> unanswered = new ConcurrentHashMap<>();

    /**
     * Creates the handler.
     *
     * @param service the mobility service, for its current view
     * @param states the forwarding states, for the one of the service's view (where VMs are, the NVEs' ports)
     * @param sender sends the ICMP errors
     */
    public OldLocationPackets(final MobilityService service, final ForwardingStates states,
            final PacketSender sender) {
        this.service = requireNonNull(service);
        this.states = requireNonNull(states);
        this.sender = requireNonNull(sender);
    }

    @Override
    public void packetIn(final PacketIn packetIn) {
        if (packetIn.tableId() != PipelineTable.REDIRECT.id()) {
            return;
        }
        final var nveId = packetIn.nve();
        if (nveId == null) {
            LOG.debug("Old-location packet from switch {}, which is not in fabric/nve, ignored: {}",
                packetIn.datapathId(), packetIn);
            return;
        }
        final var view = service.current();
        final var answer = OldLocationResponder.answer(states.stateOf(view), packetIn);
        final var moved = answer.moved();
        final var redirect = moved == null ? null : view.state().redirect(moved.id(), nveId).orElse(null);
        switch (answer) {
            case Unreachable unreachable -> {
                count(redirect, ANSWERED);
                sender.send(nveId, unreachable.packetOut()).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.debug("ICMP unreachable for VM {} to {} not sent into NVE {} (switch {}): {}",
                            unreachable.moved().id(), unreachable.sender().id(), nveId, packetIn.datapathId(),
                            failure.getMessage());
                    }
                });
            }
            case Unanswered(var vm, var why) -> {
                count(redirect, NOT_ANSWERED);
                final long count = unanswered.computeIfAbsent(nveId, id -> new AtomicLong()).incrementAndGet();
                LOG.debug("Old-location packet #{} at NVE {} (switch {}){} not answered: {} ({})", count, nveId,
                    packetIn.datapathId(), vm == null ? "" : " for moved VM " + vm.id(), why, packetIn);
            }
        }
    }

    private void count(final @Nullable ActiveRedirect redirect, final OldLocationCounts packet) {
        if (redirect != null) {
            counts.merge(redirect, packet, OldLocationCounts::plus);
        }
    }

    /**
     * A redirect ended: returns what was counted for it and forgets it, and the counts of redirects the
     * current state no longer has.
     *
     * @param redirect the redirect
     * @return its counts, {@link OldLocationCounts#NONE} when no packet of it reached the NVA
     */
    public OldLocationCounts redirectEnded(final ActiveRedirect redirect) {
        final var ended = counts.remove(redirect);
        if (!counts.isEmpty()) {
            final var state = service.current().state();
            counts.keySet().removeIf(other -> !state.redirect(other.vm(), other.from())
                .map(other::equals).orElse(false));
        }
        return ended == null ? OldLocationCounts.NONE : ended;
    }

    /**
     * Returns what was counted for a running redirect so far.
     *
     * @param redirect the redirect
     * @return its counts
     */
    public OldLocationCounts countsOf(final ActiveRedirect redirect) {
        return counts.getOrDefault(redirect, OldLocationCounts.NONE);
    }

    /**
     * Returns how many old-location packets from an NVE got no answer.
     *
     * @param nve the NVE
     * @return the count since start
     */
    public long unansweredPackets(final NveId nve) {
        final var count = unanswered.get(nve);
        return count == null ? 0 : count.get();
    }
}
