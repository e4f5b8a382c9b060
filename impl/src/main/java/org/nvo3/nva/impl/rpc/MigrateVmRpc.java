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
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.NveConnections;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVm;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmInput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmOutput;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's migration notification. It validates the request against the directory and the
 * target NVE's connection; VM mobility itself is not implemented yet, so even a valid request is
 * answered with the reason and nothing is recorded.
 */
public final class MigrateVmRpc implements MigrateVm {
    private static final Logger LOG = LoggerFactory.getLogger(MigrateVmRpc.class);

    private final FabricDirectory directory;
    private final NveConnections connections;

    public MigrateVmRpc(final FabricDirectory directory, final NveConnections connections) {
        this.directory = requireNonNull(directory);
        this.connections = requireNonNull(connections);
    }

    @Override
    public ListenableFuture<RpcResult<MigrateVmOutput>> invoke(final MigrateVmInput input) {
        final var vmLeaf = input.getVm();
        final var targetLeaf = input.getTargetNve();
        if (vmLeaf == null || targetLeaf == null) {
            return RpcFailure.invalidInput("vm and target-nve are required");
        }
        final var vmId = new VmId(vmLeaf.getValue());
        final var target = new NveId(targetLeaf.getValue());
        final var snapshot = directory.snapshot();
        final var vm = snapshot.vm(vmId);
        if (vm.isEmpty()) {
            return RpcFailure.invalidInput("VM " + vmId + " is not in the directory"
                + refusal(IntentKind.VM, vmId.value()));
        }
        if (snapshot.nve(target).isEmpty()) {
            return RpcFailure.invalidInput("target NVE " + target + " is not in the directory"
                + refusal(IntentKind.NVE, target.value()));
        }
        final var port = input.getPort();
        final var placed = vm.orElseThrow();
        if (target.equals(placed.nve()) && (port == null || port.getValue().equals(portOf(placed.port())))) {
            return RpcFailure.invalidInput("VM " + vmId + " is already placed on NVE " + target);
        }
        if (!connections.isConnected(target)) {
            LOG.info("migrate-vm {} -> {}: refused, NVE {} is not connected", vmId, target, target);
            return RpcFailure.unavailable("NVE " + target + " is not connected, so the move of " + vmId
                + " was not recorded");
        }
        LOG.info("migrate-vm {} -> {}: refused, VM mobility is not implemented yet", vmId, target);
        return RpcFailure.unavailable("VM mobility is not implemented in this build yet, so the move of " + vmId
            + " to NVE " + target + " was not recorded");
    }

    private String refusal(final IntentKind kind, final String id) {
        return directory.problems().stream()
            .filter(problem -> problem.kind() == kind && problem.id().equals(id))
            .findFirst()
            .map(problem -> " (refused: " + problem.reason() + ")")
            .orElse("");
    }

    private static String portOf(final @Nullable PortName port) {
        return port == null ? "" : port.value();
    }
}
