/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.FlowModification;
import org.nvo3.nva.impl.flow.SampleFlows;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowModifyStrict;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionDecNwTtl;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelIpv4Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelIpv6Dst;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

public class FlowModTranslatorTest {
    @Test
    public void addCarriesTheWholeFlow() {
        final var entry = SampleFlows.redirectToIpv4();
        final var flowMod = FlowModTranslator.add(entry);
        assertTrue(flowMod instanceof OFFlowAdd);
        assertEquals(OFVersion.OF_13, flowMod.getVersion());
        assertEquals(OFFlowModCommand.ADD, flowMod.getCommand());
        assertEquals(TableId.of(20), flowMod.getTableId());
        assertEquals(100, flowMod.getPriority());
        assertEquals(U64.of(entry.cookie().value()), flowMod.getCookie());
        assertEquals(0, flowMod.getIdleTimeout());
        assertEquals(30, flowMod.getHardTimeout());
        assertEquals(Set.of(OFFlowModFlags.SEND_FLOW_REM), flowMod.getFlags());
        assertEquals(OFPort.of(1), flowMod.getMatch().get(MatchField.IN_PORT));
        assertEquals(U64.of(5001), flowMod.getMatch().get(MatchField.TUNNEL_ID));

        final var actions = ((OFInstructionApplyActions) flowMod.getInstructions().getFirst()).getActions();
        final var tunnelDst = (OFOxmTunnelIpv4Dst) ((OFActionSetField) actions.get(0)).getField();
        assertEquals(IPv4Address.of("192.0.2.2"), tunnelDst.getValue());
        assertEquals(OFPort.IN_PORT, ((OFActionOutput) actions.get(1)).getPort());
        assertEquals(1, flowMod.getInstructions().size());
    }

    @Test
    public void anIpv6TunnelDestinationIsTunIpv6Dst() {
        final var flowMod = FlowModTranslator.add(SampleFlows.toRemoteVmOverIpv6());
        final var actions = ((OFInstructionApplyActions) flowMod.getInstructions().getFirst()).getActions();
        final var tunnelDst = (OFOxmTunnelIpv6Dst) ((OFActionSetField) actions.get(0)).getField();
        assertEquals(IPv6Address.of("2001:db8:ff::3"), tunnelDst.getValue());
        assertEquals(Set.of(), flowMod.getFlags());
        assertEquals(300, flowMod.getIdleTimeout());
    }

    @Test
    public void aTtlDecrementIsDecNwTtlInItsPlace() throws OFParseError {
        for (var route : List.of(SampleFlows.ipv4HostRoute(), SampleFlows.ipv6HostRoute())) {
            final var flowMod = FlowModTranslator.add(route);
            final var actions = ((OFInstructionApplyActions) flowMod.getInstructions().getFirst()).getActions();
            assertEquals(route.actions().size(), actions.size());
            assertTrue(actions.getFirst() instanceof OFActionDecNwTtl);
            assertEquals(OFVersion.OF_13, actions.getFirst().getVersion());
            assertTrue(actions.get(1) instanceof OFActionSetField);
            assertEquals(flowMod, LoxiMessages.wireRoundTrip(flowMod));
        }
    }

    @Test
    public void instructionsComeInExecutionOrderAndDropHasNone() {
        final var punt = FlowModTranslator.add(SampleFlows.puntRarp()).getInstructions();
        assertEquals(1L, ((OFInstructionMeter) punt.get(0)).getMeterId());
        assertTrue(punt.get(1) instanceof OFInstructionApplyActions);

        final var classify = FlowModTranslator.add(SampleFlows.classifyVmPort()).getInstructions();
        assertTrue(classify.get(0) instanceof OFInstructionApplyActions);
        assertEquals(TableId.of(10), ((OFInstructionGotoTable) classify.get(1)).getTableId());

        final var toGateway = FlowModTranslator.add(SampleFlows.toGateway()).getInstructions();
        assertEquals(1, toGateway.size());
        assertTrue(toGateway.getFirst() instanceof OFInstructionGotoTable);

        final var drop = FlowEntry.of(SampleFlows.toLocalVm().table(), 100, SampleFlows.toLocalVm().match(),
            List.of(), null);
        assertEquals(List.of(), FlowModTranslator.add(drop).getInstructions());
    }

    @Test
    public void aChangeOfInstructionsIsAStrictModifyOfThatCookieOnly() {
        final var installed = SampleFlows.toRemoteVmOverIpv4();
        final var desired = FlowEntry.of(installed.table(), installed.priority(), installed.match(),
            List.of(new Output(SampleFlows.VM1_PORT)), null);
        final var flowMod = FlowModTranslator.modify(new FlowModification(installed, desired));
        assertTrue(flowMod instanceof OFFlowModifyStrict);
        assertEquals(U64.of(desired.cookie().value()), flowMod.getCookie());
        assertEquals(U64.NO_MASK, flowMod.getCookieMask());
        assertEquals(FlowModTranslator.add(desired).getInstructions(), flowMod.getInstructions());
    }

    @Test
    public void aChangeOfTimeoutsReplacesTheFlow() {
        final var installed = SampleFlows.toLocalVm();
        final var desired = new FlowEntry(installed.table(), installed.priority(), installed.match(),
            installed.actions(), null, null, 60, 0, false);
        assertEquals(withoutXid(FlowModTranslator.add(desired)),
            withoutXid(FlowModTranslator.modify(new FlowModification(installed, desired))));
    }

    @Test
    public void deleteIsStrictAndLimitedToTheCookie() {
        final var entry = SampleFlows.redirectToIpv6();
        final var flowMod = FlowModTranslator.delete(entry);
        assertTrue(flowMod instanceof OFFlowDeleteStrict);
        assertEquals(TableId.of(20), flowMod.getTableId());
        assertEquals(100, flowMod.getPriority());
        assertEquals(FlowModTranslator.add(entry).getMatch(), flowMod.getMatch());
        assertEquals(U64.of(entry.cookie().value()), flowMod.getCookie());
        assertEquals(U64.NO_MASK, flowMod.getCookieMask());
        assertEquals(OFPort.ANY, flowMod.getOutPort());
    }

    @Test
    public void aForeignFlowIsDeletedAsReported() {
        final var stats = LoxiMessages.statsOf(FlowModTranslator.add(SampleFlows.toLocalVm()))
            .createBuilder().setCookie(U64.of(0x1234)).build();
        final var flowMod = FlowModTranslator.deleteForeign(stats);
        assertEquals(OFFlowModCommand.DELETE_STRICT, flowMod.getCommand());
        assertEquals(stats.getTableId(), flowMod.getTableId());
        assertEquals(stats.getPriority(), flowMod.getPriority());
        assertEquals(stats.getMatch(), flowMod.getMatch());
        assertEquals(U64.of(0x1234), flowMod.getCookie());
        assertEquals(U64.NO_MASK, flowMod.getCookieMask());
    }

    @Test
    public void aDiffIsSentDeletesFirst() {
        final var installed = SampleFlows.toRemoteVmOverIpv4();
        final var modified = FlowEntry.of(installed.table(), installed.priority(), installed.match(),
            List.of(new Output(SampleFlows.VM1_PORT)), null);
        final var diff = FlowDiff.between(List.of(modified, SampleFlows.classifyVmPort()),
            List.of(installed, SampleFlows.redirectToIpv4()));
        assertEquals(List.of(OFFlowModCommand.DELETE_STRICT, OFFlowModCommand.MODIFY_STRICT, OFFlowModCommand.ADD),
            FlowModTranslator.flowMods(diff).stream().map(OFFlowMod::getCommand).toList());
    }

    @Test
    public void anExternalRouteMatchesItsPrefixMasked() throws OFParseError {
        final var ipv4 = FlowModTranslator.add(SampleFlows.ipv4ExternalRoute()).getMatch();
        assertTrue(ipv4.isPartiallyMasked(MatchField.IPV4_DST));
        assertEquals(Masked.of(IPv4Address.of("203.0.113.0"), IPv4Address.of("255.255.255.0")),
            ipv4.getMasked(MatchField.IPV4_DST));
        final var ipv6 = FlowModTranslator.add(SampleFlows.ipv6ExternalRoute()).getMatch();
        assertTrue(ipv6.isPartiallyMasked(MatchField.IPV6_DST));
        assertEquals(Masked.of(IPv6Address.of("2001:db8:ffff::"), IPv6Address.of("ffff:ffff:ffff::")),
            ipv6.getMasked(MatchField.IPV6_DST));
        // a host route stays exact
        final var host = FlowModTranslator.add(SampleFlows.ipv4HostRoute()).getMatch();
        assertTrue(host.isExact(MatchField.IPV4_DST));
        final var add = FlowModTranslator.add(SampleFlows.ipv6ExternalRoute());
        assertEquals(add, LoxiMessages.wireRoundTrip(add));
    }

    @Test
    public void everyFlowModSurvivesTheWire() throws OFParseError {
        for (var entry : SampleFlows.all()) {
            final var add = FlowModTranslator.add(entry);
            assertEquals(entry.toString(), add, LoxiMessages.wireRoundTrip(add));
            final var delete = FlowModTranslator.delete(entry);
            assertEquals(entry.toString(), delete, LoxiMessages.wireRoundTrip(delete));
            final var changed = FlowEntry.of(entry.table(), entry.priority(), entry.match(),
                List.of(new Output(42)), null);
            if (!changed.equals(entry)) {
                final var modify = FlowModTranslator.modify(new FlowModification(entry, changed));
                assertEquals(entry.toString(), modify, LoxiMessages.wireRoundTrip(modify));
            }
        }
    }

    private static OFFlowMod withoutXid(final OFFlowMod flowMod) {
        return flowMod.createBuilder().setXid(0).build();
    }
}
