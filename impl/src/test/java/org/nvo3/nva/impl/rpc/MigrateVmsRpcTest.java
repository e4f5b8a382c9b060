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
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.MobilityStateSink;
import org.nvo3.nva.impl.mobility.SilentNotifications;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmsOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.OpenflowPortNumber;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.PortName;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.input.Move;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.input.MoveBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.input.MoveKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.output.Result;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.output.ResultKey;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The migrate-vms RPC against a directory fed through the data broker (the standard fabric: vm-a on n1 port tap-a,
 * vm-b and vm-c on n2, vm-d not placed; only n2 connected): a mixed batch answers every move, each with its
 * migration id or the reason it was refused, records only the accepted ones, and prepares each target NVE once;
 * an input without moves is refused as invalid.
 */
public class MigrateVmsRpcTest extends AbstractConcurrentDataBrokerTest {
    private static final NveId N2 = new NveId("n2");

    private final Set<NveId> connected = ConcurrentHashMap.newKeySet();
    private final List<NveId> programmed = Collections.synchronizedList(new ArrayList<>());
    private DirectoryFixture fixture;
    private MigrateVmsRpc migrate;
    private MobilityService mobility;
    private Subscription subscription;

    public MigrateVmsRpcTest() {
        super(true);
    }

    @Before
    public void startDirectory() throws Exception {
        fixture = new DirectoryFixture(getDataBroker());
        fixture.loadStandardFabric();
        final NveProgramming nves = new NveProgramming() {
            @Override
            public CompletableFuture<Instant> resync(final NveId nve) {
                return CompletableFuture.completedFuture(Instant.EPOCH);
            }

            @Override
            public CompletableFuture<ProgrammingReport> program(final NveId nve, final NveScopes scopes) {
                programmed.add(nve);
                return CompletableFuture.completedFuture(ProgrammingReport.acknowledged(Instant.EPOCH));
            }

            @Override
            public Optional<org.nvo3.nva.api.PortName> portName(final NveId nve, final long ofport) {
                return Optional.empty();
            }

            @Override
            public void useFlowSource(final DesiredFlowSource source) {
                // programs nothing
            }
        };
        mobility = new MobilityService(Clock.fixed(DirectoryFixture.NOW, ZoneOffset.UTC), nves,
            MobilityStateSink.DISCARD, new SilentNotifications(), (before, after) -> Map.of());
        subscription = fixture.directory().subscribe(mobility::fabricChanged);
        fixture.signal().await("the service has the intent", () -> mobility.current().fabric().vms().size() == 4);
        migrate = new MigrateVmsRpc(fixture.directory(), connected::contains, mobility);
        connected.add(N2);
        programmed.clear();
    }

    @After
    public void stopDirectory() {
        subscription.close();
        fixture.close();
    }

    @Test
    public void aMixedBatchAnswersEveryMoveWithItsMigrationOrItsRefusal() throws Exception {
        final var result = migrate(
            move("vm-a", "n2", "tap-x"),
            move("vm-b", "n1", null),
            move("vm-c", "n2", "tap-c"),
            move("vm-d", "n7", null),
            move("vm-zz", "n2", null));

        assertTrue(result.getErrors().toString(), result.isSuccessful());
        final var answers = result.getResult().nonnullResult();
        assertEquals(answers.toString(), 5, answers.size());
        assertAccepted(answers, "vm-a", "vm-a@1");
        assertRefused(answers, "vm-b", "NVE n1 is not connected");
        assertRefused(answers, "vm-c", "VM vm-c already is on NVE n2");
        assertRefused(answers, "vm-d", "target NVE n7 is not in the directory");
        assertRefused(answers, "vm-zz", "VM vm-zz is not in the directory");

        final var state = mobility.current().state();
        assertEquals("only the accepted move is recorded", Set.of("vm-a@1"), state.migrations().keySet());
        assertEquals(MigrationState.ANNOUNCED, state.migration("vm-a@1").orElseThrow().state());
        assertEquals(new org.nvo3.nva.api.PortName("tap-x"),
            state.announcement(new VmId("vm-a")).orElseThrow().port());
        assertEquals("the target NVE is prepared", List.of(N2), programmed);
    }

    @Test
    public void movesToOneNvePrepareItOnce() throws Exception {
        final var result = migrate(move("vm-a", "n2", "tap-x"), move("vm-d", "n2", "tap-d"));

        final var answers = result.getResult().nonnullResult();
        assertAccepted(answers, "vm-a", "vm-a@1");
        assertAccepted(answers, "vm-d", "vm-d@1");
        assertEquals(List.of(N2), programmed);
        assertEquals(2, mobility.current().state().announcements().size());
    }

    @Test
    public void aBatchWithoutAcceptedMovesRecordsAndProgramsNothing() throws Exception {
        final var result = migrate(move("vm-zz", "n2", null), move("vm-a", "n1", null));

        assertTrue(result.isSuccessful());
        final var answers = result.getResult().nonnullResult();
        assertRefused(answers, "vm-zz", "VM vm-zz is not in the directory");
        assertRefused(answers, "vm-a", "NVE n1 is not connected");
        assertTrue(mobility.current().state().migrations().isEmpty());
        assertEquals(List.of(), programmed);
    }

    @Test
    public void anInputWithoutMovesIsInvalid() throws Exception {
        for (var input : List.of(new MigrateVmsInputBuilder().build(),
                new MigrateVmsInputBuilder().setMove(Map.of()).build())) {
            final var result = migrate.invoke(input).get();

            assertFalse(result.isSuccessful());
            final var error = result.getErrors().get(0);
            assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
            assertTrue(error.getMessage(), error.getMessage().contains("at least one move"));
        }
        assertTrue(mobility.current().state().migrations().isEmpty());
    }

    @Test
    public void requestedPortNumbersGoBeforeTheAnnouncementAndAnOfportWithoutAPortIsRefused() throws Exception {
        final var requested = new ArrayList<String>();
        migrate = new MigrateVmsRpc(fixture.directory(), connected::contains, mobility,
            (nve, port, ofport) -> requested.add(nve + " " + port + " " + ofport + " announced before: "
                + !mobility.current().state().announcements().isEmpty()));

        final var result = migrate(
            new MoveBuilder(move("vm-a", "n2", "tap-x")).setOfport(new OpenflowPortNumber(Uint32.valueOf(41)))
                .build(),
            new MoveBuilder(move("vm-d", "n2", null)).setOfport(new OpenflowPortNumber(Uint32.valueOf(42))).build());

        final var answers = result.getResult().nonnullResult();
        assertAccepted(answers, "vm-a", "vm-a@1");
        assertRefused(answers, "vm-d", "ofport 42 needs the port it is requested for");
        assertEquals(List.of("n2 tap-x 41 announced before: false"), requested);
    }

    private RpcResult<MigrateVmsOutput> migrate(final Move... moves) throws Exception {
        final var byKey = new HashMap<MoveKey, Move>();
        for (var move : moves) {
            byKey.put(move.key(), move);
        }
        return migrate.invoke(new MigrateVmsInputBuilder().setMove(byKey).build()).get();
    }

    private static Move move(final String vm, final String target, final @Nullable String port) {
        return new MoveBuilder()
            .withKey(new MoveKey(new ObjectId(vm)))
            .setTargetNve(new ObjectId(target))
            .setPort(port == null ? null : new PortName(port))
            .build();
    }

    private static void assertAccepted(final Map<ResultKey, Result> answers, final String vm, final String id) {
        final var answer = answers.get(new ResultKey(new ObjectId(vm)));
        assertEquals(vm + ": " + answer, id, answer.getMigrationId());
        assertNull(vm + ": " + answer, answer.getRefused());
    }

    private static void assertRefused(final Map<ResultKey, Result> answers, final String vm, final String reason) {
        final var answer = answers.get(new ResultKey(new ObjectId(vm)));
        assertEquals(vm + ": " + answer, reason, answer.getRefused());
        assertNull(vm + ": " + answer, answer.getMigrationId());
    }
}
