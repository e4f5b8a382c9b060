/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Vni;

/**
 * One field of a flow's match: a record per {@link MatchField}, each checking its value's range and address
 * family. Every field is matched exactly but the IP destination, which routes to an external prefix match
 * masked ({@link Ipv4DstPrefix}, {@link Ipv6DstPrefix}: the same {@link MatchField} as the exact
 * {@link Ipv4Dst}, {@link Ipv6Dst}, so a match holds one or the other).
 */
public sealed interface FlowMatchField {
    /**
     * Returns which field this is.
     *
     * @return the field
     */
    MatchField field();

    /**
     * Tells whether this field is matched under a mask (an IP destination prefix) rather than exactly.
     *
     * @return true for {@link Ipv4DstPrefix} and {@link Ipv6DstPrefix}
     */
    default boolean isMasked() {
        return false;
    }

    /**
     * Returns the match on an IP destination in a prefix, in the one form a switch reports it back: exact for a
     * host prefix (Open vSwitch reports a /32 or /128 mask as no mask), masked otherwise, and no field at all for
     * a /0 (every address of the family; the match's dl_type says which).
     *
     * @param prefix an IPv4 or IPv6 prefix
     * @return {@link Ipv4Dst} or {@link Ipv6Dst} for a host prefix, {@link Ipv4DstPrefix} or
     *     {@link Ipv6DstPrefix} for a prefix of length 1..31 or 1..127, empty for a /0
     */
    static Optional<FlowMatchField> ipDestination(final IpPrefix prefix) {
        if (prefix.length() == 0) {
            return Optional.empty();
        }
        if (prefix.isHost()) {
            return Optional.of(prefix.isIpv6() ? new Ipv6Dst(prefix.network()) : new Ipv4Dst(prefix.network()));
        }
        return Optional.of(prefix.isIpv6() ? new Ipv6DstPrefix(prefix) : new Ipv4DstPrefix(prefix));
    }

    /**
     * The OpenFlow ingress port.
     *
     * @param port a physical or logical port number, 1..0xffffff00
     */
    record InPort(long port) implements FlowMatchField {
        public InPort {
            FieldValues.inRange("in_port", port, 1, FieldValues.MAX_PORT);
        }

        @Override
        public MatchField field() {
            return MatchField.IN_PORT;
        }
    }

    /**
     * The Ethernet destination.
     *
     * @param mac the address
     */
    record EthDst(MacAddress mac) implements FlowMatchField {
        public EthDst {
            requireNonNull(mac);
        }

        @Override
        public MatchField field() {
            return MatchField.ETH_DST;
        }
    }

    /**
     * The Ethernet source.
     *
     * @param mac the address
     */
    record EthSrc(MacAddress mac) implements FlowMatchField {
        public EthSrc {
            requireNonNull(mac);
        }

        @Override
        public MatchField field() {
            return MatchField.ETH_SRC;
        }
    }

    /**
     * The EtherType.
     *
     * @param value 0x0600..0xffff
     */
    record EthType(int value) implements FlowMatchField {
        public static final int IPV4 = 0x0800;
        public static final int ARP = 0x0806;
        public static final int RARP = 0x8035;
        public static final int IPV6 = 0x86DD;

        public EthType {
            FieldValues.inRange("dl_type", value, 0x0600, 0xFFFF);
        }

        @Override
        public MatchField field() {
            return MatchField.ETH_TYPE;
        }
    }

    /**
     * The IP protocol (IPv4) or next header (IPv6).
     *
     * @param value 0..255
     */
    record IpProto(int value) implements FlowMatchField {
        public static final int ICMPV6 = 58;

        public IpProto {
            FieldValues.inRange("nw_proto", value, 0, 0xFF);
        }

        @Override
        public MatchField field() {
            return MatchField.IP_PROTO;
        }
    }

    /**
     * The IPv4 destination (routed, L3 networks).
     *
     * @param address an IPv4 address
     */
    record Ipv4Dst(IpAddress address) implements FlowMatchField {
        public Ipv4Dst {
            FieldValues.ipv4("nw_dst", address);
        }

        @Override
        public MatchField field() {
            return MatchField.IPV4_DST;
        }
    }

    /**
     * The IPv4 destination in a prefix (masked with the prefix's mask; routes to external prefixes). A host
     * prefix is an {@link Ipv4Dst} and a /0 no field ({@link FlowMatchField#ipDestination}), as a switch reports
     * them, so this has neither.
     *
     * @param prefix an IPv4 prefix of length 1..31
     */
    record Ipv4DstPrefix(IpPrefix prefix) implements FlowMatchField {
        public Ipv4DstPrefix {
            FieldValues.maskedPrefix("nw_dst", prefix, false);
        }

        @Override
        public MatchField field() {
            return MatchField.IPV4_DST;
        }

        @Override
        public boolean isMasked() {
            return true;
        }
    }

    /**
     * The ARP opcode.
     *
     * @param value 1..0xffff
     */
    record ArpOp(int value) implements FlowMatchField {
        public static final int REQUEST = 1;
        public static final int REPLY = 2;

        public ArpOp {
            FieldValues.inRange("arp_op", value, 1, 0xFFFF);
        }

        @Override
        public MatchField field() {
            return MatchField.ARP_OP;
        }
    }

    /**
     * The ARP sender protocol address.
     *
     * @param address an IPv4 address
     */
    record ArpSpa(IpAddress address) implements FlowMatchField {
        public ArpSpa {
            FieldValues.ipv4("arp_spa", address);
        }

        @Override
        public MatchField field() {
            return MatchField.ARP_SPA;
        }
    }

    /**
     * The ARP target protocol address.
     *
     * @param address an IPv4 address
     */
    record ArpTpa(IpAddress address) implements FlowMatchField {
        public ArpTpa {
            FieldValues.ipv4("arp_tpa", address);
        }

        @Override
        public MatchField field() {
            return MatchField.ARP_TPA;
        }
    }

    /**
     * The IPv6 destination (routed, L3 networks).
     *
     * @param address an IPv6 address
     */
    record Ipv6Dst(IpAddress address) implements FlowMatchField {
        public Ipv6Dst {
            FieldValues.ipv6("ipv6_dst", address);
        }

        @Override
        public MatchField field() {
            return MatchField.IPV6_DST;
        }
    }

    /**
     * The IPv6 destination in a prefix (masked with the prefix's mask; routes to external prefixes). A host
     * prefix is an {@link Ipv6Dst} and a /0 no field ({@link FlowMatchField#ipDestination}), as a switch reports
     * them, so this has neither.
     *
     * @param prefix an IPv6 prefix of length 1..127
     */
    record Ipv6DstPrefix(IpPrefix prefix) implements FlowMatchField {
        public Ipv6DstPrefix {
            FieldValues.maskedPrefix("ipv6_dst", prefix, true);
        }

        @Override
        public MatchField field() {
            return MatchField.IPV6_DST;
        }

        @Override
        public boolean isMasked() {
            return true;
        }
    }

    /**
     * The ICMPv6 type.
     *
     * @param value 0..255
     */
    record Icmpv6Type(int value) implements FlowMatchField {
        public static final int NEIGHBOR_SOLICITATION = 135;
        public static final int NEIGHBOR_ADVERTISEMENT = 136;

        public Icmpv6Type {
            FieldValues.inRange("icmpv6_type", value, 0, 0xFF);
        }

        @Override
        public MatchField field() {
            return MatchField.ICMPV6_TYPE;
        }
    }

    /**
     * The target address of an IPv6 neighbour solicitation or advertisement.
     *
     * @param address an IPv6 address
     */
    record Ipv6NdTarget(IpAddress address) implements FlowMatchField {
        public Ipv6NdTarget {
            FieldValues.ipv6("nd_target", address);
        }

        @Override
        public MatchField field() {
            return MatchField.IPV6_ND_TARGET;
        }
    }

    /**
     * The tunnel key: on packets from the VXLAN port the VNI they arrived with, and between tables the
     * VNI the classifier assigned (see docs/pipeline.md).
     *
     * @param key 0..0xffffff (VXLAN carries 24 bits; 0 is "no tunnel")
     */
    record TunnelId(long key) implements FlowMatchField {
        public TunnelId {
            FieldValues.inRange("tun_id", key, 0, FieldValues.MAX_TUNNEL_KEY);
        }

        public static TunnelId of(final Vni vni) {
            return new TunnelId(vni.value());
        }

        @Override
        public MatchField field() {
            return MatchField.TUNNEL_ID;
        }
    }
}
