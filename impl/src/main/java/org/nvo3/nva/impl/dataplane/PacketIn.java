/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;

/**
 * A packet a switch punted to the NVA.
 *
 * @param datapathId the switch
 * @param nve the fabric/nve entry bound to the switch, or null when no entry names its datapath id
 * @param tableId the table whose flow (or miss) sent it, 0..254
 * @param inPort the port it arrived on: 1..0xffffff00, LOCAL, or CONTROLLER for a packet the NVA injected
 * @param cookie the cookie of the flow that sent it (all ones when the switch does not say)
 * @param reason why it was sent
 * @param frame the packet
 * @param tunnelId the tun_id the packet had when punted (the VNI in NVA's pipeline), or null when the
 *     packet-in's match did not carry one
 * @param receivedNanos when NVA's southbound received it (monotonic nanoseconds), 0 when not stamped
 */
public record PacketIn(DatapathId datapathId, @Nullable NveId nve, int tableId, long inPort, long cookie,
        PuntReason reason, Frame frame, @Nullable Long tunnelId, long receivedNanos) {
    /** The highest table id (OFPTT_MAX). */
    public static final int MAX_TABLE = 254;

    public PacketIn {
        requireNonNull(datapathId);
        checkTable(tableId);
        if (inPort != Ports.CONTROLLER) {
            Ports.checkSwitchPort("packet-in in_port", inPort);
        }
        requireNonNull(reason);
        requireNonNull(frame);
    }

    /**
     * Builds a packet-in without a receipt time.
     *
     * @param datapathId the switch
     * @param nve the fabric/nve entry bound to the switch, or null
     * @param tableId the table whose flow (or miss) sent it, 0..254
     * @param inPort the port it arrived on
     * @param cookie the cookie of the flow that sent it
     * @param reason why it was sent
     * @param frame the packet
     * @param tunnelId the tun_id of its match, or null
     */
    public PacketIn(final DatapathId datapathId, final @Nullable NveId nve, final int tableId, final long inPort,
            final long cookie, final PuntReason reason, final Frame frame, final @Nullable Long tunnelId) {
        this(datapathId, nve, tableId, inPort, cookie, reason, frame, tunnelId, 0);
    }

    /**
     * Returns this packet-in stamped with the monotonic time NVA's southbound received it.
     *
     * @param nanos the receipt time (the injected monotonic ticker's nanoseconds)
     * @return the packet-in
     */
    public PacketIn receivedAt(final long nanos) {
        return new PacketIn(datapathId, nve, tableId, inPort, cookie, reason, frame, tunnelId, nanos);
    }

    /**
     * Builds a packet-in whose match carried no tun_id.
     *
     * @param datapathId the switch
     * @param nve the fabric/nve entry bound to the switch, or null
     * @param tableId the table whose flow (or miss) sent it, 0..254
     * @param inPort the port it arrived on
     * @param cookie the cookie of the flow that sent it
     * @param reason why it was sent
     * @param frame the packet
     */
    public PacketIn(final DatapathId datapathId, final @Nullable NveId nve, final int tableId, final long inPort,
            final long cookie, final PuntReason reason, final Frame frame) {
        this(datapathId, nve, tableId, inPort, cookie, reason, frame, null);
    }

    /**
     * Returns what kind of packet this is, for dispatch.
     *
     * @return the kind
     */
    public PacketKind kind() {
        return PacketKind.classify(frame);
    }

    static int checkTable(final int tableId) {
        if (tableId < 0 || tableId > MAX_TABLE) {
            throw new IllegalArgumentException("table id " + tableId + " is outside 0.." + MAX_TABLE);
        }
        return tableId;
    }

    @Override
    public String toString() {
        return "PacketIn[" + datapathId + (nve == null ? "" : " (" + nve + ")") + " table " + tableId + " in_port "
            + Long.toUnsignedString(inPort) + " cookie 0x" + Long.toHexString(cookie) + " " + reason + " " + frame
            + (tunnelId == null ? "" : " tun_id " + Long.toUnsignedString(tunnelId)) + "]";
    }
}
