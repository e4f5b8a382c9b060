/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetEthDst;
import org.nvo3.nva.impl.flow.FlowAction.SetEthSrc;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpOp;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpSpa;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpTpa;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6NdTarget;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * A Loxi-free model of one OpenFlow 1.3 switch running NVA's flows, for behavioural tests: a packet enters
 * table 0 and walks the tables, in each taking the highest-priority matching flow, running its
 * apply-actions in order (set-field changes the packet for later actions and tables; output sends a copy
 * as it is then) and following its goto. A masked IP destination matches every address of its prefix; OpenFlow
 * has no longest-prefix match, only priorities, so NVA gives a longer prefix a higher priority and the highest
 * priority is the longest match. A table with no matching flow drops the packet (OpenFlow 1.3
 * without a table-miss flow). As on a switch, output to the packet's ingress port is dropped unless it is
 * {@code IN_PORT}. Two matching flows of one priority are a compiler bug here (OpenFlow leaves the choice
 * undefined), so the walk fails. A TTL decrement works as in Open vSwitch: a packet whose TTL (or hop
 * limit) is 0 or 1 goes no further (the flow's later actions and goto do not happen; NVA does not ask for
 * invalid-TTL packet-ins, so nothing is punted), and a flow decrementing the TTL without matching dl_type
 * IPv4 or IPv6 is refused when loaded, as Open vSwitch refuses it over OpenFlow 1.3.
 */
public final class FakePipeline {
    /**
     * A test packet as a switch sees it on arrival; fields a packet does not have are null.
     *
     * @param inPort the port it arrived on
     * @param tunId the tunnel key it arrived with: the VNI for a packet from the VXLAN port, else 0
     * @param ethSrc the Ethernet source
     * @param ethDst the Ethernet destination
     * @param ethType the EtherType
     * @param ipProto the IP protocol, for IPv4 and IPv6
     * @param ttl the IPv4 TTL or IPv6 hop limit, 0..255, for (and only for) IPv4 and IPv6
     * @param arpOp the ARP opcode, for ARP
     * @param arpSpa the ARP sender address, for ARP
     * @param arpTpa the ARP target address, for ARP
     * @param ipv4Dst the IPv4 destination, for IPv4
     * @param ipv6Dst the IPv6 destination, for IPv6
     * @param icmpv6Type the ICMPv6 type, for ICMPv6
     * @param ndTarget the neighbour discovery target, for a neighbour solicitation or advertisement
     */
    public record Packet(long inPort, long tunId, MacAddress ethSrc, MacAddress ethDst, int ethType,
            @Nullable Integer ipProto, @Nullable Integer ttl, @Nullable Integer arpOp, @Nullable IpAddress arpSpa,
            @Nullable IpAddress arpTpa, @Nullable IpAddress ipv4Dst, @Nullable IpAddress ipv6Dst,
            @Nullable Integer icmpv6Type, @Nullable IpAddress ndTarget) {
        /** The TTL a test packet starts with unless it says otherwise (a common host default). */
        public static final int DEFAULT_TTL = 64;

        public Packet {
            requireNonNull(ethSrc);
            requireNonNull(ethDst);
            if (isIp(ethType) != (ttl != null)) {
                throw new IllegalArgumentException("an IPv4 or IPv6 packet, and only one, has a TTL: " + ethType
                    + " with " + ttl);
            }
            if (ttl != null) {
                FieldValues.inRange("ttl", ttl, 0, 0xFF);
            }
        }

        /**
         * An IPv4 packet from a VM port (any protocol NVA does not look at).
         *
         * @param inPort the VM's port
         * @param src the sender's MAC
         * @param dst the destination MAC
         * @return the packet
         */
        public static Packet ethernet(final long inPort, final MacAddress src, final MacAddress dst) {
            return new Packet(inPort, 0, src, dst, EthType.IPV4, 6, DEFAULT_TTL, null, null, null, null, null, null,
                null);
        }

        /**
         * An IPv4 packet from a VM port to an address, e.g. to the gateway MAC to be routed.
         *
         * @param inPort the VM's port
         * @param src the sender's MAC
         * @param dst the destination MAC
         * @param ipv4Dst the IPv4 destination
         * @param ttl the TTL, 0..255
         * @return the packet
         */
        public static Packet ipv4(final long inPort, final MacAddress src, final MacAddress dst,
                final IpAddress ipv4Dst, final int ttl) {
            return new Packet(inPort, 0, src, dst, EthType.IPV4, 6, ttl, null, null, null, ipv4Dst, null, null, null);
        }

        /**
         * An IPv6 packet from a VM port to an address, e.g. to the gateway MAC to be routed.
         *
         * @param inPort the VM's port
         * @param src the sender's MAC
         * @param dst the destination MAC
         * @param ipv6Dst the IPv6 destination
         * @param hopLimit the hop limit, 0..255
         * @return the packet
         */
        public static Packet ipv6(final long inPort, final MacAddress src, final MacAddress dst,
                final IpAddress ipv6Dst, final int hopLimit) {
            return new Packet(inPort, 0, src, dst, EthType.IPV6, 6, hopLimit, null, null, null, null, ipv6Dst, null,
                null);
        }

        /**
         * An ARP request from a VM port, broadcast.
         *
         * @param inPort the VM's port
         * @param src the sender's MAC
         * @param spa the sender's address
         * @param tpa the address asked for
         * @return the packet
         */
        public static Packet arpRequest(final long inPort, final MacAddress src, final IpAddress spa,
                final IpAddress tpa) {
            return new Packet(inPort, 0, src, BROADCAST, EthType.ARP, null, null, ArpOp.REQUEST, spa, tpa, null, null,
                null, null);
        }

        /**
         * A RARP request, as QEMU announces a migrated VM.
         *
         * @param inPort the VM's port
         * @param src the VM's MAC
         * @return the packet
         */
        public static Packet rarp(final long inPort, final MacAddress src) {
            return new Packet(inPort, 0, src, BROADCAST, EthType.RARP, null, null, null, null, null, null, null, null,
                null);
        }

        /**
         * An ICMPv6 neighbour solicitation or advertisement.
         *
         * @param inPort the VM's port
         * @param src the sender's MAC
         * @param type {@link Icmpv6Type#NEIGHBOR_SOLICITATION} or {@link Icmpv6Type#NEIGHBOR_ADVERTISEMENT}
         * @param target the target address
         * @return the packet
         */
        public static Packet neighbourDiscovery(final long inPort, final MacAddress src, final int type,
                final IpAddress target) {
            return new Packet(inPort, 0, src, MacAddress.parse("33:33:ff:00:00:01"), EthType.IPV6, IpProto.ICMPV6,
                NEIGHBOR_DISCOVERY_HOP_LIMIT, null, null, null, null, IpAddress.parse("ff02::1:ff00:1"), type, target);
        }

        /**
         * This packet as it arrives at another NVE over the overlay.
         *
         * @param tunnelPort the receiving NVE's VXLAN port
         * @param key the VNI it carries
         * @return the packet
         */
        public Packet arrivingOverTunnel(final long tunnelPort, final long key) {
            return new Packet(tunnelPort, key, ethSrc, ethDst, ethType, ipProto, ttl, arpOp, arpSpa, arpTpa, ipv4Dst,
                ipv6Dst, icmpv6Type, ndTarget);
        }
    }

    /** What leaves the switch for one packet. */
    public sealed interface Emission {
    }

    /**
     * A copy of the packet sent out of a port.
     *
     * @param port the port
     * @param tunId the tunnel key it leaves with (the VNI, when the port is the VXLAN port)
     * @param tunDst the tunnel destination it leaves with, or null when none was set
     * @param packet the packet as it leaves (Ethernet addresses possibly rewritten)
     */
    public record Sent(long port, long tunId, @Nullable IpAddress tunDst, Packet packet) implements Emission {
    }

    /**
     * The packet sent to the NVA as a packet-in.
     *
     * @param table the table whose flow sent it
     * @param meter the meter that flow passes it through, or null
     */
    public record Punted(PipelineTable table, @Nullable Long meter) implements Emission {
    }

    /**
     * Everything a packet caused.
     *
     * @param emissions what left the switch, in order
     * @param path the flows the packet hit, table by table
     */
    public record Outcome(List<Emission> emissions, List<FlowEntry> path) {
        public Outcome {
            emissions = List.copyOf(emissions);
            path = List.copyOf(path);
        }

        public List<Sent> sent() {
            return emissions.stream().filter(Sent.class::isInstance).map(Sent.class::cast).toList();
        }

        public List<Punted> punted() {
            return emissions.stream().filter(Punted.class::isInstance).map(Punted.class::cast).toList();
        }

        public boolean dropped() {
            return emissions.isEmpty();
        }
    }

    static final MacAddress BROADCAST = MacAddress.parse("ff:ff:ff:ff:ff:ff");
    /** RFC 4861: neighbour discovery messages are sent with hop limit 255. */
    private static final int NEIGHBOR_DISCOVERY_HOP_LIMIT = 255;

    private final Map<PipelineTable, List<FlowEntry>> tables = new EnumMap<>(PipelineTable.class);

    /**
     * Loads a switch with flows.
     *
     * @param flows the flows; at most one per key
     * @throws IllegalArgumentException if two flows share a key, or a flow decrements the TTL without matching
     *     dl_type IPv4 or IPv6
     */
    public FakePipeline(final List<FlowEntry> flows) {
        final var keys = new HashSet<FlowKey>();
        for (var flow : flows) {
            if (!keys.add(flow.key())) {
                throw new IllegalArgumentException("two flows with key " + flow.key());
            }
            if (flow.actions().contains(new DecrementTtl()) && !matchesIp(flow.match())) {
                throw new IllegalArgumentException("flow " + flow + " decrements the TTL but does not match dl_type "
                    + "IPv4 or IPv6 (Open vSwitch: OFPBAC_MATCH_INCONSISTENT)");
            }
            tables.computeIfAbsent(flow.table(), table -> new ArrayList<>()).add(flow);
        }
    }

    /**
     * Sends a packet through the pipeline.
     *
     * @param packet the packet as it arrives
     * @return what it caused
     */
    public Outcome process(final Packet packet) {
        final var emissions = new ArrayList<Emission>();
        final var path = new ArrayList<FlowEntry>();
        var current = packet;
        @Nullable IpAddress tunDst = null;
        PipelineTable table = PipelineTable.CLASSIFY;
        while (table != null) {
            final var flow = bestMatch(table, current);
            if (flow == null) {
                break;
            }
            path.add(flow);
            for (var action : flow.actions()) {
                switch (action) {
                    case Output output -> {
                        if (output.port() != packet.inPort()) {
                            emissions.add(new Sent(output.port(), current.tunId(), tunDst, current));
                        }
                    }
                    case OutputInPort inPort -> emissions.add(new Sent(packet.inPort(), current.tunId(), tunDst,
                        current));
                    case OutputController controller -> emissions.add(new Punted(table, flow.meterId()));
                    case SetTunnelId setTunnelId -> current = withTunId(current, setTunnelId.key());
                    case SetTunnelDst setTunnelDst -> tunDst = setTunnelDst.address();
                    case SetEthDst setEthDst -> current = withEth(current, current.ethSrc(), setEthDst.mac());
                    case SetEthSrc setEthSrc -> current = withEth(current, setEthSrc.mac(), current.ethDst());
                    case DecrementTtl decrementTtl -> {
                        final var ttl = current.ttl();
                        if (ttl != null && ttl <= 1) {
                            // Open vSwitch stops here: no later action, no goto, no packet-in NVA asked for
                            return new Outcome(emissions, path);
                        }
                        if (ttl != null) {
                            current = withTtl(current, ttl - 1);
                        }
                    }
                }
            }
            final var next = flow.gotoTable();
            if (next != null && next.id() <= table.id()) {
                throw new AssertionError("flow " + flow + " goes back to " + next);
            }
            table = next;
        }
        return new Outcome(emissions, path);
    }

    private @Nullable FlowEntry bestMatch(final PipelineTable table, final Packet packet) {
        FlowEntry best = null;
        for (var flow : tables.getOrDefault(table, List.of())) {
            if (!matches(flow.match(), packet)) {
                continue;
            }
            if (best == null || flow.priority() > best.priority()) {
                best = flow;
            } else if (flow.priority() == best.priority()) {
                throw new AssertionError("packet " + packet + " matches two flows of priority " + flow.priority()
                    + " in " + table + ": " + best + " and " + flow);
            }
        }
        return best;
    }

    private static boolean matches(final FlowMatch match, final Packet packet) {
        for (var field : match.fields()) {
            final boolean hit = switch (field) {
                case InPort inPort -> inPort.port() == packet.inPort();
                case EthDst ethDst -> ethDst.mac().equals(packet.ethDst());
                case EthSrc ethSrc -> ethSrc.mac().equals(packet.ethSrc());
                case EthType ethType -> ethType.value() == packet.ethType();
                case IpProto ipProto -> Objects.equals(ipProto.value(), packet.ipProto());
                case Ipv4Dst ipv4Dst -> ipv4Dst.address().equals(packet.ipv4Dst());
                case Ipv4DstPrefix prefix -> packet.ipv4Dst() != null && prefix.prefix().contains(packet.ipv4Dst());
                case ArpOp arpOp -> Objects.equals(arpOp.value(), packet.arpOp());
                case ArpSpa arpSpa -> arpSpa.address().equals(packet.arpSpa());
                case ArpTpa arpTpa -> arpTpa.address().equals(packet.arpTpa());
                case Ipv6Dst ipv6Dst -> ipv6Dst.address().equals(packet.ipv6Dst());
                case Ipv6DstPrefix prefix -> packet.ipv6Dst() != null && prefix.prefix().contains(packet.ipv6Dst());
                case Icmpv6Type icmpv6Type -> Objects.equals(icmpv6Type.value(), packet.icmpv6Type());
                case Ipv6NdTarget ndTarget -> ndTarget.address().equals(packet.ndTarget());
                case TunnelId tunnelId -> tunnelId.key() == packet.tunId();
            };
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIp(final int ethType) {
        return ethType == EthType.IPV4 || ethType == EthType.IPV6;
    }

    private static boolean matchesIp(final FlowMatch match) {
        return match.fields().stream().anyMatch(field -> field instanceof EthType ethType && isIp(ethType.value()));
    }

    private static Packet withTunId(final Packet packet, final long tunId) {
        return new Packet(packet.inPort(), tunId, packet.ethSrc(), packet.ethDst(), packet.ethType(), packet.ipProto(),
            packet.ttl(), packet.arpOp(), packet.arpSpa(), packet.arpTpa(), packet.ipv4Dst(), packet.ipv6Dst(),
            packet.icmpv6Type(), packet.ndTarget());
    }

    private static Packet withEth(final Packet packet, final MacAddress src, final MacAddress dst) {
        return new Packet(packet.inPort(), packet.tunId(), src, dst, packet.ethType(), packet.ipProto(), packet.ttl(),
            packet.arpOp(), packet.arpSpa(), packet.arpTpa(), packet.ipv4Dst(), packet.ipv6Dst(), packet.icmpv6Type(),
            packet.ndTarget());
    }

    private static Packet withTtl(final Packet packet, final int ttl) {
        return new Packet(packet.inPort(), packet.tunId(), packet.ethSrc(), packet.ethDst(), packet.ethType(),
            packet.ipProto(), ttl, packet.arpOp(), packet.arpSpa(), packet.arpTpa(), packet.ipv4Dst(), packet.ipv6Dst(),
            packet.icmpv6Type(), packet.ndTarget());
    }
}
