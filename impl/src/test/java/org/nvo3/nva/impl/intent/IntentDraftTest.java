/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.intent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.FabricBindings.network;
import static org.nvo3.nva.impl.FabricBindings.nve;
import static org.nvo3.nva.impl.FabricBindings.vm;

import java.util.List;
import org.junit.Test;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.SettingsBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;

public class IntentDraftTest {
    private static final VmId VM_A = new VmId("vm-a");

    @Test
    public void convertsAValidVm() {
        final var draft = new IntentDraft();
        draft.ensureVm(vm("vm-a", 100L, "02:00:00:00:00:AA", "n1", "tap0", "198.51.100.1", "2001:db8::a"));
        final var vm = draft.intent().vms().get(VM_A);
        assertEquals(new Vni(100), vm.vni());
        assertEquals(MacAddress.parse("02:00:00:00:00:aa"), vm.mac());
        assertEquals("[198.51.100.1, 2001:db8::a]", vm.ips().toString());
        assertEquals(new NveId("n1"), vm.nve());
        assertEquals("tap0", vm.port().value());
        assertEquals(List.of(), draft.malformed());
    }

    @Test
    public void convertsDestinationDistributionAndPullIdleSeconds() {
        final var draft = new IntentDraft();
        draft.ensureSettings(new SettingsBuilder()
            .setDestinationDistribution(Settings.DestinationDistribution.OnDemand)
            .setPullIdleSeconds(Uint16.valueOf(42))
            .build());
        assertEquals(DestinationDistribution.ON_DEMAND, draft.intent().settings().destinationDistribution());
        assertEquals(42, draft.intent().settings().pullIdleSeconds());
        draft.ensureSettings(new SettingsBuilder().build());
        assertEquals(DestinationDistribution.PUSH, draft.intent().settings().destinationDistribution());
        assertEquals(FabricSettings.DEFAULT_PULL_IDLE_SECONDS, draft.intent().settings().pullIdleSeconds());
    }

    @Test
    public void keepsVmWithMulticastMacAsMalformed() {
        final var draft = new IntentDraft();
        draft.ensureVm(vm("vm-a", 100L, "01:00:5e:00:00:01", null, null));
        assertFalse(draft.intent().vms().containsKey(VM_A));
        assertOnlyProblem(draft, IntentKind.VM, "vm-a", "MAC 01:00:5e:00:00:01 is a group or zero address");

        draft.removeVm("vm-a");
        assertEquals(List.of(), draft.malformed());
        assertTrue(draft.intent().vms().isEmpty());
    }

    @Test
    public void keepsVmWithPortButNoNveAsMalformed() {
        final var draft = new IntentDraft();
        draft.ensureVm(vm("vm-a", 100L, "02:00:00:00:00:0a", null, "tap0"));
        assertFalse(draft.intent().vms().containsKey(VM_A));
        assertOnlyProblem(draft, IntentKind.VM, "vm-a", "port tap0 is set without nve");

        draft.removeVm("vm-a");
        assertEquals(List.of(), draft.malformed());
    }

    @Test
    public void fixingAMalformedEntryClearsItsProblem() {
        final var draft = new IntentDraft();
        draft.ensureVm(vm("vm-a", 100L, "02:00:00:00:00:0a", null, "tap0"));
        draft.ensureVm(vm("vm-a", 100L, "02:00:00:00:00:0a", "n1", "tap0"));
        assertEquals(List.of(), draft.malformed());
        assertTrue(draft.intent().vms().containsKey(VM_A));
    }

    @Test
    public void breakingAValidEntryDropsItsOldVersion() {
        final var draft = new IntentDraft();
        draft.ensureVm(vm("vm-a", 100L, "02:00:00:00:00:0a", null, null, "198.51.100.1"));
        draft.ensureVm(vm("vm-a", 100L, "02:00:00:00:00:0a", null, null, "127.0.0.1"));
        assertFalse("the last valid version must not linger", draft.intent().vms().containsKey(VM_A));
        assertOnlyProblem(draft, IntentKind.VM, "vm-a", "IP 127.0.0.1 cannot belong to a VM");
    }

    @Test
    public void keepsVmWithoutMandatoryLeavesAsMalformed() {
        final var draft = new IntentDraft();
        draft.ensureVm(vm("vm-a", null, "02:00:00:00:00:0a", null, null));
        draft.ensureVm(vm("vm-b", 100L, null, null, null));
        assertEquals(2, draft.malformed().size());
        assertTrue(draft.malformed().get(0).reason().contains("vni is mandatory"));
        assertTrue(draft.malformed().get(1).reason().contains("mac is mandatory"));
        assertTrue(draft.intent().vms().isEmpty());
    }

    @Test
    public void keepsNveWithUnusableUnderlayAsMalformed() {
        final var draft = new IntentDraft();
        draft.ensureNve(nve("n1", 1, "224.0.0.5"));
        draft.ensureNve(nve("n2", null, "192.0.2.2"));
        draft.ensureNve(nve("n3", 3, "::1"));
        draft.ensureNve(nve("n4", -1L, "2001:db8::4"));
        assertEquals(List.of(
            "n1: underlay-ip 224.0.0.5 cannot be a tunnel endpoint (unspecified, multicast, loopback or broadcast)",
            "n2: datapath-id is mandatory",
            "n3: underlay-ip ::1 cannot be a tunnel endpoint (unspecified, multicast, loopback or broadcast)"),
            draft.malformed().stream().map(problem -> problem.id() + ": " + problem.reason()).toList());
        assertEquals(1, draft.intent().nves().size());
        assertEquals("18446744073709551615",
            draft.intent().nves().get(new NveId("n4")).datapathId().toDecimal());
    }

    @Test
    public void removingAnEntryOfAnotherKindLeavesTheProblemAlone() {
        final var draft = new IntentDraft();
        draft.ensureNve(nve("same", 1, "224.0.0.5"));
        draft.removeVm("same");
        assertOnlyProblem(draft, IntentKind.NVE, "same", "underlay-ip");
    }

    @Test
    public void keyedByVni() {
        final var draft = new IntentDraft();
        draft.ensureNetwork(network(16_777_215, "top"));
        assertEquals("top", draft.intent().networks().get(new Vni(16_777_215)).name());
        draft.removeNetwork(16_777_215);
        assertTrue(draft.intent().networks().isEmpty());
    }

    private static void assertOnlyProblem(final IntentDraft draft, final IntentKind kind, final String id,
            final String reasonPart) {
        final List<IntentProblem> problems = draft.malformed();
        assertEquals(problems.toString(), 1, problems.size());
        assertEquals(kind, problems.get(0).kind());
        assertEquals(id, problems.get(0).id());
        assertTrue(problems.get(0).reason(), problems.get(0).reason().contains(reasonPart));
    }
}
