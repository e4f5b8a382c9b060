/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.ArrayList;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.impl.flow.FlowMatch;
import org.nvo3.nva.impl.flow.FlowMatchField;
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
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMatchV3;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpOp;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpSpa;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpTpa;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthDst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthType;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIcmpv6Type;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmInPort;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpProto;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv4Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv4DstMasked;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv6Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv6DstMasked;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv6NdTarget;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelId;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;

/**
 * Translates NVA's {@link FlowMatch} to a Loxi OXM match and back, field by field. An IP destination prefix is
 * a masked OXM with the prefix's mask; read back, a masked IP destination whose mask is a prefix's is the
 * prefix again, one whose mask is all ones the exact address (Open vSwitch reports a /32 or /128 so, and Loxi
 * already makes such an OXM exact, as {@link FlowMatchField#ipDestination} does), and one with a zero mask no
 * field (Loxi drops it). Any other mask, or a mask on any other field, NVA never sends.
 */
final class MatchTranslator {
    private MatchTranslator() {
        // no instances
    }

    static Match toLoxi(final FlowMatch match, final OFFactory factory) {
        final var builder = factory.buildMatch();
        for (var field : match.fields()) {
            switch (field) {
                case InPort inPort -> builder.setExact(MatchField.IN_PORT, OFPort.of((int) inPort.port()));
                case EthDst ethDst -> builder.setExact(MatchField.ETH_DST, LoxiAddresses.toLoxi(ethDst.mac()));
                case EthSrc ethSrc -> builder.setExact(MatchField.ETH_SRC, LoxiAddresses.toLoxi(ethSrc.mac()));
                case EthType ethType -> builder.setExact(MatchField.ETH_TYPE,
                    org.projectfloodlight.openflow.types.EthType.of(ethType.value()));
                case IpProto ipProto -> builder.setExact(MatchField.IP_PROTO, IpProtocol.of((short) ipProto.value()));
                case Ipv4Dst ipv4Dst -> builder.setExact(MatchField.IPV4_DST,
                    LoxiAddresses.toIpv4(ipv4Dst.address()));
                case Ipv4DstPrefix ipv4DstPrefix -> builder.setMasked(MatchField.IPV4_DST,
                    LoxiAddresses.toIpv4(ipv4DstPrefix.prefix().network()),
                    IPv4Address.ofCidrMaskLength(ipv4DstPrefix.prefix().length()));
                case ArpOp arpOp -> builder.setExact(MatchField.ARP_OP, ArpOpcode.of(arpOp.value()));
                case ArpSpa arpSpa -> builder.setExact(MatchField.ARP_SPA, LoxiAddresses.toIpv4(arpSpa.address()));
                case ArpTpa arpTpa -> builder.setExact(MatchField.ARP_TPA, LoxiAddresses.toIpv4(arpTpa.address()));
                case Ipv6Dst ipv6Dst -> builder.setExact(MatchField.IPV6_DST,
                    LoxiAddresses.toIpv6(ipv6Dst.address()));
                case Ipv6DstPrefix ipv6DstPrefix -> builder.setMasked(MatchField.IPV6_DST,
                    LoxiAddresses.toIpv6(ipv6DstPrefix.prefix().network()),
                    IPv6Address.ofCidrMaskLength(ipv6DstPrefix.prefix().length()));
                case Icmpv6Type icmpv6Type -> builder.setExact(MatchField.ICMPV6_TYPE,
                    U8.of((short) icmpv6Type.value()));
                case Ipv6NdTarget ndTarget -> builder.setExact(MatchField.IPV6_ND_TARGET,
                    LoxiAddresses.toIpv6(ndTarget.address()));
                case TunnelId tunnelId -> builder.setExact(MatchField.TUNNEL_ID, U64.of(tunnelId.key()));
            }
        }
        return builder.build();
    }

    /**
     * Reads a match a switch reported.
     *
     * @param match the OXM match
     * @return the same match in NVA's terms
     * @throws IllegalArgumentException if it is masked other than an IP destination with a prefix's mask, uses a
     *     field NVA does not, or breaks NVA's checks
     */
    static FlowMatch fromLoxi(final Match match) {
        if (!(match instanceof OFMatchV3 oxmMatch)) {
            throw new IllegalArgumentException("match " + match + " is not an OXM match");
        }
        final var fields = new ArrayList<FlowMatchField>();
        for (var oxm : oxmMatch.getOxmList()) {
            fields.add(fromLoxi(oxm));
        }
        return new FlowMatch(fields);
    }

    private static FlowMatchField fromLoxi(final OFOxm<?> oxm) {
        switch (oxm) {
            case OFOxmIpv4DstMasked masked -> {
                final var mask = masked.getMask();
                return destination(LoxiAddresses.fromLoxi(masked.getValue()),
                    mask.isCidrMask() ? mask.asCidrMaskLength() : -1, mask);
            }
            case OFOxmIpv6DstMasked masked -> {
                final var mask = masked.getMask();
                return destination(LoxiAddresses.fromLoxi(masked.getValue()),
                    mask.isCidrMask() ? mask.asCidrMaskLength() : -1, mask);
            }
            default -> {
                // exact below
            }
        }
        if (oxm.isMasked()) {
            throw new IllegalArgumentException("masked match on " + oxm.getMatchField().getName()
                + ": NVA matches exactly but for the IP destination of an external route");
        }
        return switch (oxm) {
            case OFOxmInPort inPort -> new InPort(Integer.toUnsignedLong(inPort.getValue().getPortNumber()));
            case OFOxmEthDst ethDst -> new EthDst(LoxiAddresses.fromLoxi(ethDst.getValue()));
            case OFOxmEthSrc ethSrc -> new EthSrc(LoxiAddresses.fromLoxi(ethSrc.getValue()));
            case OFOxmEthType ethType -> new EthType(ethType.getValue().getValue());
            case OFOxmIpProto ipProto -> new IpProto(ipProto.getValue().getIpProtocolNumber());
            case OFOxmIpv4Dst ipv4Dst -> new Ipv4Dst(LoxiAddresses.fromLoxi(ipv4Dst.getValue()));
            case OFOxmArpOp arpOp -> new ArpOp(arpOp.getValue().getOpcode());
            case OFOxmArpSpa arpSpa -> new ArpSpa(LoxiAddresses.fromLoxi(arpSpa.getValue()));
            case OFOxmArpTpa arpTpa -> new ArpTpa(LoxiAddresses.fromLoxi(arpTpa.getValue()));
            case OFOxmIpv6Dst ipv6Dst -> new Ipv6Dst(LoxiAddresses.fromLoxi(ipv6Dst.getValue()));
            case OFOxmIcmpv6Type icmpv6Type -> new Icmpv6Type(icmpv6Type.getValue().getValue());
            case OFOxmIpv6NdTarget ndTarget -> new Ipv6NdTarget(LoxiAddresses.fromLoxi(ndTarget.getValue()));
            case OFOxmTunnelId tunnelId -> new TunnelId(tunnelId.getValue().getValue());
            default -> throw new IllegalArgumentException("match field " + oxm.getMatchField().getName()
                + " is not one NVA uses");
        };
    }

    /**
     * A masked IP destination read back: the prefix its mask stands for, as NVA would have sent it (a host
     * prefix exact).
     */
    private static FlowMatchField destination(final IpAddress value, final int length, final Object mask) {
        if (length < 0) {
            throw new IllegalArgumentException("masked match on the IP destination " + value + " with mask " + mask
                + ", which is no prefix's");
        }
        return FlowMatchField.ipDestination(new IpPrefix(value, length)).orElseThrow(
            () -> new IllegalArgumentException("masked match on the IP destination with mask " + mask
                + ", which matches every address: NVA sends no such match"));
    }
}
