/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.flow.FakePipeline.Emission;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;

/**
 * Every NVE of a forwarding state as a {@link FakePipeline} loaded with its compiled flows, joined by an
 * ideal underlay: a packet an NVE sends out of its VXLAN port with tun_dst set arrives at the NVE with that
 * underlay address, on its VXLAN port, with the same tun_id.
 */
public final class FakeOverlay {
    /**
     * Where something ended up: a packet leaving a VM port, a packet-in, or a tunnel packet no NVE received.
     *
     * @param nve the NVE it left
     * @param emission what left
     */
    public record Delivery(NveId nve, Emission emission) {
    }

    private static final int MAX_HOPS = 8;

    private final Map<NveId, FakePipeline> switches = new HashMap<>();
    private final Map<NveId, Long> tunnelPorts = new HashMap<>();
    private final Map<IpAddress, NveId> byUnderlay = new HashMap<>();

    /**
     * Compiles and loads every NVE of the fabric.
     *
     * @param state the forwarding state
     * @param punterMeter the meter every NVE punts through, or null
     */
    public FakeOverlay(final ForwardingState state, final @Nullable Long punterMeter) {
        for (var nve : state.fabric().nves().values()) {
            switches.put(nve.id(), new FakePipeline(ReferenceCompiler.compile(state, nve.id(), punterMeter)));
            final var tunnel = state.portsOf(nve.id()).ofport(nve.tunnelPort());
            if (tunnel != null) {
                tunnelPorts.put(nve.id(), tunnel);
            }
            byUnderlay.put(nve.underlayIp(), nve.id());
        }
    }

    /**
     * Sends a packet into one NVE and follows it over the overlay.
     *
     * @param nve the NVE it enters
     * @param packet the packet
     * @return where it ended up, in order
     */
    public List<Delivery> send(final NveId nve, final Packet packet) {
        final var deliveries = new ArrayList<Delivery>();
        follow(nve, packet, 0, deliveries);
        return deliveries;
    }

    /**
     * Tells what one NVE alone does with a packet.
     *
     * @param nve the NVE
     * @param packet the packet
     * @return the outcome
     */
    public FakePipeline.Outcome at(final NveId nve, final Packet packet) {
        return switches.get(nve).process(packet);
    }

    private void follow(final NveId nve, final Packet packet, final int hops, final List<Delivery> deliveries) {
        if (hops > MAX_HOPS) {
            throw new AssertionError("packet " + packet + " still travels the overlay after " + MAX_HOPS + " hops");
        }
        for (var emission : switches.get(nve).process(packet).emissions()) {
            final var next = emission instanceof Sent sent && isTunnel(nve, sent.port()) && sent.tunDst() != null
                ? byUnderlay.get(sent.tunDst()) : null;
            final var nextTunnel = next == null ? null : tunnelPorts.get(next);
            if (nextTunnel == null) {
                deliveries.add(new Delivery(nve, emission));
            } else {
                final var sent = (Sent) emission;
                follow(next, sent.packet().arrivingOverTunnel(nextTunnel, sent.tunId()), hops + 1, deliveries);
            }
        }
    }

    private boolean isTunnel(final NveId nve, final long port) {
        final var tunnel = tunnelPorts.get(nve);
        return tunnel != null && tunnel == port;
    }
}
