/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowAction;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;

/**
 * A packet the NVA sends into a switch (OpenFlow PACKET_OUT, never from a switch buffer): the switch
 * applies {@code actions} in order and then, when {@code toPipeline} is set, runs the packet through its
 * flow tables from table 0 (OFPP_TABLE) as if it had arrived on {@code inPort}.
 *
 * <p>The two uses, each with a factory: {@link #toPort} answers a VM (ARP reply, neighbour
 * advertisement, RARP reply) out of one port; {@link #toTunnel} sends a packet over the VXLAN port to
 * another NVE with a VNI. (A punted packet could be handed back to the pipeline with its original in_port
 * and {@code toPipeline}; NVA does not, see {@code DestinationPuller}.)
 *
 * @param inPort the port the packet is deemed to arrive on: {@link Ports#CONTROLLER} or a switch port
 * @param actions the actions, from NVA's flow actions; an output to the controller is refused
 * @param toPipeline whether the packet then enters the flow tables at table 0
 * @param frame the packet, at least an Ethernet header (14 bytes)
 */
public record PacketOut(long inPort, List<FlowAction> actions, boolean toPipeline, Frame frame) {
    /** The length of an Ethernet header: destination, source, ethertype. */
    public static final int MIN_FRAME_LENGTH = 14;

    public PacketOut {
        if (inPort != Ports.CONTROLLER) {
            Ports.checkSwitchPort("packet-out in_port", inPort);
        }
        actions = List.copyOf(actions);
        requireNonNull(frame);
        if (frame.length() < MIN_FRAME_LENGTH) {
            throw new IllegalArgumentException("a packet-out of " + frame.length() + " bytes is shorter than an "
                + "Ethernet header");
        }
        boolean outputs = toPipeline;
        for (var action : actions) {
            switch (action) {
                case OutputController controller -> throw new IllegalArgumentException("a packet-out does not "
                    + "output to the controller");
                case OutputInPort back when inPort == Ports.CONTROLLER -> throw new IllegalArgumentException(
                    "output to IN_PORT needs a switch port as in_port, not CONTROLLER");
                case Output output -> outputs = true;
                case OutputInPort back -> outputs = true;
                default -> {
                    // a set-field or a TTL decrement: changes the packet, sends nothing
                }
            }
        }
        if (!outputs) {
            throw new IllegalArgumentException("a packet-out whose actions " + actions + " send the packet nowhere");
        }
    }

    /**
     * Sends a packet the NVA built out of one port, e.g. an ARP reply to the VM that asked.
     *
     * @param port the port
     * @param frame the packet
     * @return the packet-out
     */
    public static PacketOut toPort(final long port, final Frame frame) {
        return new PacketOut(Ports.CONTROLLER, List.of(new Output(port)), false, frame);
    }

    /**
     * Sends a packet over the VXLAN port to another NVE, in a VNI.
     *
     * @param tunnelPort the VXLAN port
     * @param remote the other NVE's underlay address
     * @param vni the VNI (tun_id)
     * @param frame the packet
     * @return the packet-out
     */
    public static PacketOut toTunnel(final long tunnelPort, final IpAddress remote, final Vni vni,
            final Frame frame) {
        return new PacketOut(Ports.CONTROLLER, List.of(SetTunnelId.of(vni), new SetTunnelDst(remote),
            new Output(tunnelPort)), false, frame);
    }
}
