/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowMatchField.ArpSpa;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

public class FlowCookieTest {
    private static final long EXPECTED_TO_LOCAL_VM = 0x4ef9_7ba8_fd07_dcb4L;

    @Test
    public void isTheSameInEveryRun() {
        // Changing this value changes the cookie of every flow NVA ever installed: each switch then sees all
        // of its flows deleted and re-added on the next reconnection. Bump the encoding version if intended.
        final var key = SampleFlows.toLocalVm().key();
        assertEquals("00000001" + "1e" + "0064" + "0002" + "0003" + "06" + "020000005001" + "0026" + "08"
            + "0000000000001389", HexFormat.of().formatHex(FlowCookie.canonicalEncoding(key)));
        assertEquals(new FlowCookie(EXPECTED_TO_LOCAL_VM), key.cookie());
    }

    @Test
    public void hostRoutesKeepTheCookiesTheyHadBeforeMaskedMatchesExisted() {
        // computed on 802f315, before the IP destination could be masked: exact fields encode as they did
        final var ipv4 = SampleFlows.ipv4HostRoute().key();
        assertEquals("00000001" + "28" + "0064" + "0003" + "0005" + "02" + "0800" + "000c" + "04" + "c6336401"
            + "0026" + "08" + "0000000000001389", HexFormat.of().formatHex(FlowCookie.canonicalEncoding(ipv4)));
        assertEquals(new FlowCookie(0x4ef1_2865_60f8_847dL), ipv4.cookie());
        final var ipv6 = SampleFlows.ipv6HostRoute().key();
        assertEquals("00000001" + "28" + "0064" + "0003" + "0005" + "02" + "86dd" + "001b" + "10"
            + "20010db8000100000000000000000001" + "0026" + "08" + "0000000000001389",
            HexFormat.of().formatHex(FlowCookie.canonicalEncoding(ipv6)));
        assertEquals(new FlowCookie(0x4ee2_3569_f8ad_1a83L), ipv6.cookie());
    }

    @Test
    public void aPrefixEncodesAsAMaskedOxmCarriesIt() {
        // the field's number, twice its length, the network address, then the mask
        final var ipv4 = SampleFlows.ipv4ExternalRoute().key();
        assertEquals("00000001" + "28" + "0022" + "0003" + "0005" + "02" + "0800" + "000c" + "08" + "cb007100"
            + "ffffff00" + "0026" + "08" + "0000000000001389",
            HexFormat.of().formatHex(FlowCookie.canonicalEncoding(ipv4)));
        final var ipv6 = SampleFlows.ipv6ExternalRoute().key();
        assertEquals("00000001" + "28" + "003a" + "0003" + "0005" + "02" + "86dd" + "001b" + "20"
            + "20010db8ffff00000000000000000000" + "ffffffffffff00000000000000000000" + "0026" + "08"
            + "0000000000001389", HexFormat.of().formatHex(FlowCookie.canonicalEncoding(ipv6)));
        final var oddLength = new FlowKey(PipelineTable.L3_HOST_ROUTE, 30, FlowMatch.of(new TunnelId(1),
            new EthType(EthType.IPV6), new Ipv6DstPrefix(IpPrefix.parse("2001:db8:ffff:e000::/51"))));
        assertTrue(HexFormat.of().formatHex(FlowCookie.canonicalEncoding(oddLength))
            .endsWith("20010db8ffffe0000000000000000000" + "ffffffffffffe0000000000000000000" + "0026" + "08"
                + "0000000000000001"));
    }

    @Test
    public void aPrefixAndAnAddressOrTwoLengthsHaveDifferentCookies() {
        final var vni = new TunnelId(7);
        final var ip = new EthType(EthType.IPV4);
        final var cookies = new HashSet<FlowCookie>();
        for (var field : List.<FlowMatchField>of(new Ipv4Dst(IpAddress.parse("203.0.113.0")),
                new Ipv4DstPrefix(IpPrefix.parse("203.0.113.0/24")),
                new Ipv4DstPrefix(IpPrefix.parse("203.0.113.0/25")),
                new Ipv4DstPrefix(IpPrefix.parse("203.0.112.0/23")))) {
            assertTrue(field.toString(), cookies.add(new FlowKey(PipelineTable.L3_HOST_ROUTE, 40,
                FlowMatch.of(vni, ip, field)).cookie()));
        }
    }

    @Test
    public void carriesTheNvaMarker() {
        final var cookie = SampleFlows.toLocalVm().cookie();
        assertEquals(FlowCookie.MARKER, cookie.value() >>> 56);
        assertTrue(cookie.hasNvaMarker());
        assertFalse(new FlowCookie(0).hasNvaMarker());
        assertFalse(new FlowCookie(0x4F00_0000_0000_0001L).hasNvaMarker());
        assertTrue(cookie.toString().startsWith("0x4e"));
    }

    @Test
    public void dependsOnTheKeyOnly() {
        final var flow = SampleFlows.toLocalVm();
        final var other = new FlowEntry(flow.table(), flow.priority(), flow.match(), List.of(new Output(42)),
            PipelineTable.L3_HOST_ROUTE, 9L, 10, 20, true);
        assertEquals(flow.cookie(), other.cookie());
        assertNotEquals(flow.cookie(), FlowEntry.of(flow.table(), flow.priority() + 1, flow.match(), flow.actions(),
            null).cookie());
        assertNotEquals(flow.cookie(), FlowEntry.of(PipelineTable.REDIRECT, flow.priority(), flow.match(),
            flow.actions(), null).cookie());
    }

    @Test
    public void tellsApartTheSameValueInDifferentFields() {
        // 198.51.100.7 is 0xc6336407: the same four bytes as an ARP sender and as an ingress port
        final var asSender = new FlowKey(PipelineTable.CLASSIFY, 100,
            FlowMatch.of(new EthType(EthType.ARP), new ArpSpa(IpAddress.parse("198.51.100.7"))));
        final var asPort = new FlowKey(PipelineTable.CLASSIFY, 100,
            FlowMatch.of(new EthType(EthType.ARP), new InPort(0xC633_6407L)));
        assertNotEquals(asSender.cookie(), asPort.cookie());

        final var mac = MacAddress.parse("02:00:00:00:00:07");
        final var vni = new TunnelId(7);
        assertNotEquals(new FlowKey(PipelineTable.CLASSIFY, 1, FlowMatch.of(vni, new EthSrc(mac))).cookie(),
            new FlowKey(PipelineTable.REDIRECT, 1, FlowMatch.of(vni, new EthDst(mac))).cookie());
    }

    @Test
    public void hundredThousandKeysHaveHundredThousandCookies() {
        final var keys = new HashSet<FlowKey>();
        final var cookies = new HashSet<FlowCookie>();
        for (int i = 0; i < 100_000; i++) {
            final var vni = new TunnelId(1 + i % 1000);
            final var mac = new MacAddress(0x0200_0000_0000L + i);
            final var key = switch (i % 4) {
                case 0 -> new FlowKey(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(vni, new EthDst(mac)));
                case 1 -> new FlowKey(PipelineTable.REDIRECT, 100, FlowMatch.of(new InPort(1), vni, new EthDst(mac)));
                case 2 -> new FlowKey(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(1 + i), new EthSrc(mac)));
                default -> new FlowKey(PipelineTable.L2_DESTINATION, i % 65_536, FlowMatch.of(vni));
            };
            keys.add(key);
            cookies.add(key.cookie());
        }
        assertEquals(100_000, keys.size());
        assertEquals(100_000, cookies.size());
    }
}
