/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Vni;

/**
 * One action of a flow's apply-actions list. A flow with no actions and no goto drops the packet.
 */
public sealed interface FlowAction {
    /**
     * Sends the packet out of a port (never back out of the port it came in on: see {@link OutputInPort}).
     *
     * @param port a physical or logical port number, 1..0xffffff00
     */
    record Output(long port) implements FlowAction {
        public Output {
            FieldValues.inRange("output port", port, 1, FieldValues.MAX_PORT);
        }
    }

    /**
     * Sends the packet back out of the port it came in on (OFPP_IN_PORT): how the old NVE re-encapsulates
     * a packet that arrived on the VXLAN port towards the VM's new NVE.
     */
    record OutputInPort() implements FlowAction {
    }

    /**
     * Sends the packet to the NVA as a packet-in (OFPP_CONTROLLER).
     *
     * @param maxLength the bytes of the packet to send, 0..0xffe5, or {@link #WHOLE_PACKET}
     */
    record OutputController(int maxLength) implements FlowAction {
        /** OFPCML_NO_BUFFER: the whole packet, not buffered on the switch. */
        public static final int WHOLE_PACKET = 0xFFFF;

        public OutputController {
            if (maxLength != WHOLE_PACKET) {
                FieldValues.inRange("controller max_len", maxLength, 0, 0xFFE5);
            }
        }
    }

    /**
     * Sets the tunnel key (set_field tun_id): the VNI a packet leaves the VXLAN port with, and the VNI
     * later tables match on.
     *
     * @param key 0..0xffffff
     */
    record SetTunnelId(long key) implements FlowAction {
        public SetTunnelId {
            FieldValues.inRange("tun_id", key, 0, FieldValues.MAX_TUNNEL_KEY);
        }

        public static SetTunnelId of(final Vni vni) {
            return new SetTunnelId(vni.value());
        }
    }

    /**
     * Sets the remote tunnel endpoint: set_field tun_dst for an IPv4 NVE, tun_ipv6_dst for an IPv6 one.
     *
     * @param address the remote NVE's underlay address, a unicast host address
     */
    record SetTunnelDst(IpAddress address) implements FlowAction {
        public SetTunnelDst {
            if (!requireNonNull(address).isHostUnicast()) {
                throw new IllegalArgumentException("tunnel destination " + address + " is not a unicast host");
            }
        }
    }

    /**
     * Rewrites the Ethernet destination (routing to a VM in an L3 network).
     *
     * @param mac the new destination
     */
    record SetEthDst(MacAddress mac) implements FlowAction {
        public SetEthDst {
            requireNonNull(mac);
        }
    }

    /**
     * Rewrites the Ethernet source (routing: the gateway's MAC).
     *
     * @param mac the new source
     */
    record SetEthSrc(MacAddress mac) implements FlowAction {
        public SetEthSrc {
            requireNonNull(mac);
        }
    }

    /**
     * Decrements the IPv4 TTL or the IPv6 hop limit (OpenFlow 1.3 OFPAT_DEC_NW_TTL), as a router does: routing
     * in an L3 network. Open vSwitch applies it to IPv4 and IPv6 packets only. A packet whose TTL or hop limit
     * is 0 or 1 (decrementing would make it 0) is not decremented: Open vSwitch stops the flow's actions there,
     * so no later action and no goto happens, and sends the packet as a packet-in (reason OFPR_INVALID_TTL)
     * only to a controller that enabled those in its asynchronous configuration. NVA does not (it sends no
     * set-async, and Open vSwitch's default leaves them out), so such a packet is dropped.
     *
     * <p>The flow must match dl_type IPv4 or IPv6: over OpenFlow 1.3 Open vSwitch refuses the action in any
     * other flow (OFPBAC_MATCH_INCONSISTENT). {@link FlowEntry} does not check action prerequisites.
     */
    record DecrementTtl() implements FlowAction {
    }
}
