/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.flow.OnDemandDestinations;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the pull of unknown-destination pull: a packet an NVE punted because no {@code L2_DESTINATION}
 * flow matched its VNI (tun_id) and destination MAC. A VM of the fabric placed on another NVE becomes the
 * NVE's demand (destination-distribution on-demand) and the NVE is re-synchronised; once its barrier is
 * back the punted packet is sent on, straight to the VM's NVE over the VXLAN port with the VNI. A
 * destination nobody has is dropped, counted per NVE and logged at debug with the switch, VNI and MAC.
 * Broadcast and multicast destinations never pull, nor do packets that arrived over the overlay (their
 * sender's flow is stale; its own re-sync fixes it).
 *
 * <p>The punted packet is sent on with the NVA's answer rather than re-injected into the switch's
 * pipeline: it went through {@code CLASSIFY} already (which admitted it and set its VNI), an OpenFlow 1.3
 * packet-out cannot carry the tun_id back in, and a re-injected packet whose flow could not be installed
 * (no VXLAN port, a sync that failed, a demand that idled out meanwhile) would miss and be punted again.
 *
 * <p>The switch's removal of a pulled flow as idle ends the demand, so that no later re-sync brings it
 * back.
 */
public final class DestinationPuller implements DataplaneListener {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationPuller.class);

    private final MobilityService service;
    private final ForwardingStates states;
    private final PacketSender sender;
    private final ObjLongConsumer<NveId> unknownCounts;
    private final Map<NveId, AtomicLong> unknown = new ConcurrentHashMap<>();

    /**
     * Creates the puller.
     *
     * @param service the mobility service holding the demands
     * @param states the forwarding states, for the one of the service's view
     * @param sender sends the punted packets on
     * @param unknownCounts told an NVE's new count of punted packets to unknown destinations
     */
    public DestinationPuller(final MobilityService service, final ForwardingStates states,
            final PacketSender sender, final ObjLongConsumer<NveId> unknownCounts) {
        this.service = requireNonNull(service);
        this.states = requireNonNull(states);
        this.sender = requireNonNull(sender);
        this.unknownCounts = requireNonNull(unknownCounts);
    }

    @Override
    public void packetIn(final PacketIn packetIn) {
        final var nveId = packetIn.nve();
        if (packetIn.tableId() != PipelineTable.L2_DESTINATION.id() || packetIn.reason() != PuntReason.TABLE_MISS
                || nveId == null || packetIn.frame().length() < PacketOut.MIN_FRAME_LENGTH) {
            return;
        }
        final var tunnelId = packetIn.tunnelId();
        if (tunnelId == null || tunnelId < 1 || tunnelId > Vni.MAX) {
            LOG.debug("Destination miss at NVE {} (switch {}) without a VNI in tun_id, dropped: {}", nveId,
                packetIn.datapathId(), packetIn);
            return;
        }
        final var vni = new Vni(tunnelId.intValue());
        final var mac = MacAddress.fromBytes(Arrays.copyOf(packetIn.frame().bytes(), 6));
        if (mac.isGroup()) {
            return;
        }
        final var state = states.stateOf(service.current());
        final var nve = state.fabric().nve(nveId).orElse(null);
        final var tunnel = nve == null ? null : state.portsOf(nveId).ofport(nve.tunnelPort());
        if (nve == null || tunnel == null || tunnel == packetIn.inPort()) {
            LOG.debug("Destination miss at NVE {} (switch {}) VNI {} MAC {} not pulled: {}", nveId,
                packetIn.datapathId(), vni, mac, nve == null ? "not in fabric/nve" : tunnel == null
                    ? "its VXLAN port is unknown" : "it came over the overlay");
            return;
        }
        final var vm = state.fabric().lookup(vni, mac).map(entry -> entry.vm()).orElse(null);
        final var placement = vm == null ? null : state.placement(vm).orElse(null);
        if (vm == null || placement == null) {
            final long count = unknown.computeIfAbsent(nveId, id -> new AtomicLong()).incrementAndGet();
            LOG.debug("Unknown destination #{} at NVE {} (switch {}): VNI {} MAC {}{}, dropped", count, nveId,
                packetIn.datapathId(), vni, mac, vm == null ? "" : " (VM " + vm.id() + " is not placed)");
            unknownCounts.accept(nveId, count);
            return;
        }
        if (placement.nve().equals(nveId)) {
            LOG.debug("Destination miss at NVE {} (switch {}) for its own VM {}, whose port it lacks, dropped",
                nveId, packetIn.datapathId(), vm.id());
            return;
        }
        service.pulled(nveId, vm.id()).whenComplete((at, failure) -> {
            if (failure != null) {
                LOG.warn("Pull of VM {} by NVE {} (switch {}) failed, punted packet dropped: {}", vm.id(), nveId,
                    packetIn.datapathId(), failure.getMessage());
            } else {
                sendOn(nveId, vm, tunnel, packetIn);
            }
        });
    }

    /** Sends the punted packet to wherever the VM is once the NVE's flows are in place. */
    private void sendOn(final NveId nveId, final Vm vm, final long tunnel, final PacketIn packetIn) {
        final var state = states.stateOf(service.current());
        final var placement = state.placement(vm).orElse(null);
        final var target = placement == null ? null : state.fabric().nve(placement.nve()).orElse(null);
        if (target == null || target.id().equals(nveId)) {
            LOG.debug("VM {} pulled by NVE {} is {} now, punted packet dropped", vm.id(), nveId,
                target == null ? "unplaced" : "local");
            return;
        }
        sender.send(nveId, PacketOut.toTunnel(tunnel, target.underlayIp(), vm.vni(), packetIn.frame()))
            .whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.warn("Punted packet for VM {} at NVE {} not sent on: {}", vm.id(), nveId,
                        failure.getMessage());
                }
            });
    }

    @Override
    public void flowExpired(final FlowExpiry expiry) {
        final var nve = expiry.nve();
        if (nve == null || expiry.reason() != ExpiryReason.IDLE_TIMEOUT) {
            return;
        }
        OnDemandDestinations.demandOf(states.stateOf(service.current()), nve, expiry.tableId(), expiry.cookie())
            .ifPresent(vm -> service.pullExpired(nve, vm));
    }

    /**
     * Returns how many punted packets to unknown destinations an NVE sent.
     *
     * @param nve the NVE
     * @return the count since start
     */
    public long unknownDestinations(final NveId nve) {
        final var count = unknown.get(nve);
        return count == null ? 0 : count.get();
    }
}
