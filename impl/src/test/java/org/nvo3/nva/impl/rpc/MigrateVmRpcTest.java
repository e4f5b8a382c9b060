/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.DirectoryFixture.vmPath;
import static org.nvo3.nva.impl.FabricBindings.vm;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Subscription;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.DirectoryFixture;
import org.nvo3.nva.impl.mobility.IdleNves;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.MobilityStateSink;
import org.nvo3.nva.impl.mobility.SilentNotifications;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmInputBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.OpenflowPortNumber;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.PortName;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The migrate-vm RPC checking requests against a directory fed through the data broker.
 */
public class MigrateVmRpcTest extends AbstractConcurrentDataBrokerTest {
    private DirectoryFixture fixture;
    private MigrateVmRpc migrate;
    private MobilityService mobility;
    private Subscription subscription;

    public MigrateVmRpcTest() {
        super(true);
    }

    private final Set<NveId> connected = ConcurrentHashMap.newKeySet();

    @Before
    public void startDirectory() throws Exception {
        fixture = new DirectoryFixture(getDataBroker());
        fixture.loadStandardFabric();
        mobility = new MobilityService(Clock.fixed(DirectoryFixture.NOW, ZoneOffset.UTC), new IdleNves(),
            MobilityStateSink.DISCARD, new SilentNotifications(), (before, after) -> Map.of());
        subscription = fixture.directory().subscribe(mobility::fabricChanged);
        migrate = new MigrateVmRpc(fixture.directory(), connected::contains, mobility);
    }

    @After
    public void stopDirectory() {
        subscription.close();
        fixture.close();
    }

    @Test
    public void unknownVmFailsNamingIt() throws Exception {
        final var result = migrate("vm-zz", "n2", null);
        assertFalse(result.isSuccessful());
        final var error = result.getErrors().get(0);
        assertTrue(error.getMessage(), error.getMessage().contains("vm-zz"));
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
    }

    @Test
    public void refusedVmFailsWithTheRefusal() throws Exception {
        fixture.put(vmPath("vm-e"), vm("vm-e", 100L, "02:00:00:00:00:0b", null, null));
        fixture.signal().await("vm-e is refused", () -> fixture.rejectedVm("vm-e").isPresent());
        final var message = migrate("vm-e", "n2", null).getErrors().get(0).getMessage();
        assertTrue(message, message.contains("vm-e"));
        assertTrue(message, message.contains("refused: MAC 02:00:00:00:00:0b is already used by VM vm-b"));
    }

    @Test
    public void unknownTargetNveFailsNamingIt() throws Exception {
        final var result = migrate("vm-a", "n7", null);
        assertFalse(result.isSuccessful());
        assertTrue(result.getErrors().get(0).getMessage().contains("target NVE n7"));
    }

    @Test
    public void moveToWhereTheVmAlreadyIsFails() throws Exception {
        connected.add(new NveId("n1"));
        final var result = migrate("vm-a", "n1", null);
        assertFalse(result.isSuccessful());
        assertEquals("VM vm-a already is on NVE n1", result.getErrors().get(0).getMessage());
    }

    @Test
    public void validRequestFailsAsNotConnected() throws Exception {
        final var result = migrate("vm-a", "n2", "tap-x");
        assertFalse(result.isSuccessful());
        final var error = result.getErrors().get(0);
        assertTrue(error.getMessage(), error.getMessage().startsWith("NVE n2 is not connected"));
        assertTrue(error.getMessage(), error.getMessage().contains("the move of vm-a was not recorded"));
        assertEquals(ErrorTag.RESOURCE_DENIED, error.getTag());
        assertTrue(mobility.current().state().migrations().isEmpty());
    }

    @Test
    public void validRequestToAConnectedNveRecordsAnAnnouncedMigration() throws Exception {
        connected.add(new NveId("n2"));
        final var result = migrate("vm-a", "n2", "tap-x");
        assertTrue(result.getErrors().toString(), result.isSuccessful());
        assertEquals("vm-a@1", result.getResult().getMigrationId());

        final var migration = mobility.current().state().migration("vm-a@1").orElseThrow();
        assertEquals(MigrationState.ANNOUNCED, migration.state());
        assertEquals(new NveId("n1"), migration.fromNve());
        assertEquals(new NveId("n2"), migration.toNve());
        final var announcement = mobility.current().state().announcement(new VmId("vm-a")).orElseThrow();
        assertEquals(new org.nvo3.nva.api.PortName("tap-x"), announcement.port());
        assertEquals("still on n1 until the move happens", new NveId("n1"),
            fixture.directory().snapshot().vm(new VmId("vm-a")).orElseThrow().nve());
    }

    @Test
    public void aNewPortOnTheSameNveIsAMove() throws Exception {
        connected.add(new NveId("n1"));
        final var result = migrate("vm-a", "n1", "tap-b");
        assertTrue(result.getErrors().toString(), result.isSuccessful());
    }

    @Test
    public void anOfportWithoutAPortIsRefusedAndNothingIsRequested() throws Exception {
        connected.add(new NveId("n2"));
        final var requested = new ArrayList<String>();
        final var withRequests = new MigrateVmRpc(fixture.directory(), connected::contains, mobility,
            (nve, port, ofport) -> requested.add(nve + " " + port + " " + ofport));

        final var refused = withRequests.invoke(new MigrateVmInputBuilder().setVm(new ObjectId("vm-a"))
            .setTargetNve(new ObjectId("n2")).setOfport(new OpenflowPortNumber(Uint32.valueOf(42))).build()).get();

        assertFalse(refused.isSuccessful());
        assertEquals(ErrorTag.INVALID_VALUE, refused.getErrors().get(0).getTag());
        assertEquals("ofport 42 needs the port it is requested for", refused.getErrors().get(0).getMessage());
        assertEquals(List.of(), requested);
        assertTrue(mobility.current().state().migrations().isEmpty());
    }

    @Test
    public void anOfportWithItsPortIsRequestedBeforeTheMoveIsAnnounced() throws Exception {
        connected.add(new NveId("n2"));
        final var requested = new ArrayList<String>();
        final var withRequests = new MigrateVmRpc(fixture.directory(), connected::contains, mobility,
            (nve, port, ofport) -> requested.add(nve + " " + port + " " + ofport + " announced before: "
                + mobility.current().state().announcement(new VmId("vm-a")).isPresent()));

        final var result = withRequests.invoke(new MigrateVmInputBuilder().setVm(new ObjectId("vm-a"))
            .setTargetNve(new ObjectId("n2")).setPort(new PortName("tap-x"))
            .setOfport(new OpenflowPortNumber(Uint32.valueOf(42))).build()).get();

        assertTrue(result.getErrors().toString(), result.isSuccessful());
        assertEquals(List.of("n2 tap-x 42 announced before: false"), requested);
        assertTrue(mobility.current().state().announcement(new VmId("vm-a")).isPresent());
    }

    private RpcResult<MigrateVmOutput> migrate(final String vm, final String target, final @Nullable String port)
            throws Exception {
        return migrate.invoke(new MigrateVmInputBuilder()
            .setVm(new ObjectId(vm))
            .setTargetNve(new ObjectId(target))
            .setPort(port == null ? null : new PortName(port))
            .build()).get();
    }
}
