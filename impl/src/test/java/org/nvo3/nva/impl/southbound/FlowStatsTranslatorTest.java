/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.SampleFlows;
import org.nvo3.nva.impl.southbound.InstalledFlow.Foreign;
import org.nvo3.nva.impl.southbound.InstalledFlow.Owned;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMatchV3;
import org.projectfloodlight.openflow.protocol.OFOxmList;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv4Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv6Dst;
import org.projectfloodlight.openflow.protocol.ver13.OFFactoryVer13;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class FlowStatsTranslatorTest {
    private static final OFFactoryVer13 FACTORY = OFFactoryVer13.INSTANCE;

    @Test
    public void aFlowNvaSentReadsBackEqual() {
        for (var entry : SampleFlows.all()) {
            assertEquals(new Owned(entry), FlowStatsTranslator.translate(statsOf(entry)));
        }
    }

    @Test
    public void tunnelDestinationsOfBothFamiliesReadBackEqual() {
        for (var entry : List.of(SampleFlows.redirectToIpv4(), SampleFlows.redirectToIpv6(),
                SampleFlows.toRemoteVmOverIpv4(), SampleFlows.toRemoteVmOverIpv6(), SampleFlows.ipv4HostRoute())) {
            assertEquals(new Owned(entry), FlowStatsTranslator.translate(statsOf(entry)));
        }
    }

    @Test
    public void aTtlDecrementReadsBackEqual() throws OFParseError {
        final var route = SampleFlows.ipv6HostRoute();
        final var decrementLast = FlowEntry.of(route.table(), route.priority(), route.match(),
            List.of(new Output(SampleFlows.VM1_PORT), new DecrementTtl()), null);
        final var entries = List.of(SampleFlows.ipv4HostRoute(), route, decrementLast);
        for (var entry : entries) {
            assertEquals(new Owned(entry), FlowStatsTranslator.translate(statsOf(entry)));
        }
        final var reply = FACTORY.buildFlowStatsReply().setXid(8)
            .setEntries(entries.stream().map(FlowStatsTranslatorTest::statsOf).toList()).build();
        final var parsed = (OFFlowStatsReply) LoxiMessages.wireRoundTrip(reply);
        assertEquals(entries.stream().map(Owned::new).toList(),
            parsed.getEntries().stream().map(FlowStatsTranslator::translate).toList());
    }

    @Test
    public void externalRoutesOfBothFamiliesReadBackEqualFromTheWire() throws OFParseError {
        final var entries = List.of(SampleFlows.ipv4ExternalRoute(), SampleFlows.ipv6ExternalRoute());
        final var reply = FACTORY.buildFlowStatsReply().setXid(9)
            .setEntries(entries.stream().map(FlowStatsTranslatorTest::statsOf).toList()).build();
        final var parsed = (OFFlowStatsReply) LoxiMessages.wireRoundTrip(reply);
        assertEquals(entries.stream().map(Owned::new).toList(),
            parsed.getEntries().stream().map(FlowStatsTranslator::translate).toList());
    }

    @Test
    public void aHostMaskReadsBackAsTheExactHostRouteItIs() throws OFParseError {
        // Open vSwitch reports a /32 or /128 mask as no mask; a switch reporting the all-ones mask is read alike
        final var ipv4 = SampleFlows.ipv4HostRoute();
        final var ipv4Exact = (OFOxmIpv4Dst) oxm(statsOf(ipv4).getMatch(), MatchField.IPV4_DST);
        final var ipv4Masked = withOxm(statsOf(ipv4), FACTORY.oxms().ipv4DstMasked(ipv4Exact.getValue(),
            IPv4Address.of("255.255.255.255")));
        final var ipv6 = SampleFlows.ipv6HostRoute();
        final var ipv6Exact = (OFOxmIpv6Dst) oxm(statsOf(ipv6).getMatch(), MatchField.IPV6_DST);
        final var ipv6Masked = withOxm(statsOf(ipv6), FACTORY.oxms().ipv6DstMasked(ipv6Exact.getValue(),
            IPv6Address.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertEquals(new Owned(ipv4), FlowStatsTranslator.translate(ipv4Masked));
        assertEquals(new Owned(ipv6), FlowStatsTranslator.translate(ipv6Masked));
        final var reply = (OFFlowStatsReply) LoxiMessages.wireRoundTrip(FACTORY.buildFlowStatsReply().setXid(10)
            .setEntries(List.of(ipv4Masked, ipv6Masked)).build());
        assertEquals(List.of(new Owned(ipv4), new Owned(ipv6)),
            reply.getEntries().stream().map(FlowStatsTranslator::translate).toList());
    }

    @Test
    public void aMaskNoPrefixHasIsForeign() {
        final var route = statsOf(SampleFlows.ipv4ExternalRoute());
        assertForeign("masked match on the IP destination 203.0.113.0 with mask 255.0.255.0, which is no prefix's",
            withOxm(route, FACTORY.oxms().ipv4DstMasked(IPv4Address.of("203.0.113.0"),
                IPv4Address.of("255.0.255.0"))));
        // a zero mask is no nw_dst match at all (Loxi drops it): then the cookie is not NVA's for what is left
        final var wildcard = FlowStatsTranslator.translate(withOxm(route, FACTORY.oxms().ipv4DstMasked(
            IPv4Address.of("0.0.0.0"), IPv4Address.of("0.0.0.0"))));
        assertTrue(wildcard.toString(), wildcard instanceof Foreign foreign
            && foreign.reason().startsWith("cookie " + SampleFlows.ipv4ExternalRoute().cookie() + " is not NVA's"));
        assertForeign("prefix 203.0.113.9/24 has host bits set (did you mean 203.0.113.0/24?)",
            withOxm(route, FACTORY.oxms().ipv4DstMasked(IPv4Address.of("203.0.113.9"),
                IPv4Address.of("255.255.255.0"))));
    }

    @Test
    public void aFlowStatsReplyFromTheWireReadsBackEqual() throws OFParseError {
        final var entries = new ArrayList<OFFlowStatsEntry>();
        SampleFlows.all().forEach(entry -> entries.add(statsOf(entry)));
        final var reply = FACTORY.buildFlowStatsReply().setXid(7).setEntries(entries).build();
        final var parsed = (OFFlowStatsReply) LoxiMessages.wireRoundTrip(reply);
        assertEquals(reply, parsed);
        final var read = parsed.getEntries().stream().map(FlowStatsTranslator::translate).toList();
        assertEquals(SampleFlows.all().stream().map(Owned::new).toList(), read);
    }

    @Test
    public void theDefaultNormalFlowIsForeign() {
        final var normal = FACTORY.buildFlowStatsEntry()
            .setTableId(TableId.of(0))
            .setPriority(0)
            .setCookie(U64.ZERO)
            .setMatch(FACTORY.buildMatch().build())
            .setInstructions(List.of(FACTORY.instructions().applyActions(List.of(
                FACTORY.actions().output(OFPort.NORMAL, 0)))))
            .build();
        assertForeign("cookie 0x0000000000000000 does not carry NVA's marker", normal);
    }

    @Test
    public void aFlowOutsideThePipelineIsForeign() {
        final var stats = statsOf(SampleFlows.toLocalVm()).createBuilder().setTableId(TableId.of(5)).build();
        assertForeign("table 5 is not part of NVA's pipeline", stats);
    }

    @Test
    public void aFlowWhoseCookieIsNotItsOwnIsForeign() {
        final var stats = statsOf(SampleFlows.toLocalVm()).createBuilder()
            .setCookie(U64.of(SampleFlows.toGateway().cookie().value())).build();
        assertForeign("cookie " + SampleFlows.toGateway().cookie() + " is not NVA's cookie "
            + SampleFlows.toLocalVm().cookie() + " for " + SampleFlows.toLocalVm().key(), stats);
    }

    @Test
    public void whatNvaNeverSendsIsForeign() {
        final var stats = statsOf(SampleFlows.toLocalVm());
        assertForeign("output port 4294967290 is outside 1..4294967040", stats.createBuilder()
            .setInstructions(List.of(FACTORY.instructions().applyActions(List.of(
                FACTORY.actions().output(OFPort.NORMAL, 0))))).build());
        assertForeign("instruction WRITE_ACTIONS is not one NVA uses", stats.createBuilder()
            .setInstructions(List.of(FACTORY.instructions().writeActions(List.of(
                FACTORY.actions().output(OFPort.of(3), 0))))).build());
        assertForeign("action POP_VLAN is not one NVA uses", stats.createBuilder()
            .setInstructions(List.of(FACTORY.instructions().applyActions(List.of(
                FACTORY.actions().popVlan())))).build());
        // NVA decrements with the standard DEC_NW_TTL, not Nicira's dec_ttl
        assertForeign("action EXPERIMENTER is not one NVA uses", stats.createBuilder()
            .setInstructions(List.of(FACTORY.instructions().applyActions(List.of(
                FACTORY.actions().niciraDecTtl())))).build());
        assertForeign("flags [NO_PKT_COUNTS] are not ones NVA sets", stats.createBuilder()
            .setFlags(Set.of(OFFlowModFlags.NO_PKT_COUNTS)).build());
        assertForeign("masked match on eth_dst: NVA matches exactly but for the IP destination of an external route",
            stats.createBuilder()
            .setMatch(stats.getMatch().createBuilder().setMasked(MatchField.ETH_DST,
                MacAddress.of("02:00:00:00:50:01"), MacAddress.of("ff:ff:ff:ff:ff:00")).build()).build());
        assertForeign("match field vlan_vid is not one NVA uses", stats.createBuilder()
            .setMatch(stats.getMatch().createBuilder().setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(10))
                .build()).build());
        assertForeign("goto-table 70 leaves NVA's pipeline", stats.createBuilder()
            .setInstructions(List.of(FACTORY.instructions().gotoTable(TableId.of(70)))).build());
    }

    @Test
    public void aFlowTheCurrentPipelineWouldRefuseIsForeign() {
        // e.g. installed by an NVA whose CLASSIFY table still allowed dl_dst
        final var entry = SampleFlows.classifyVmPort();
        final var stats = statsOf(entry);
        final var widened = stats.createBuilder().setMatch(stats.getMatch().createBuilder()
            .setExact(MatchField.ETH_DST, MacAddress.of("02:00:00:00:50:02")).build()).build();
        assertForeign("table CLASSIFY(0) does not allow matching on dl_dst; it allows [in_port, dl_src, dl_type, "
            + "nw_proto, arp_op, arp_spa, icmpv6_type, tun_id]", widened);
    }

    private static OFOxm<?> oxm(final Match match, final MatchField<?> field) {
        for (var oxm : ((OFMatchV3) match).getOxmList()) {
            if (oxm.getMatchField().equals(field)) {
                return oxm;
            }
        }
        throw new AssertionError(match + " has no " + field.getName());
    }

    /** The flow with one OXM of its match replaced by another of the same field (Loxi makes the list canonical). */
    private static <T extends OFValueType<T>> OFFlowStatsEntry withOxm(final OFFlowStatsEntry stats,
            final OFOxm<T> replacement) {
        final var oxms = new ArrayList<OFOxm<?>>();
        for (var oxm : ((OFMatchV3) stats.getMatch()).getOxmList()) {
            oxms.add(oxm.getMatchField().equals(replacement.getMatchField()) ? replacement : oxm);
        }
        return stats.createBuilder().setMatch(FACTORY.buildMatchV3().setOxmList(OFOxmList.ofList(oxms)).build())
            .build();
    }

    private static OFFlowStatsEntry statsOf(final FlowEntry entry) {
        return LoxiMessages.statsOf(FlowModTranslator.add(entry));
    }

    private static void assertForeign(final String reason, final OFFlowStatsEntry stats) {
        final var foreign = (Foreign) FlowStatsTranslator.translate(stats);
        assertEquals(reason, foreign.reason());
        assertSame(stats, foreign.stats());
    }
}
