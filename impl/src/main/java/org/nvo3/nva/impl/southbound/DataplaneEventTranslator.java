/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.time.Duration;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.PortChangeKind;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.match.MatchField;

/**
 * Translates a switch's asynchronous OpenFlow 1.3 messages (PACKET_IN, FLOW_REMOVED, PORT_STATUS)
 * into NVA's data plane records.
 */
final class DataplaneEventTranslator {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private DataplaneEventTranslator() {
        // no instances
    }

    /**
     * Reads a packet-in. OpenFlow 1.3 carries in_port in the packet-in's match, and Open vSwitch the
     * pipeline metadata the packet had when punted, tun_id among it (the VNI in NVA's pipeline).
     *
     * @param message the message
     * @param datapathId the switch that sent it
     * @param nve the NVE bound to that switch, or null
     * @return the record
     * @throws IllegalArgumentException when the match has no in_port or a value is out of range
     */
    static PacketIn packetIn(final OFPacketIn message, final DatapathId datapathId, final @Nullable NveId nve) {
        final var inPort = message.getMatch().get(MatchField.IN_PORT);
        if (inPort == null) {
            throw new IllegalArgumentException("packet-in without in_port in its match");
        }
        final var reason = switch (message.getReason()) {
            case NO_MATCH -> PuntReason.TABLE_MISS;
            case ACTION -> PuntReason.ACTION;
            default -> PuntReason.OTHER;
        };
        final var tunnelId = message.getMatch().get(MatchField.TUNNEL_ID);
        return new PacketIn(datapathId, nve, message.getTableId().getValue(),
            Integer.toUnsignedLong(inPort.getPortNumber()), message.getCookie().getValue(), reason,
            Frame.of(message.getData()), tunnelId == null ? null : tunnelId.getValue());
    }

    /**
     * Reads a flow-removed.
     *
     * @param message the message
     * @param datapathId the switch that sent it
     * @param nve the NVE bound to that switch, or null
     * @return the record
     */
    static FlowExpiry flowExpiry(final OFFlowRemoved message, final DatapathId datapathId,
            final @Nullable NveId nve) {
        final var reason = switch (message.getReason()) {
            case IDLE_TIMEOUT -> ExpiryReason.IDLE_TIMEOUT;
            case HARD_TIMEOUT -> ExpiryReason.HARD_TIMEOUT;
            case DELETE -> ExpiryReason.DELETE;
            case GROUP_DELETE -> ExpiryReason.GROUP_DELETE;
            case METER_DELETE -> ExpiryReason.METER_DELETE;
            default -> ExpiryReason.OTHER;
        };
        final var duration = Duration.ofSeconds(message.getDurationSec(),
            Math.min(message.getDurationNsec(), NANOS_PER_SECOND - 1));
        return new FlowExpiry(datapathId, nve, message.getTableId().getValue(), message.getPriority(),
            message.getCookie().getValue(), reason, message.getPacketCount().getValue(),
            message.getByteCount().getValue(), duration);
    }

    /**
     * Reads a port-status.
     *
     * @param message the message
     * @param datapathId the switch that sent it
     * @param nve the NVE bound to that switch, or null
     * @return the record
     */
    static PortChange portChange(final OFPortStatus message, final DatapathId datapathId,
            final @Nullable NveId nve) {
        final var kind = switch (message.getReason()) {
            case ADD -> PortChangeKind.ADDED;
            case DELETE -> PortChangeKind.DELETED;
            case MODIFY -> PortChangeKind.MODIFIED;
        };
        final var desc = message.getDesc();
        final boolean linkUp = !desc.getState().contains(OFPortState.LINK_DOWN)
            && !desc.getConfig().contains(OFPortConfig.PORT_DOWN);
        return new PortChange(datapathId, nve, kind, Integer.toUnsignedLong(desc.getPortNo().getPortNumber()),
            desc.getName(), linkUp);
    }
}
