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
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.flow.TestFabric.TUNNEL_OFPORT;
import static org.nvo3.nva.impl.flow.TestFabric.learned;
import static org.nvo3.nva.impl.flow.TestFabric.network;
import static org.nvo3.nva.impl.flow.TestFabric.nve;
import static org.nvo3.nva.impl.flow.TestFabric.ports;
import static org.nvo3.nva.impl.flow.TestFabric.snapshot;
import static org.nvo3.nva.impl.flow.TestFabric.vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * The flow compiler, flow by flow: which flows an NVE gets for the VNIs it hosts, and none for the others.
 */
public class FlowCompilerTest {
    private static final long METER = 7;
    private static final Nve NVE1 = nve(1, "192.0.2.1");
    private static final Nve NVE2 = nve(2, "192.0.2.2");
    private static final Nve NVE3 = nve(3, "2001:db8::3");
    private static final Nve NVE4 = nve(4, "192.0.2.4");
    private static final int BLUE = 5001;
    private static final int RED = 5002;
    private static final int ROUTED = 5003;
    private static final Vm VM1 = vm("vm1", BLUE, "02:00:00:00:00:01", "198.51.100.1", NVE1, "tap1");
    private static final Vm VM2 = vm("vm2", BLUE, "02:00:00:00:00:02", "198.51.100.2", NVE2, "tap2");
    private static final Vm VM3 = vm("vm3", BLUE, "02:00:00:00:00:03", "198.51.100.3", NVE3, "tap3");
    private static final Vm RED1 = vm("red1", RED, "02:00:00:00:00:01", "198.51.100.1", NVE2, "tap4");
    private static final Vm RED2 = vm("red2", RED, "02:00:00:00:00:02", "198.51.100.2", NVE3, "tap5");
    private static final Vm ROUTED1 = vm("routed1", ROUTED, "02:00:00:00:00:31", "198.51.100.31", NVE1, "tap6");
    private static final Vm UNPLACED = vm("unplaced", BLUE, "02:00:00:00:00:09", "198.51.100.9", null, null);
    private static final Map<NveId, NvePorts> PORTS = Map.of(NVE1.id(), ports("tap1", 11L, "tap6", 16L),
        NVE2.id(), ports("tap2", 12L, "tap4", 14L), NVE3.id(), ports("tap3", 13L, "tap5", 15L),
        NVE4.id(), ports("tap7", 17L));

    @Test
    public void compilesTheFlowsOfTheVnisAnNveHosts() {
        final var blue = TunnelId.of(new Vni(BLUE));
        final var toNva = List.<FlowAction>of(new OutputController(OutputController.WHOLE_PACKET));
        final var expected = List.of(
            FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(11), new EthSrc(VM1.mac())),
                List.of(new SetTunnelId(BLUE)), PipelineTable.ARP_ND_RESPONDER),
            FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(TUNNEL_OFPORT), blue), List.of(),
                PipelineTable.REDIRECT),
            PipelineTable.CLASSIFY.missEntry(UnknownDestination.PULL, METER),
            new FlowEntry(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(blue, new EthType(EthType.ARP)), toNva,
                null, METER, 0, 0, false),
            new FlowEntry(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(blue, new EthType(EthType.RARP)), toNva,
                null, METER, 0, 0, false),
            new FlowEntry(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(blue, new EthType(EthType.IPV6),
                new IpProto(IpProto.ICMPV6), new Icmpv6Type(Icmpv6Type.NEIGHBOR_SOLICITATION)), toNva, null, METER, 0,
                0, false),
            new FlowEntry(PipelineTable.ARP_ND_RESPONDER, 100, FlowMatch.of(blue, new EthType(EthType.IPV6),
                new IpProto(IpProto.ICMPV6), new Icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT)), toNva, null, METER, 0,
                0, false),
            PipelineTable.ARP_ND_RESPONDER.missEntry(UnknownDestination.PULL, METER),
            PipelineTable.REDIRECT.missEntry(UnknownDestination.PULL, METER),
            FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(blue, new EthDst(VM1.mac())),
                List.of(new Output(11)), null),
            FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(blue, new EthDst(VM2.mac())),
                List.of(new SetTunnelDst(NVE2.underlayIp()), new Output(TUNNEL_OFPORT)), null),
            FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(blue, new EthDst(VM3.mac())),
                List.of(new SetTunnelDst(IpAddress.parse("2001:db8::3")), new Output(TUNNEL_OFPORT)), null),
            PipelineTable.L2_DESTINATION.missEntry(UnknownDestination.PULL, METER),
            PipelineTable.L3_HOST_ROUTE.missEntry(UnknownDestination.PULL, METER));
        assertEquals(expected, ReferenceCompiler.compile(intent(), NVE1.id(), METER));
    }

    @Test
    public void sameStateSameFlowsInTheSameOrder() {
        final var flows = ReferenceCompiler.compile(intent(), NVE2.id(), METER);
        assertEquals(flows, ReferenceCompiler.compile(intent(), NVE2.id(), METER));

        // the same fabric built from its entries in the opposite order
        final var vms = new ArrayList<>(fabric().vms().values());
        Collections.reverse(vms);
        final var reversed = new LinkedHashMap<VmId, Vm>();
        vms.forEach(vm -> reversed.put(vm.id(), vm));
        final var fabric = new FabricSnapshot(FabricSettings.DEFAULT, fabric().nves(), fabric().networks(), reversed);
        assertEquals(flows, ReferenceCompiler.compile(ForwardingState.ofIntent(fabric, PORTS), NVE2.id(), METER));
        FlowDiff.between(flows, List.of());
    }

    @Test
    public void anNveGetsNothingOfVnisItDoesNotHost() {
        final var nve1 = ReferenceCompiler.compile(intent(), NVE1.id(), METER);
        final var red = TunnelId.of(new Vni(RED));
        assertTrue(nve1.stream().noneMatch(flow -> red.equals(flow.match().get(MatchField.TUNNEL_ID))));
        assertTrue(nve1.stream().noneMatch(flow -> flow.actions().contains(new SetTunnelId(RED))));

        // NVE4 hosts nothing: the table-miss flows only
        final var nve4 = ReferenceCompiler.compile(intent(), NVE4.id(), METER);
        assertEquals(PipelineTable.values().length, nve4.size());
        assertTrue(nve4.stream().allMatch(flow -> flow.match().isEmpty()));
    }

    @Test
    public void anL3NetworkGetsOnlyTheMissFlows() {
        final var nve1 = ReferenceCompiler.compile(intent(), NVE1.id(), METER);
        assertTrue(nve1.stream()
            .noneMatch(flow -> new TunnelId(ROUTED).equals(flow.match().get(MatchField.TUNNEL_ID))));
        assertTrue(nve1.stream().noneMatch(flow -> new InPort(16).equals(flow.match().get(MatchField.IN_PORT))));
    }

    @Test
    public void everyFlowAfterClassifyIsOfOneVni() {
        for (var nve : fabric().nves().keySet()) {
            for (var flow : ReferenceCompiler.compile(intent(), nve, METER)) {
                if (flow.table() != PipelineTable.CLASSIFY && !flow.match().isEmpty()) {
                    assertTrue(flow.toString(), flow.match().matchFields().contains(MatchField.TUNNEL_ID));
                }
            }
        }
    }

    @Test
    public void withoutItsTunnelPortAnNveKeepsOnlyItsLocalFlows() {
        final var ports = Map.of(NVE1.id(), new NvePorts(Map.of(new PortName("tap1"), 11L)));
        final var flows = ReferenceCompiler.compile(ForwardingState.ofIntent(fabric(), ports), NVE1.id(), METER);
        final var withTunnel = ReferenceCompiler.compile(intent(), NVE1.id(), METER);
        assertTrue(flows.stream().noneMatch(flow -> flow.match().fields().contains(new InPort(TUNNEL_OFPORT))
            || flow.actions().contains(new Output(TUNNEL_OFPORT))
            || flow.actions().stream().anyMatch(SetTunnelDst.class::isInstance)));
        assertEquals(withTunnel.stream().filter(flow -> !flow.match().fields().contains(new InPort(TUNNEL_OFPORT))
            && !flow.actions().contains(new Output(TUNNEL_OFPORT))).toList(), flows);
        assertTrue(flows.contains(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(new TunnelId(BLUE),
            new EthDst(VM1.mac())), List.of(new Output(11)), null)));
    }

    @Test
    public void aLocalVmWhosePortTheSwitchLacksGetsNoFlowOfItsOwn() {
        final var ports = Map.of(NVE1.id(), ports());
        final var flows = ReferenceCompiler.compile(ForwardingState.ofIntent(fabric(), ports), NVE1.id(), METER);
        assertTrue(flows.stream().noneMatch(flow -> new EthSrc(VM1.mac()).equals(flow.match().get(MatchField.ETH_SRC))
            || new EthDst(VM1.mac()).equals(flow.match().get(MatchField.ETH_DST))));
        // NVE1 still hosts BLUE: vm1 is placed there
        assertTrue(flows.contains(FlowEntry.of(PipelineTable.CLASSIFY, 100, FlowMatch.of(new InPort(TUNNEL_OFPORT),
            new TunnelId(BLUE)), List.of(), PipelineTable.REDIRECT)));
    }

    @Test
    public void aLearnedLocationWinsOverTheIntent() {
        final var state = new ForwardingState(fabric(), Map.of(VM1.id(), learned(VM1, NVE4, "tap7", 1)), PORTS,
            Set.of());
        assertEquals(Optional.of(new Placement(NVE4.id(), new PortName("tap7"))), state.placement(VM1));
        assertEquals(Optional.of(new Placement(NVE2.id(), new PortName("tap2"))), state.placement(VM2));
        assertEquals(Optional.empty(), state.placement(UNPLACED));

        final var nve4 = ReferenceCompiler.compile(state, NVE4.id(), METER);
        assertTrue(nve4.contains(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(new TunnelId(BLUE),
            new EthDst(VM1.mac())), List.of(new Output(17)), null)));
        final var nve2 = ReferenceCompiler.compile(state, NVE2.id(), METER);
        assertTrue(nve2.contains(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(new TunnelId(BLUE),
            new EthDst(VM1.mac())), List.of(new SetTunnelDst(NVE4.underlayIp()), new Output(TUNNEL_OFPORT)), null)));
        // NVE1 hosted BLUE only through vm1, and ROUTED is L3
        assertEquals(PipelineTable.values().length, ReferenceCompiler.compile(state, NVE1.id(), METER).size());
    }

    @Test
    public void aRedirectFollowsTheVmAndEndsWhenTheVmIsBack() {
        final var redirects = Set.of(new Redirect(VM2.id(), NVE2.id(), 30));
        final var atNve4 = new ForwardingState(fabric(), Map.of(VM2.id(), learned(VM2, NVE4, "tap7", 1)), PORTS,
            redirects);
        assertEquals(List.of(redirectFlow(NVE4, 30)), redirectFlows(atNve4, NVE2));

        // vm2 moves on to NVE3 (IPv6): NVE2's redirect now points there, and NVE4 redirects too
        final var chain = Set.of(new Redirect(VM2.id(), NVE2.id(), 30), new Redirect(VM2.id(), NVE4.id(), 20));
        final var atNve3 = new ForwardingState(fabric(), Map.of(VM2.id(), learned(VM2, NVE3, "tap3", 2)), PORTS,
            chain);
        assertEquals(List.of(redirectFlow(NVE3, 30)), redirectFlows(atNve3, NVE2));
        assertEquals(List.of(redirectFlow(NVE3, 20)), redirectFlows(atNve3, NVE4));

        // vm2 back on NVE2: no redirect there; unplaced: none anywhere
        final var back = new ForwardingState(fabric(), Map.of(VM2.id(), learned(VM2, NVE2, "tap2", 3)), PORTS, chain);
        assertEquals(List.of(), redirectFlows(back, NVE2));
        assertEquals(List.of(redirectFlow(NVE2, 20)), redirectFlows(back, NVE4));
        final var fabricWithoutPlacement = snapshot(List.of(NVE1, NVE2, NVE3, NVE4), fabric().networks().values(),
            List.of(VM1, vm("vm2", BLUE, "02:00:00:00:00:02", "198.51.100.2", null, null), VM3, RED1, RED2, ROUTED1));
        final var unplaced = new ForwardingState(fabricWithoutPlacement, Map.of(), PORTS, chain);
        assertEquals(List.of(), redirectFlows(unplaced, NVE2));
        assertEquals(List.of(), redirectFlows(unplaced, NVE4));
    }

    @Test
    public void theRedirectCookieNamesTheRedirectFlowWhereverTheVmGoes() {
        final var redirect = new Redirect(VM2.id(), NVE2.id(), 30);
        final var atNve4 = new ForwardingState(fabric(), Map.of(VM2.id(), learned(VM2, NVE4, "tap7", 1)), PORTS,
            Set.of(redirect));
        final var atNve3 = new ForwardingState(fabric(), Map.of(VM2.id(), learned(VM2, NVE3, "tap3", 2)), PORTS,
            Set.of(redirect));
        final var cookie = FlowCompiler.redirectCookie(atNve4, redirect).orElseThrow();
        assertEquals(redirectFlows(atNve4, NVE2).getFirst().cookie(), cookie);
        assertEquals(cookie, FlowCompiler.redirectCookie(atNve3, redirect).orElseThrow());
        assertEquals(redirectFlows(atNve3, NVE2).getFirst().cookie(), cookie);
        assertNotEquals(cookie, FlowCompiler.redirectCookie(atNve4, new Redirect(VM3.id(), NVE2.id(), 30))
            .orElseThrow());
        assertEquals(Optional.empty(), FlowCompiler.redirectCookie(new ForwardingState(fabric(), Map.of(), Map.of(),
            Set.of(redirect)), redirect));
        assertEquals(Optional.empty(), FlowCompiler.redirectCookie(atNve4, new Redirect(new VmId("gone"), NVE2.id(),
            30)));
    }

    @Test
    public void twoLocalVmsOfDifferentVnisWithOneMacOnOnePortAreNotAdmitted() {
        final var clash = vm("red3", RED, "02:00:00:00:00:01", "198.51.100.1", NVE1, "tap1");
        final var fabric = snapshot(List.of(NVE1, NVE2, NVE3, NVE4), fabric().networks().values(), List.of(VM1, VM2,
            clash));
        final var flows = ReferenceCompiler.compile(ForwardingState.ofIntent(fabric, PORTS), NVE1.id(), METER);
        assertTrue(flows.stream().noneMatch(flow -> flow.match().get(MatchField.ETH_SRC) != null));
        // each still reachable in its own VNI
        assertTrue(flows.contains(FlowEntry.of(PipelineTable.L2_DESTINATION, 100, FlowMatch.of(new TunnelId(RED),
            new EthDst(clash.mac())), List.of(new Output(11)), null)));
    }

    @Test
    public void unknownDestinationDecidesTheL2Miss() {
        final var settings = new FabricSettings(30, 5, 180, UnknownDestination.DROP, false);
        final var fabric = snapshot(settings, fabric().nves().values(), fabric().networks().values(),
            fabric().vms().values());
        final var miss = ReferenceCompiler.compile(ForwardingState.ofIntent(fabric, PORTS), NVE1.id(), METER).stream()
            .filter(flow -> flow.table() == PipelineTable.L2_DESTINATION && flow.match().isEmpty()).findFirst()
            .orElseThrow();
        assertEquals(List.of(), miss.actions());
        assertEquals(null, miss.gotoTable());
    }

    @Test
    public void refusesAnNveTheFabricDoesNotHave() {
        final var error = assertThrows(IllegalArgumentException.class,
            () -> ReferenceCompiler.compile(intent(), new NveId("nve9"), METER));
        assertEquals("NVE nve9 is not in the fabric", error.getMessage());
    }

    @Test
    public void aStateRefusesInconsistentInput() {
        final Map<VmId, VmLocation> misfiled = Map.of(VM1.id(), learned(VM2, NVE1, "tap1", 1));
        assertThrows(IllegalArgumentException.class, () -> new ForwardingState(fabric(), misfiled, PORTS, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new ForwardingState(fabric(), Map.of(), PORTS,
            Set.of(new Redirect(VM2.id(), NVE2.id(), 30), new Redirect(VM2.id(), NVE2.id(), 20))));
        assertThrows(IllegalArgumentException.class, () -> new Redirect(VM2.id(), NVE2.id(), 0));
        assertThrows(IllegalArgumentException.class, () -> new NvePorts(Map.of(new PortName("local"), 0xFFFF_FFFEL)));
    }

    @Test
    public void aLearnedLocationOnAnNveTheFabricLacksLeavesTheVmUnplaced() {
        final var gone = new VmLocation(VM1.id(), new NveId("nve9"), null, 1, MoveTrigger.RARP,
            TestFabric.SINCE, false);
        final var state = new ForwardingState(fabric(), Map.of(VM1.id(), gone), PORTS, Set.of());
        assertEquals(Optional.empty(), state.placement(VM1));
        final var toVm1 = FlowMatch.of(new TunnelId(BLUE), new EthDst(VM1.mac()));
        assertTrue(ReferenceCompiler.compile(state, NVE2.id(), METER).stream()
            .noneMatch(flow -> flow.match().equals(toVm1)));
        assertTrue(ReferenceCompiler.compile(intent(), NVE2.id(), METER).stream()
            .anyMatch(flow -> flow.match().equals(toVm1)));
    }

    @Test
    public void portsFromASwitchKeepOnlyAddressablePorts() {
        final var ports = NvePorts.described(Map.of("vxlan0", 1L, "tap1", 11L, "br-nve1", 0xFFFF_FFFEL,
            "bad name", 12L));
        assertEquals(Map.of(new PortName("vxlan0"), 1L, new PortName("tap1"), 11L), ports.ofports());
        assertEquals(Long.valueOf(11), ports.ofport(new PortName("tap1")));
        assertEquals(null, ports.ofport(new PortName("tap2")));
    }

    @Test
    public void affectedNvesAreTheHostsOfAChangedVni() {
        final var before = intent();
        // vm1 learned at NVE4: BLUE changes; RED is untouched
        final var moved = new ForwardingState(fabric(), Map.of(VM1.id(), learned(VM1, NVE4, "tap7", 1)), PORTS,
            Set.of());
        assertEquals(Set.of(NVE1.id(), NVE2.id(), NVE3.id(), NVE4.id()), ReferenceCompiler.affectedNves(before, moved));
        // only the port changes: only NVE1
        final var newPort = new ForwardingState(fabric(), Map.of(VM1.id(), learned(VM1, NVE1, "tap6", 1)), PORTS,
            Set.of());
        assertEquals(Set.of(NVE1.id()), ReferenceCompiler.affectedNves(before, newPort));
        // a RED VM moves between NVE2 and NVE3, which both host BLUE too: NVE1 keeps its flows
        final var redMoved = new ForwardingState(fabric(), Map.of(RED1.id(), learned(RED1, NVE3, "tap5", 1)), PORTS,
            Set.of());
        assertEquals(Set.of(NVE2.id(), NVE3.id()), ReferenceCompiler.affectedNves(before, redMoved));
        // a port no VM is placed on changes no flow; a connecting switch changes everything of its NVE
        final var withNewPort = new HashMap<>(PORTS);
        withNewPort.put(NVE4.id(), ports("tap7", 18L));
        assertEquals(Set.of(), ReferenceCompiler.affectedNves(before, ForwardingState.ofIntent(fabric(),
            withNewPort)));
        // the port of a VM renumbered: that VM's scope at its NVE, nothing else
        final var renumbered = new ForwardingState(fabric(), Map.of(VM1.id(), learned(VM1, NVE4, "tap7", 1)),
            withNewPort, Set.of());
        assertEquals(Map.of(NVE4.id(), NveScopes.of(Set.of(new FlowScope.OfVm(VM1.id())))),
            FlowCompiler.changedScopes(moved, renumbered));
        final var disconnected = new HashMap<>(PORTS);
        disconnected.remove(NVE4.id());
        assertEquals(Set.of(NVE4.id()), ReferenceCompiler.affectedNves(ForwardingState.ofIntent(fabric(),
            disconnected), before));
        assertEquals(Set.of(), ReferenceCompiler.affectedNves(before, intent()));
    }

    private static FlowEntry redirectFlow(final Nve target, final int seconds) {
        return new FlowEntry(PipelineTable.REDIRECT, 100, FlowMatch.of(new InPort(TUNNEL_OFPORT), new TunnelId(BLUE),
            new EthDst(VM2.mac())), List.of(new SetTunnelDst(target.underlayIp()), new OutputInPort()), null, null, 0,
            seconds, true);
    }

    private static List<FlowEntry> redirectFlows(final ForwardingState state, final Nve nve) {
        final var flows = ReferenceCompiler.compile(state, nve.id(), METER);
        assertFalse(flows.isEmpty());
        return flows.stream().filter(flow -> flow.table() == PipelineTable.REDIRECT && !flow.match().isEmpty())
            .toList();
    }

    private static ForwardingState intent() {
        return ForwardingState.ofIntent(fabric(), PORTS);
    }

    private static FabricSnapshot fabric() {
        return snapshot(List.of(NVE1, NVE2, NVE3, NVE4), List.of(network(BLUE, OverlayMode.L2),
            network(RED, OverlayMode.L2), network(ROUTED, OverlayMode.L3)),
            List.of(VM1, VM2, VM3, RED1, RED2, ROUTED1, UNPLACED));
    }
}
