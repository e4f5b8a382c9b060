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
 * One exact-match field of a flow: one record per {@link MatchField}, each checking its value's range
 * and address family. NVA never installs masked matches.
 */
public sealed interface FlowMatchField {
    /**
     * Returns which field this is.
     *
     * @return the field
     */
    MatchField field();

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
