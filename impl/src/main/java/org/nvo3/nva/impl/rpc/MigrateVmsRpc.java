/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.NveConnections;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.MobilityTransitions;
import org.nvo3.nva.impl.mobility.MoveAnnouncement;
import org.nvo3.nva.impl.mobility.PortNumberRequests;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVms;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmsInput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmsOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.output.Result;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.output.ResultBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.migrate.vms.output.ResultKey;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The migrate-vms RPC: several moves announced at once (an evacuation). Every move is checked as migrate-vm
 * checks one; the valid ones are announced together ({@link MobilityService#announceAll}), so each target NVE
 * is prepared once. The answer lists every move with its migration id or the reason it was refused; an input
 * without moves is refused.
 */
public final class MigrateVmsRpc implements MigrateVms {
    private final FabricDirectory directory;
    private final NveConnections connections;
    private final MobilityService mobility;
    private final PortNumberRequests portNumbers;

    public MigrateVmsRpc(final FabricDirectory directory, final NveConnections connections,
            final MobilityService mobility) {
        this(directory, connections, mobility, PortNumberRequests.NONE);
    }

    /**
     * Creates the RPC.
     *
     * @param directory the intent
     * @param connections which NVEs are connected
     * @param mobility the mobility service
     * @param portNumbers where the requested OpenFlow port numbers (ofport) go before the moves are announced
     */
    public MigrateVmsRpc(final FabricDirectory directory, final NveConnections connections,
            final MobilityService mobility, final PortNumberRequests portNumbers) {
        this.directory = requireNonNull(directory);
        this.connections = requireNonNull(connections);
        this.mobility = requireNonNull(mobility);
        this.portNumbers = requireNonNull(portNumbers);
    }

    @Override
    public ListenableFuture<RpcResult<MigrateVmsOutput>> invoke(final MigrateVmsInput input) {
        final var moves = input.nonnullMove().values();
        if (moves.isEmpty()) {
            return RpcFailure.invalidInput("migrate-vms needs at least one move");
        }
        final var snapshot = directory.snapshot();
        final var results = new HashMap<ResultKey, Result>();
        final var announced = new ArrayList<MoveAnnouncement>();
        for (var move : moves) {
            final var vm = new VmId(move.requireVm().getValue());
            final var targetLeaf = move.getTargetNve();
            final @Nullable String refusal;
            if (targetLeaf == null) {
                refusal = "target-nve is required";
            } else if (snapshot.vm(vm).isEmpty()) {
                refusal = "VM " + vm + " is not in the directory";
            } else if (snapshot.nve(new NveId(targetLeaf.getValue())).isEmpty()) {
                refusal = "target NVE " + targetLeaf.getValue() + " is not in the directory";
            } else if (!connections.isConnected(new NveId(targetLeaf.getValue()))) {
                refusal = "NVE " + targetLeaf.getValue() + " is not connected";
            } else if (move.getOfport() != null && move.getPort() == null) {
                refusal = "ofport " + move.getOfport().getValue() + " needs the port it is requested for";
            } else {
                refusal = null;
            }
            if (refusal != null) {
                results.put(new ResultKey(move.requireVm()), result(move.requireVm(), null, refusal));
            } else {
                final var port = move.getPort();
                final var target = new NveId(targetLeaf.getValue());
                final var ofport = move.getOfport();
                if (ofport != null && port != null) {
                    // before the announcement, so the target's preparation compiles with it
                    portNumbers.requested(target, new PortName(port.getValue()), ofport.getValue().longValue());
                }
                announced.add(new MoveAnnouncement(vm, target, port == null ? null : new PortName(port.getValue())));
            }
        }
        final List<MobilityTransitions.AnnounceOutcome> outcomes =
            announced.isEmpty() ? List.of() : mobility.announceAll(announced);
        for (int i = 0; i < outcomes.size(); i++) {
            final var vm = new ObjectId(announced.get(i).vm().value());
            final var migration = outcomes.get(i).migration();
            results.put(new ResultKey(vm), migration == null ? result(vm, null, outcomes.get(i).refusal())
                : result(vm, migration.id(), null));
        }
        return RpcResultBuilder.success(new MigrateVmsOutputBuilder().setResult(results).build()).buildFuture();
    }

    private static Result result(final ObjectId vm, final @Nullable String migrationId,
            final @Nullable String refusal) {
        return new ResultBuilder().withKey(new ResultKey(vm)).setMigrationId(migrationId).setRefused(refusal).build();
    }
}
