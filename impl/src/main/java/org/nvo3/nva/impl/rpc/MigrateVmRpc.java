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
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.api.NveConnections;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.PortNumberRequests;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVm;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmInput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrateVmOutputBuilder;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's migration notification (draft-ietf-nvo3-vmm section 5): it validates the request
 * against the directory and the target NVE's connection, then records an {@code announced} migration.
 * The target NVE is prepared for the VM's port; the move takes effect when the VM's old port leaves
 * the old NVE or the VM announces itself at the target, whichever comes first.
 */
public final class MigrateVmRpc implements MigrateVm {
    private static final Logger LOG = LoggerFactory.getLogger(MigrateVmRpc.class);

    private final FabricDirectory directory;
    private final NveConnections connections;
    private final MobilityService mobility;
    private final PortNumberRequests portNumbers;

    public MigrateVmRpc(final FabricDirectory directory, final NveConnections connections,
            final MobilityService mobility) {
        this(directory, connections, mobility, PortNumberRequests.NONE);
    }

    /**
     * Creates the RPC.
     *
     * @param directory the intent
     * @param connections which NVEs are connected
     * @param mobility the mobility service
     * @param portNumbers where a requested OpenFlow port number (input ofport) goes before the move is announced
     */
    public MigrateVmRpc(final FabricDirectory directory, final NveConnections connections,
            final MobilityService mobility, final PortNumberRequests portNumbers) {
        this.directory = requireNonNull(directory);
        this.connections = requireNonNull(connections);
        this.mobility = requireNonNull(mobility);
        this.portNumbers = requireNonNull(portNumbers);
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
        if (snapshot.vm(vmId).isEmpty()) {
            return RpcFailure.invalidInput("VM " + vmId + " is not in the directory"
                + refusal(IntentKind.VM, vmId.value()));
        }
        if (snapshot.nve(target).isEmpty()) {
            return RpcFailure.invalidInput("target NVE " + target + " is not in the directory"
                + refusal(IntentKind.NVE, target.value()));
        }
        if (!connections.isConnected(target)) {
            LOG.info("migrate-vm {} -> {}: refused, NVE {} is not connected", vmId, target, target);
            return RpcFailure.unavailable("NVE " + target + " is not connected, so the move of " + vmId
                + " was not recorded");
        }
        final var portLeaf = input.getPort();
        final var port = portLeaf == null ? null : new PortName(portLeaf.getValue());
        final var ofport = input.getOfport();
        if (ofport != null) {
            if (port == null) {
                return RpcFailure.invalidInput("ofport " + ofport.getValue() + " needs the port it is requested for");
            }
            // before the announcement, so the target's preparation compiles with it
            portNumbers.requested(target, port, ofport.getValue().longValue());
        }
        final var outcome = mobility.announce(vmId, target, port);
        final var migration = outcome.migration();
        if (migration == null) {
            return RpcFailure.unavailable(outcome.refusal());
        }
        return RpcResultBuilder.success(new MigrateVmOutputBuilder().setMigrationId(migration.id()).build())
            .buildFuture();
    }

    private String refusal(final IntentKind kind, final String id) {
        return directory.problems().stream()
            .filter(problem -> problem.kind() == kind && problem.id().equals(id))
            .findFirst()
            .map(problem -> " (refused: " + problem.reason() + ")")
            .orElse("");
    }
}
