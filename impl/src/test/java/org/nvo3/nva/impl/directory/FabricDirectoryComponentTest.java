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
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.DirectoryFixture.FABRIC;
import static org.nvo3.nva.impl.DirectoryFixture.NOW;
import static org.nvo3.nva.impl.DirectoryFixture.nvePath;
import static org.nvo3.nva.impl.DirectoryFixture.vmPath;
import static org.nvo3.nva.impl.FabricBindings.network;
import static org.nvo3.nva.impl.FabricBindings.vm;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.ChangeSignal;
import org.nvo3.nva.impl.DirectoryFixture;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VmKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * The directory against a real in-memory data broker: intent written to CONFIGURATION is validated,
 * and what is refused shows in OPERATIONAL state/rejected-intent with its reason and since.
 */
public class FabricDirectoryComponentTest extends AbstractConcurrentDataBrokerTest {
    private DirectoryFixture fixture;
    private FabricDirectoryComponent directory;
    private ChangeSignal signal;

    public FabricDirectoryComponentTest() {
        // notify listeners on their own threads, as the real broker does
        super(true);
    }

    @Before
    public void startDirectory() {
        fixture = new DirectoryFixture(getDataBroker());
        directory = fixture.directory();
        signal = fixture.signal();
    }

    @After
    public void stopDirectory() {
        fixture.close();
    }

    @Test
    public void loadsTheWholeFabric() throws Exception {
        fixture.loadStandardFabric();
        final var snapshot = directory.snapshot();
        assertEquals(Set.of(new NveId("n1"), new NveId("n2")), snapshot.nves().keySet());
        assertEquals("9223372036854775808", snapshot.nve(new NveId("n2")).orElseThrow().datapathId().toDecimal());
        assertTrue(snapshot.nve(new NveId("n2")).orElseThrow().underlayIp().isIpv6());
        assertEquals(Set.of(new Vni(100), new Vni(200)), snapshot.networks().keySet());
        assertEquals("blue", snapshot.networks().get(new Vni(100)).name());
        assertEquals(Set.of(new VmId("vm-a"), new VmId("vm-b"), new VmId("vm-c"), new VmId("vm-d")),
            snapshot.vms().keySet());
    }

    @Test
    public void publishesAConflictingVmAsRejectedIntentUntilItIsDeleted() throws Exception {
        fixture.loadStandardFabric();
        fixture.put(vmPath("vm-e"), vm("vm-e", 100L, "02:00:00:00:00:0b", "n1", null, "198.51.100.5"));

        signal.await("state/rejected-intent lists vm-e", () -> fixture.rejectedVm("vm-e").isPresent());
        final var row = fixture.rejectedVm("vm-e").orElseThrow();
        assertEquals(org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.IntentKind.Vm, row.getKind());
        assertEquals("vm-e", row.getId());
        assertEquals("MAC 02:00:00:00:00:0b is already used by VM vm-b in VNI 100", row.getReason());
        assertEquals(NOW.toString(), row.getSince().getValue());

        assertEquals(List.of(new IntentProblem(IntentKind.VM, "vm-e", row.getReason())), directory.problems());
        assertFalse(directory.snapshot().vm(new VmId("vm-e")).isPresent());
        assertEquals(new VmId("vm-b"), directory.snapshot()
            .lookup(new Vni(100), MacAddress.parse("02:00:00:00:00:0b")).orElseThrow().vm().id());

        fixture.delete(vmPath("vm-e"));
        signal.await("vm-e leaves state/rejected-intent", () -> fixture.rejectedVm("vm-e").isEmpty());
        assertEquals(List.of(), directory.problems());
        assertEquals(4, directory.snapshot().vms().size());
    }

    @Test
    public void refusesTheVmsOfADeletedNve() throws Exception {
        fixture.loadStandardFabric();
        fixture.delete(nvePath("n2"));

        signal.await("vm-b and vm-c are refused",
            () -> fixture.rejectedVm("vm-b").isPresent() && fixture.rejectedVm("vm-c").isPresent());
        for (var id : List.of("vm-b", "vm-c")) {
            final var reason = fixture.rejectedVm(id).orElseThrow().getReason();
            assertTrue(reason, reason.contains("NVE n2 was deleted while this VM was placed on it"));
        }
        final var snapshot = directory.snapshot();
        assertEquals(Set.of(new VmId("vm-a"), new VmId("vm-d")), snapshot.vms().keySet());
        assertEquals(Set.of(new NveId("n1")), snapshot.nves().keySet());
        assertEquals(List.of("vm-b", "vm-c"), directory.problems().stream().map(IntentProblem::id).toList());
    }

    @Test
    public void acceptsARefusedVmOnceTheIntentIsFixed() throws Exception {
        fixture.loadStandardFabric();
        fixture.put(vmPath("vm-e"), vm("vm-e", 300L, "02:00:00:00:00:0e", null, null));
        signal.await("vm-e is refused", () -> fixture.rejectedVm("vm-e").isPresent());
        final var reason = fixture.rejectedVm("vm-e").orElseThrow().getReason();
        assertTrue(reason, reason.contains("virtual network 300 does not exist"));

        final var green = network(300, "green");
        fixture.put(DataObjectIdentifier.builder(Fabric.class).child(VirtualNetwork.class, green.key()).build(),
            green);
        signal.await("vm-e leaves state/rejected-intent", () -> fixture.rejectedVm("vm-e").isEmpty());
        assertTrue(directory.snapshot().vm(new VmId("vm-e")).isPresent());
    }

    @Test
    public void aClosedDirectoryIgnoresFurtherChanges() throws Exception {
        fixture.loadStandardFabric();
        directory.close();
        final var closedSnapshot = directory.snapshot();
        final var closedProblems = directory.problems();

        // a plain listener and a directory still open prove that the changes were delivered
        final var vmF = new VmKey(new ObjectId("vm-f"));
        final var delivered = new CountDownLatch(1);
        final var witness = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, FABRIC,
            changes -> changes.forEach(change -> {
                if (change.getRootNode() instanceof DataObjectModification.WithDataAfter<Fabric> present
                        && present.dataAfter().nonnullVm().containsKey(vmF)) {
                    delivered.countDown();
                }
            }));
        // wrapped, so that the signal fires once the open directory's own listener has returned
        try (var open = new FabricDirectoryComponent(signal.wrap(getDataBroker()), Clock.fixed(NOW, ZoneOffset.UTC))) {
            // vm-b must be accepted before vm-f (same MAC) arrives: an initial load holding both may refuse vm-b
            signal.await("the open directory loaded the fabric", () -> open.snapshot().vms().size() == 4);
            fixture.put(vmPath("vm-f"), vm("vm-f", 100L, "02:00:00:00:00:0b", null, null));
            fixture.delete(nvePath("n1"));
            assertTrue("the change reached a listener", delivered.await(5, TimeUnit.SECONDS));
            signal.await("the open directory refuses vm-f and vm-a", () -> open.problems().size() == 2);
            assertEquals(List.of("vm-a", "vm-f"), open.problems().stream().map(IntentProblem::id).toList());
        } finally {
            witness.close();
        }
        assertSame(closedSnapshot, directory.snapshot());
        assertEquals(closedProblems, directory.problems());
        assertEquals(4, directory.snapshot().vms().size());
    }

    @Test
    public void keepsSinceWhileAnEntryStaysRefused() throws Exception {
        // only one directory may publish state/rejected-intent
        fixture.close();
        // each reading of this clock is one second later than the previous one
        final var stepping = new DirectoryFixture(getDataBroker(), new SteppingClock(NOW));
        try {
            stepping.loadStandardFabric();
            stepping.delete(nvePath("n2"));
            stepping.signal().await("vm-b is refused", () -> stepping.rejectedVm("vm-b").isPresent());
            final var first = stepping.rejectedVm("vm-b").orElseThrow();
            assertTrue(first.getReason(), first.getReason().contains("was deleted while this VM was placed on it"));

            // any later change rewords vm-b's reason; vm-b stays refused, so its since must not move
            stepping.put(vmPath("vm-e"), vm("vm-e", 100L, "02:00:00:00:00:0e", null, null));
            stepping.signal().await("vm-b's reason is reworded",
                () -> stepping.rejectedVm("vm-b").orElseThrow().getReason().contains("does not exist"));
            assertEquals(first.getSince(), stepping.rejectedVm("vm-b").orElseThrow().getSince());
        } finally {
            stepping.close();
        }
    }

    @Test
    public void closingTheDirectoryWithdrawsItsRejectedIntent() throws Exception {
        fixture.loadStandardFabric();
        fixture.put(vmPath("vm-e"), vm("vm-e", 100L, "02:00:00:00:00:0b", "n1", null, "198.51.100.5"));
        signal.await("vm-e is refused", () -> fixture.rejectedVm("vm-e").isPresent());

        directory.close();
        signal.await("vm-e leaves state/rejected-intent", () -> fixture.rejectedVm("vm-e").isEmpty());
    }
}
