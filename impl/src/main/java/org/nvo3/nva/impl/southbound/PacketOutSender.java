/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.NotConnectedException;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;

/**
 * Sends NVA's packet-outs into the connected switches, by datapath id or by the NVE bound to them
 * ({@link PacketOutTranslator}).
 */
final class PacketOutSender implements PacketSender {
    private final SwitchBindings bindings;

    PacketOutSender(final SwitchBindings bindings) {
        this.bindings = requireNonNull(bindings);
    }

    @Override
    public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
        requireNonNull(packet);
        final var connected = bindings.connectedSwitch(datapathId);
        if (connected == null) {
            return CompletableFuture.failedFuture(new NotConnectedException("switch " + datapathId
                + " is not connected"));
        }
        return send(connected, packet);
    }

    @Override
    public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
        requireNonNull(packet);
        final var entry = bindings.snapshot().nve(requireNonNull(nve));
        if (entry.isEmpty()) {
            return CompletableFuture.failedFuture(new NotConnectedException("NVE " + nve + " is not in fabric/nve"));
        }
        final var datapathId = entry.orElseThrow().datapathId();
        final var connected = bindings.connectedSwitch(datapathId);
        final var bound = connected == null ? null : connected.nve();
        if (connected == null || bound == null || !nve.equals(bound.id())) {
            return CompletableFuture.failedFuture(new NotConnectedException("NVE " + nve + " (switch " + datapathId
                + ") is not connected"));
        }
        return send(connected, packet);
    }

    private static CompletableFuture<Void> send(final ConnectedSwitch connected, final PacketOut packet) {
        final var connection = connected.connection();
        final var message = PacketOutTranslator.toLoxi(packet, connection.nextXid(), VersionNegotiation.FACTORY);
        return connection.write(message).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            failure instanceof SwitchDisconnectedException
                ? new NotConnectedException("switch " + connection.datapathId() + " disconnected before the "
                    + "packet-out was sent: " + failure.getMessage())
                : failure));
    }
}
