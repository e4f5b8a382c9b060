/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OldLocationCounts;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;

/**
 * Reads the rows of OPERATIONAL state/vm-location and state/migration back into mobility records, the
 * inverse of {@link MobilityRows}. A row that cannot be a record (a leaf missing or malformed) is refused
 * with an {@link IllegalArgumentException} naming the row and the leaf.
 */
final class MobilityRecords {
    private MobilityRecords() {
        // no instances
    }

    static VmLocation location(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation row) {
        final var id = row.getId();
        final var what = "state/vm-location " + (id == null ? "without id" : id.getValue());
        final var port = row.getPort();
        return new VmLocation(new VmId(required(what, "id", row.getId()).getValue()),
            new NveId(required(what, "nve", row.getNve()).getValue()),
            port == null ? null : new PortName(port.getValue()),
            required(what, "sequence", row.getSequence()).longValue(),
            trigger(required(what, "learned-from", row.getLearnedFrom())),
            instant(what, "since", required(what, "since", row.getSince())),
            Boolean.TRUE.equals(row.getFrozen()));
    }

    static @Nullable Long ofport(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation row) {
        final var ofport = row.getOfport();
        return ofport == null ? null : ofport.longValue();
    }

    static SortedSet<NveId> gateways(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation row) {
        final var gateways = new TreeSet<NveId>();
        final var published = row.getGatewayNve();
        if (published != null) {
            published.forEach(id -> gateways.add(new NveId(id.getValue())));
        }
        return gateways;
    }

    static Migration migration(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration row) {
        final var what = "state/migration " + row.getId();
        final var from = row.getFromNve();
        final var convergedAt = row.getConvergedAt();
        final var until = row.getRedirectUntil();
        final var packets = row.getRedirectedPackets();
        final var oldLocationPackets = row.getOldLocationPackets();
        final var icmpUnreachableSent = row.getIcmpUnreachableSent();
        final var reason = row.getReason();
        return new Migration(required(what, "id", row.getId()),
            new VmId(required(what, "vm", row.getVm()).getValue()),
            from == null ? null : new NveId(from.getValue()),
            new NveId(required(what, "to-nve", row.getToNve()).getValue()),
            trigger(required(what, "trigger", row.getTrigger())),
            state(required(what, "state", row.getState())),
            instant(what, "detected-at", required(what, "detected-at", row.getDetectedAt())),
            convergedAt == null ? null : instant(what, "converged-at", convergedAt),
            until == null ? null : instant(what, "redirect-until", until),
            packets == null ? 0 : packets.longValue(),
            oldLocation(what, oldLocationPackets == null ? 0 : oldLocationPackets.longValue(),
                icmpUnreachableSent == null ? 0 : icmpUnreachableSent.longValue()),
            reason == null ? "" : reason, TimelineRows.timeline(row.getTimeline()));
    }

    private static OldLocationCounts oldLocation(final String what, final long packets, final long sent) {
        try {
            return new OldLocationCounts(packets, sent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    static MoveTrigger trigger(final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MoveTrigger trigger) {
        return switch (trigger) {
            case Orchestrator -> MoveTrigger.ORCHESTRATOR;
            case GratuitousArp -> MoveTrigger.GRATUITOUS_ARP;
            case UnsolicitedNa -> MoveTrigger.UNSOLICITED_NA;
            case Rarp -> MoveTrigger.RARP;
            case Traffic -> MoveTrigger.TRAFFIC;
            case PortAdded -> MoveTrigger.PORT_ADDED;
        };
    }

    private static MigrationState state(
            final org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrationState state) {
        return switch (state) {
            case Announced -> MigrationState.ANNOUNCED;
            case Converging -> MigrationState.CONVERGING;
            case Converged -> MigrationState.CONVERGED;
            case RedirectExpired -> MigrationState.REDIRECT_EXPIRED;
            case Rejected -> MigrationState.REJECTED;
            case Failed -> MigrationState.FAILED;
        };
    }

    private static Instant instant(final String what, final String leaf, final DateAndTime time) {
        try {
            return OffsetDateTime.parse(time.getValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + ": " + leaf + " '" + time.getValue() + "' is not a time", e);
        }
    }

    private static <T> T required(final String what, final String leaf, final @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " has no " + leaf);
        }
        return value;
    }
}
