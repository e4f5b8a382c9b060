/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpOp;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpSpa;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpTpa;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
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

public class FlowMatchTest {
    private static final IpAddress V4 = IpAddress.parse("198.51.100.1");
    private static final IpAddress V6 = IpAddress.parse("2001:db8::1");

    @Test
    public void keepsFieldsInFieldOrderWhateverTheGivenOrder() {
        final var forward = FlowMatch.of(new InPort(1), new EthDst(SampleFlows.VM1_MAC), TunnelId.of(SampleFlows.BLUE));
        final var backward = FlowMatch.of(TunnelId.of(SampleFlows.BLUE), new EthDst(SampleFlows.VM1_MAC),
            new InPort(1));
        assertEquals(forward, backward);
        assertEquals(forward.hashCode(), backward.hashCode());
        assertEquals(forward.toString(), backward.toString());
        assertEquals(List.of(MatchField.IN_PORT, MatchField.ETH_DST, MatchField.TUNNEL_ID),
            backward.fields().stream().map(FlowMatchField::field).toList());
        assertEquals(Set.of(MatchField.IN_PORT, MatchField.ETH_DST, MatchField.TUNNEL_ID), backward.matchFields());
        assertEquals(new InPort(1), backward.get(MatchField.IN_PORT));
        assertNull(backward.get(MatchField.ETH_SRC));
    }

    @Test
    public void matchFieldOrderIsOxmFieldOrder() {
        final var fields = MatchField.values();
        for (int i = 1; i < fields.length; i++) {
            assertTrue(fields[i] + " follows " + fields[i - 1], fields[i].oxmField() > fields[i - 1].oxmField());
        }
    }

    @Test
    public void refusesOneFieldWithTwoValues() {
        final var error = assertThrows(IllegalArgumentException.class,
            () -> FlowMatch.of(new InPort(1), new InPort(2)));
        assertEquals("match field in_port is given twice: InPort[port=1] and InPort[port=2]", error.getMessage());
        assertEquals(FlowMatch.of(new InPort(1)), FlowMatch.of(new InPort(1), new InPort(1)));
    }

    @Test
    public void arpFieldsNeedEthTypeArp() {
        var error = assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new ArpTpa(V4)));
        assertEquals("match field arp_tpa needs dl_type=0x0806 (ARP), but the match has no dl_type",
            error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
            () -> FlowMatch.of(new EthType(EthType.IPV4), new ArpOp(ArpOp.REQUEST)));
        assertEquals("match field arp_op needs dl_type=0x0806 (ARP), but the match has dl_type=0x0800",
            error.getMessage());
        FlowMatch.of(new EthType(EthType.ARP), new ArpOp(ArpOp.REPLY), new ArpSpa(V4), new ArpTpa(V4));
    }

    @Test
    public void ndTargetNeedsNeighbourDiscoveryOverIcmpv6OverIpv6() {
        var error = assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new Ipv6NdTarget(V6)));
        assertEquals("match field nd_target needs icmpv6_type=135 or 136 (a neighbour solicitation or "
            + "advertisement), but the match has no icmpv6_type", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV6),
            new IpProto(IpProto.ICMPV6), new Icmpv6Type(128), new Ipv6NdTarget(V6)));
        assertEquals("match field nd_target needs icmpv6_type=135 or 136 (a neighbour solicitation or "
            + "advertisement), but the match has icmpv6_type=128", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV6),
            new Icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT)));
        assertEquals("match field icmpv6_type needs nw_proto=58 (ICMPv6), but the match has no nw_proto",
            error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV4),
            new IpProto(IpProto.ICMPV6), new Icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT)));
        assertEquals("match field icmpv6_type needs dl_type=0x86dd (IPv6), but the match has dl_type=0x0800",
            error.getMessage());
        FlowMatch.of(new EthType(EthType.IPV6), new IpProto(IpProto.ICMPV6),
            new Icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT), new Ipv6NdTarget(V6));
    }

    @Test
    public void ipFieldsNeedTheirEthType() {
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new IpProto(6)));
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.ARP), new IpProto(6)));
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV6), new Ipv4Dst(V4)));
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV4), new Ipv6Dst(V6)));
        FlowMatch.of(new EthType(EthType.IPV4), new IpProto(6), new Ipv4Dst(V4));
        FlowMatch.of(new EthType(EthType.IPV6), new Ipv6Dst(V6));
    }

    @Test
    public void aDestinationPrefixIsTheSameFieldAsTheAddressAndNeedsItsEthType() {
        final var v4 = new Ipv4DstPrefix(IpPrefix.parse("203.0.113.0/24"));
        final var v6 = new Ipv6DstPrefix(IpPrefix.parse("2001:db8:ffff::/48"));
        assertEquals(MatchField.IPV4_DST, v4.field());
        assertEquals(MatchField.IPV6_DST, v6.field());
        final var error = assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(v4));
        assertEquals("match field nw_dst needs dl_type=0x0800 (IPv4), but the match has no dl_type",
            error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV4), v6));
        assertEquals(v4, FlowMatch.of(new EthType(EthType.IPV4), v4).get(MatchField.IPV4_DST));
        FlowMatch.of(new EthType(EthType.IPV6), v6);
        // one nw_dst per match: an address and a prefix are two values of it
        assertThrows(IllegalArgumentException.class, () -> FlowMatch.of(new EthType(EthType.IPV4), v4,
            new Ipv4Dst(IpAddress.parse("203.0.113.9"))));
    }

    @Test
    public void aPrefixIsMaskedOnlyBetweenNoneAndAllOfItsBits() {
        var error = assertThrows(IllegalArgumentException.class,
            () -> new Ipv4DstPrefix(IpPrefix.parse("203.0.113.9/32")));
        assertEquals("nw_dst prefix 203.0.113.9/32 is no masked match (length 1..31): a /0 is no nw_dst match, a "
            + "host prefix an exact one", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4DstPrefix(IpPrefix.parse("0.0.0.0/0")));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6DstPrefix(IpPrefix.parse("2001:db8::1/128")));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6DstPrefix(IpPrefix.parse("::/0")));
        error = assertThrows(IllegalArgumentException.class,
            () -> new Ipv4DstPrefix(IpPrefix.parse("2001:db8::/32")));
        assertEquals("nw_dst must be an IPv4 prefix, not 2001:db8::/32", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ipv6DstPrefix(IpPrefix.parse("203.0.113.0/24")));
        new Ipv4DstPrefix(IpPrefix.parse("128.0.0.0/1"));
        new Ipv6DstPrefix(IpPrefix.parse("2001:db8::/127"));
    }

    @Test
    public void aPrefixIsMatchedInTheFormASwitchReportsIt() {
        assertEquals(Optional.of(new Ipv4Dst(V4)), FlowMatchField.ipDestination(IpPrefix.parse("198.51.100.1/32")));
        assertEquals(Optional.of(new Ipv6Dst(V6)), FlowMatchField.ipDestination(IpPrefix.parse("2001:db8::1/128")));
        assertEquals(Optional.of(new Ipv4DstPrefix(IpPrefix.parse("203.0.113.0/24"))),
            FlowMatchField.ipDestination(IpPrefix.parse("203.0.113.0/24")));
        assertEquals(Optional.of(new Ipv6DstPrefix(IpPrefix.parse("2001:db8:ffff::/48"))),
            FlowMatchField.ipDestination(IpPrefix.parse("2001:db8:ffff::/48")));
        assertEquals(Optional.empty(), FlowMatchField.ipDestination(IpPrefix.parse("0.0.0.0/0")));
        assertEquals(Optional.empty(), FlowMatchField.ipDestination(IpPrefix.parse("::/0")));
    }

    @Test
    public void fieldsCheckTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> new InPort(0));
        assertThrows(IllegalArgumentException.class, () -> new InPort(0xFFFF_FFF8L));
        assertThrows(IllegalArgumentException.class, () -> new EthType(0x05FF));
        assertThrows(IllegalArgumentException.class, () -> new IpProto(256));
        assertThrows(IllegalArgumentException.class, () -> new ArpOp(0));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Type(-1));
        assertThrows(IllegalArgumentException.class, () -> new TunnelId(0x100_0000));
        final var error = assertThrows(IllegalArgumentException.class, () -> new ArpTpa(V6));
        assertEquals("arp_tpa must be an IPv4 address, not 2001:db8::1", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Dst(V6));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6NdTarget(V4));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Dst(V4));
    }
}
