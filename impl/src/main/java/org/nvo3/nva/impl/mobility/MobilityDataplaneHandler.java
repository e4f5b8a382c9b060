/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.Ports;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.MalformedPacketException;
import org.nvo3.nva.impl.packet.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane side of mobility: punted packets become move claims (and directory answers), a VM
 * port leaving an NVE completes an announced move, and the removal of a redirect flow ends its redirect.
 * Packets that claim an identity they cannot have are dropped, counted per NVE and logged with the
 * switch, port and reason; malformed packets likewise. Packets from the bridge's LOCAL port (the host's
 * own interface, br-int) are no VM's announcement: ignored, not counted; nor are packets still sent to a moved
 * VM that its old NVE's {@code REDIRECT} flow punted ({@link OldLocationPackets} answers those).
 */
public final class MobilityDataplaneHandler implements DataplaneListener {
    private static final Logger LOG = LoggerFactory.getLogger(MobilityDataplaneHandler.class);

    private final MobilityService service;
    private final NveProgramming programming;
    private final PacketSender sender;
    private final RedirectFlows redirectFlows;
    private final Clock clock;
    private final ObjLongConsumer<NveId> rejectionCounts;
    private final Function<ActiveRedirect, OldLocationCounts> oldLocationCounts;
    private final Map<NveId, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();

    /**
     * Creates a handler that counts nothing of the packets old NVEs send the NVA (no {@link OldLocationPackets}).
     *
     * @param service the mobility service
     * @param programming the southbound, naming the ports packets arrive on
     * @param sender sends the directory's answers
     * @param redirectFlows maps a removed flow back to its redirect
     * @param clock stamps detections
     * @param rejectionCounts told an NVE's new count of rejected announcements
     */
    public MobilityDataplaneHandler(final MobilityService service, final NveProgramming programming,
            final PacketSender sender, final RedirectFlows redirectFlows, final Clock clock,
            final ObjLongConsumer<NveId> rejectionCounts) {
        this(service, programming, sender, redirectFlows, clock, rejectionCounts, redirect -> OldLocationCounts.NONE);
    }

    /**
     * Creates the handler.
     *
     * @param service the mobility service
     * @param programming the southbound, naming the ports packets arrive on
     * @param sender sends the directory's answers
     * @param redirectFlows maps a removed flow back to its redirect
     * @param clock stamps detections
     * @param rejectionCounts told an NVE's new count of rejected announcements
     * @param oldLocationCounts takes what was counted of the packets a redirect's old NVE sent the NVA when the
     *     redirect ends ({@link OldLocationPackets#redirectEnded})
     */
    public MobilityDataplaneHandler(final MobilityService service, final NveProgramming programming,
            final PacketSender sender, final RedirectFlows redirectFlows, final Clock clock,
            final ObjLongConsumer<NveId> rejectionCounts,
            final Function<ActiveRedirect, OldLocationCounts> oldLocationCounts) {
        this.oldLocationCounts = requireNonNull(oldLocationCounts);
        this.service = requireNonNull(service);
        this.programming = requireNonNull(programming);
        this.sender = requireNonNull(sender);
        this.redirectFlows = requireNonNull(redirectFlows);
        this.clock = requireNonNull(clock);
        this.rejectionCounts = requireNonNull(rejectionCounts);
    }

    @Override
    public void packetIn(final PacketIn packetIn) {
        final var at = clock.instant();
        final var nveId = packetIn.nve();
        if (nveId == null) {
            LOG.debug("Packet-in from switch {}, which is not in fabric/nve, ignored", packetIn.datapathId());
            return;
        }
        if (packetIn.tableId() == PipelineTable.REDIRECT.id()) {
            // a packet still sent to a moved VM, from the VXLAN port: no announcement, answered elsewhere
            return;
        }
        if (packetIn.inPort() == Ports.LOCAL) {
            // the host's own traffic on the bridge interface (br-int): no VM announces itself there
            LOG.debug("Packet from NVE {} (switch {}) LOCAL port ignored: not a VM port", nveId,
                packetIn.datapathId());
            return;
        }
        final Packet packet;
        try {
            packet = FrameParser.parse(packetIn.frame().bytes());
        } catch (MalformedPacketException e) {
            malformed.incrementAndGet();
            LOG.warn("Malformed packet from NVE {} (switch {}) port {}: {} ({})", nveId, packetIn.datapathId(),
                packetIn.inPort(), e.getMessage(), packetIn.frame());
            return;
        }
        final var view = service.current();
        final var nve = view.fabric().nve(nveId).orElse(null);
        if (nve == null) {
            return;
        }
        final var port = programming.portName(nveId, packetIn.inPort()).orElse(null);
        final var gateway = port == null ? null : ExternalPortResponder.gatewayOn(view.fabric(), nve, port)
            .orElse(null);
        if (gateway != null) {
            // the external router: answered for the routing domain's addresses, never a VM's announcement
            ExternalPortResponder.answer(view.fabric(), gateway, packet).ifPresentOrElse(
                frame -> send(packetIn, frame, "the external router of " + gateway.domain()),
                () -> LOG.debug("Packet from NVE {} external port {} ({}) not answered: {}", nveId, port,
                    gateway.domain(), packet));
            return;
        }
        final var owner = port == null ? null : service.locationIndex(view).vmOn(nveId, port).orElse(null);
        final var interpretation = AnnouncementInterpreter.interpret(view.fabric(), view.state(),
            nve, port, owner, packet, at);
        switch (interpretation) {
            case Interpretation.Claim(var claim) -> {
                final var request = new MoveRequest(claim.vm(), claim.nve(), claim.port(), claim.trigger(),
                    claim.detectedAt(), new Detection(packetIn.receivedNanos(), "packet-in from " + nveId + " port "
                        + packetIn.inPort()));
                final var outcome = service.moveRequested(request);
                if (outcome.verdict() != MoveVerdict.REJECTED && outcome.verdict() != MoveVerdict.FROZEN) {
                    final var vm = view.fabric().vm(request.vm()).orElseThrow();
                    answer(packetIn, vm, packet);
                }
            }
            case Interpretation.Spoof(var reason) -> {
                final long count = rejected.computeIfAbsent(nveId, id -> new AtomicLong()).incrementAndGet();
                LOG.warn("Rejected announcement #{} at NVE {} (switch {}) port {} ({}): {}", count, nveId,
                    packetIn.datapathId(), port, packetIn.inPort(), reason);
                rejectionCounts.accept(nveId, count);
            }
            case Interpretation.Ignored(var why) -> LOG.debug("Packet from NVE {} port {} ignored: {}", nveId, port,
                why);
        }
    }

    private void answer(final PacketIn packetIn, final Vm asker, final Packet packet) {
        DirectoryResponder.answer(service.current().fabric(), asker, packet).ifPresent(frame ->
            send(packetIn, frame, asker.id().value()));
    }

    /** Sends an answer out of the port the question came in on. */
    private void send(final PacketIn packetIn, final byte[] frame, final String to) {
        sender.send(requireNonNull(packetIn.nve()), PacketOut.toPort(packetIn.inPort(), Frame.of(frame)))
            .whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.warn("Answer to {} at NVE {} port {} not sent: {}", to, packetIn.nve(), packetIn.inPort(),
                        failure.getMessage());
                }
            });
    }

    @Override
    public void flowExpired(final FlowExpiry expiry) {
        final var nve = expiry.nve();
        if (nve == null) {
            return;
        }
        redirectFlows.redirectOf(service.current(), nve, expiry.tableId(), expiry.cookie())
            .ifPresent(redirect -> service.redirectEnded(redirect.vm(), redirect.from(), expiry.packetCount(),
                oldLocationCounts.apply(redirect)));
    }

    @Override
    public void portChanged(final PortChange change) {
        final var nve = change.nve();
        if (nve == null) {
            return;
        }
        final var port = PortName.tryParse(change.portName()).orElse(null);
        if (port == null) {
            return;
        }
        final var detection = new Detection(change.receivedNanos(), "port-status " + change.kind() + " "
            + change.portName() + " on " + nve);
        switch (change.kind()) {
            case ADDED -> service.portAdded(nve, port, detection);
            case DELETED -> service.portDeleted(nve, port, detection);
            case MODIFIED -> LOG.debug("Port {} of NVE {} modified", port, nve);
            default -> throw new IllegalStateException("unexpected port change " + change.kind());
        }
    }

    /**
     * Returns how many announcements from an NVE's ports were rejected as spoofs.
     *
     * @param nve the NVE
     * @return the count since start
     */
    public long rejectedAnnouncements(final NveId nve) {
        final var count = rejected.get(nve);
        return count == null ? 0 : count.get();
    }

    public long malformedPackets() {
        return malformed.get();
    }
}
