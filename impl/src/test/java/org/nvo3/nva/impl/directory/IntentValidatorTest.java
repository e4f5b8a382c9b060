/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.directory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.UnknownDestination;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

public class IntentValidatorTest {
    private static final Vni BLUE = new Vni(100);
    private static final Vni RED = new Vni(200);
    private static final Nve N1 = nve("n1", 1, "192.0.2.11");
    private static final Nve N2 = nve("n2", 2, "2001:db8::12");

    @Test
    public void acceptsAConsistentFabric() {
        final var result = validate(List.of(N1, N2),
            vm("a", BLUE, "02:00:00:00:00:0a", "n1", "p1", "198.51.100.1"),
            vm("b", BLUE, "02:00:00:00:00:0b", "n2", "p1", "198.51.100.2"),
            vm("c", RED, "02:00:00:00:00:0a", null, null, "198.51.100.1"));
        assertEquals(List.of(), result.problems());
        assertEquals(Set.of(vmId("a"), vmId("b"), vmId("c")), result.snapshot().vms().keySet());
        assertEquals(Set.of(N1.id(), N2.id()), result.snapshot().nves().keySet());
    }

    @Test
    public void refusesVmInUnknownVni() {
        final var result = validate(List.of(N1),
            vm("a", BLUE, "02:00:00:00:00:0a", "n1", null, "198.51.100.1"),
            vm("lost", new Vni(300), "02:00:00:00:00:0b", "n1", null, "198.51.100.2"));
        assertOnlyProblem(result, IntentKind.VM, "lost", "virtual network 300 does not exist");
        assertVms(result, "a");
    }

    @Test
    public void refusesVmPlacedOnUnknownNve() {
        final var result = validate(List.of(N1),
            vm("a", BLUE, "02:00:00:00:00:0a", "n1", null),
            vm("lost", BLUE, "02:00:00:00:00:0b", "n9", null));
        assertOnlyProblem(result, IntentKind.VM, "lost", "NVE n9 does not exist in fabric/nve");
        assertVms(result, "a");
    }

    @Test
    public void amongNewcomersWithOneMacTheSmallerIdWins() {
        final var result = validate(List.of(N1),
            vm("b", BLUE, "02:00:00:00:00:0a", null, null),
            vm("a", BLUE, "02:00:00:00:00:0a", null, null),
            vm("c", BLUE, "02:00:00:00:00:0c", null, null));
        assertOnlyProblem(result, IntentKind.VM, "b", "MAC 02:00:00:00:00:0a is already used by VM a in VNI 100");
        assertVms(result, "a", "c");
    }

    @Test
    public void incumbentKeepsItsMacEvenIfItsIdSortsLater() {
        final var incumbent = vm("z", BLUE, "02:00:00:00:00:0a", "n1", null);
        final var first = validate(List.of(N1), incumbent);
        assertEquals(List.of(), first.problems());

        final var second = validate(first.snapshot(), List.of(N1), incumbent,
            vm("a", BLUE, "02:00:00:00:00:0a", null, null));
        assertOnlyProblem(second, IntentKind.VM, "a", "MAC 02:00:00:00:00:0a is already used by VM z in VNI 100");
        assertVms(second, "z");
    }

    @Test
    public void editingAVmIntoAConflictDoesNotEvictTheVmItCollidesWith() {
        final var a = vm("a", BLUE, "02:00:00:00:00:0a", null, null, "198.51.100.1");
        final var b = vm("b", BLUE, "02:00:00:00:00:0b", null, null, "198.51.100.2");
        final var first = validate(List.of(N1), a, b);
        assertEquals(List.of(), first.problems());

        // a is edited to take b's MAC: the edit is refused, b keeps running although "a" sorts first
        final var second = validate(first.snapshot(), List.of(N1),
            vm("a", BLUE, "02:00:00:00:00:0b", null, null, "198.51.100.1"), b);
        assertOnlyProblem(second, IntentKind.VM, "a", "MAC 02:00:00:00:00:0b is already used by VM b in VNI 100");
        assertVms(second, "b");

        // same with an IP
        final var third = validate(first.snapshot(), List.of(N1),
            vm("a", BLUE, "02:00:00:00:00:0a", null, null, "198.51.100.1", "198.51.100.2"), b);
        assertOnlyProblem(third, IntentKind.VM, "a", "IP 198.51.100.2 is already used by VM b in VNI 100");
        assertVms(third, "b");
    }

    @Test
    public void editedVmStillOutranksANewcomer() {
        final var first = validate(List.of(N1), vm("z", BLUE, "02:00:00:00:00:0a", null, null, "198.51.100.1"));
        // z changes its IP only; newcomer a wants z's MAC
        final var second = validate(first.snapshot(), List.of(N1),
            vm("z", BLUE, "02:00:00:00:00:0a", null, null, "198.51.100.9"),
            vm("a", BLUE, "02:00:00:00:00:0a", null, null));
        assertOnlyProblem(second, IntentKind.VM, "a", "already used by VM z");
        assertVms(second, "z");
    }

    @Test
    public void refusesDuplicateUnderlayIp() {
        final var twin = nve("n3", 3, "192.0.2.11");
        final var result = validate(List.of(N1, twin),
            vm("a", BLUE, "02:00:00:00:00:0a", "n1", null),
            vm("b", BLUE, "02:00:00:00:00:0b", "n3", null));
        assertProblems(result,
            new Expected(IntentKind.NVE, "n3", "underlay-ip 192.0.2.11 is already used by NVE n1"),
            new Expected(IntentKind.VM, "b", "NVE n3 is itself refused"));
        assertEquals(Set.of(N1.id()), result.snapshot().nves().keySet());
        assertVms(result, "a");
    }

    @Test
    public void refusesDuplicateDatapathId() {
        final var big = nve("n1", Long.MIN_VALUE, "192.0.2.11");
        final var twin = nve("n0", Long.MIN_VALUE, "192.0.2.10");
        final var first = validate(List.of(big));
        // n1 is the incumbent, so it keeps the datapath id although n0 sorts first
        final var result = validate(first.snapshot(), List.of(big, twin));
        assertOnlyProblem(result, IntentKind.NVE, "n0",
            "datapath-id 9223372036854775808 is already used by NVE n1");
        assertEquals(Set.of(big.id()), result.snapshot().nves().keySet());
    }

    @Test
    public void editingAnNveIntoAConflictDoesNotEvictTheNveItCollidesWith() {
        final var first = validate(List.of(N1, N2), vm("b", BLUE, "02:00:00:00:00:0b", "n2", null));
        final var edited = nve("n1", 2, "192.0.2.11");
        final var second = validate(first.snapshot(), List.of(edited, N2),
            vm("b", BLUE, "02:00:00:00:00:0b", "n2", null));
        assertOnlyProblem(second, IntentKind.NVE, "n1", "datapath-id 2 is already used by NVE n2");
        assertVms(second, "b");
    }

    @Test
    public void refusesIpUsedByTwoVmsInOneVni() {
        final var result = validate(List.of(N1),
            vm("a", BLUE, "02:00:00:00:00:0a", null, null, "198.51.100.1", "2001:db8:1::1"),
            vm("b", BLUE, "02:00:00:00:00:0b", null, null, "198.51.100.2", "2001:db8:1::1"));
        assertOnlyProblem(result, IntentKind.VM, "b", "IP 2001:db8:1::1 is already used by VM a in VNI 100");
        assertVms(result, "a");
        assertFalse(result.snapshot().lookup(BLUE, IpAddress.parse("198.51.100.2")).isPresent());
    }

    @Test
    public void acceptsSameIpInTwoVnis() {
        final var result = validate(List.of(N1),
            vm("a", BLUE, "02:00:00:00:00:0a", null, null, "198.51.100.1"),
            vm("b", RED, "02:00:00:00:00:0b", null, null, "198.51.100.1"));
        assertEquals(List.of(), result.problems());
        final var shared = IpAddress.parse("198.51.100.1");
        assertEquals(vmId("a"), result.snapshot().lookup(BLUE, shared).orElseThrow().vm().id());
        assertEquals(vmId("b"), result.snapshot().lookup(RED, shared).orElseThrow().vm().id());
    }

    @Test
    public void refusesVmsOfADeletedNve() {
        final var a = vm("a", BLUE, "02:00:00:00:00:0a", "n1", null, "198.51.100.1");
        final var b = vm("b", BLUE, "02:00:00:00:00:0b", "n2", null, "198.51.100.2");
        final var c = vm("c", RED, "02:00:00:00:00:0c", null, null);
        final var first = validate(List.of(N1, N2), a, b, c);
        assertEquals(List.of(), first.problems());

        final var second = validate(first.snapshot(), List.of(N2), a, b, c);
        assertOnlyProblem(second, IntentKind.VM, "a", "NVE n1 was deleted while this VM was placed on it");
        assertVms(second, "b", "c");
        assertEquals(Set.of(N2.id()), second.snapshot().nves().keySet());
    }

    @Test
    public void refusesTwoVmsOnOnePortOfOneNve() {
        final var result = validate(List.of(N1, N2),
            vm("a", BLUE, "02:00:00:00:00:0a", "n1", "tap0"),
            vm("b", RED, "02:00:00:00:00:0b", "n1", "tap0"),
            // the same port name on another NVE is another port
            vm("c", BLUE, "02:00:00:00:00:0c", "n2", "tap0"));
        assertOnlyProblem(result, IntentKind.VM, "b", "port tap0 on NVE n1 is already used by VM a");
        assertVms(result, "a", "c");
    }

    @Test
    public void problemsAreSortedByKindAndId() {
        final var result = validate(List.of(N1, nve("n3", 1, "192.0.2.13")),
            vm("z", BLUE, "02:00:00:00:00:0a", "n9", null),
            vm("y", new Vni(300), "02:00:00:00:00:0b", null, null));
        assertEquals(List.of("NVE n3", "VM y", "VM z"),
            result.problems().stream().map(problem -> problem.kind() + " " + problem.id()).toList());
    }

    private record Expected(IntentKind kind, String id, String reasonPart) {
    }

    @Test
    public void refusesOnDemandDistributionWithDropAndKeepsThePreviousSettings() {
        final var previous = FabricSettings.DEFAULT.withDistribution(DestinationDistribution.ON_DEMAND, 60);
        final var contradicting = new FabricSettings(45, 5, 180, UnknownDestination.DROP, false,
            DestinationDistribution.ON_DEMAND, 60);
        final var result = IntentValidator.validate(new FabricIntent(contradicting, Map.of(N1.id(), N1), Map.of(),
            Map.of()), new FabricSnapshot(previous, Map.of(), Map.of(), Map.of()));
        assertOnlyProblem(result, IntentKind.SETTINGS, "settings",
            "destination-distribution on-demand needs unknown-destination pull");
        assertEquals(previous, result.snapshot().settings());
        assertEquals(Set.of(N1.id()), result.snapshot().nves().keySet());
    }

    @Test
    public void acceptsOnDemandDistributionWithPull() {
        final var settings = FabricSettings.DEFAULT.withDistribution(DestinationDistribution.ON_DEMAND, 60);
        final var result = IntentValidator.validate(new FabricIntent(settings, Map.of(), Map.of(), Map.of()),
            FabricSnapshot.EMPTY);
        assertEquals(List.of(), result.problems());
        assertEquals(settings, result.snapshot().settings());
    }

    private static void assertOnlyProblem(final ValidatedFabric result, final IntentKind kind, final String id,
            final String reasonPart) {
        assertProblems(result, new Expected(kind, id, reasonPart));
    }

    private static void assertProblems(final ValidatedFabric result, final Expected... expected) {
        final var problems = result.problems();
        assertEquals(problems.toString(), expected.length, problems.size());
        for (int i = 0; i < expected.length; i++) {
            final IntentProblem problem = problems.get(i);
            assertEquals(expected[i].kind(), problem.kind());
            assertEquals(expected[i].id(), problem.id());
            assertTrue(problem.reason(), problem.reason().contains(expected[i].reasonPart()));
        }
    }

    private static void assertVms(final ValidatedFabric result, final String... ids) {
        final var expected = new HashSet<VmId>();
        for (var id : ids) {
            expected.add(vmId(id));
        }
        assertEquals(expected, result.snapshot().vms().keySet());
    }

    private static ValidatedFabric validate(final List<Nve> nves, final Vm... vms) {
        return validate(FabricSnapshot.EMPTY, nves, vms);
    }

    private static ValidatedFabric validate(final FabricSnapshot previous, final List<Nve> nves, final Vm... vms) {
        final var nveMap = new HashMap<NveId, Nve>();
        nves.forEach(nve -> nveMap.put(nve.id(), nve));
        final var vmMap = new HashMap<VmId, Vm>();
        for (var vm : vms) {
            vmMap.put(vm.id(), vm);
        }
        final Map<Vni, VirtualNetwork> networks = Map.of(
            BLUE, new VirtualNetwork(BLUE, "blue", "t1", OverlayMode.L2),
            RED, new VirtualNetwork(RED, "red", "t2", OverlayMode.L2));
        return IntentValidator.validate(new FabricIntent(FabricSettings.DEFAULT, nveMap, networks, vmMap),
            previous);
    }

    private static Nve nve(final String id, final long dpid, final String underlay) {
        return new Nve(new NveId(id), new DatapathId(dpid), IpAddress.parse(underlay), Nve.DEFAULT_TUNNEL_PORT);
    }

    private static VmId vmId(final String id) {
        return new VmId(id);
    }

    private static Vm vm(final String id, final Vni vni, final String mac, final @Nullable String nve,
            final @Nullable String port, final String... ips) {
        final var addresses = new ArrayList<IpAddress>();
        for (var ip : ips) {
            addresses.add(IpAddress.parse(ip));
        }
        return new Vm(vmId(id), vni, MacAddress.parse(mac), Set.copyOf(addresses),
            nve == null ? null : new NveId(nve), port == null ? null : new PortName(port));
    }
}
