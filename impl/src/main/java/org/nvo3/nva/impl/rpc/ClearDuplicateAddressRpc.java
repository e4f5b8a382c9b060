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
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ClearDuplicateAddress;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ClearDuplicateAddressInput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ClearDuplicateAddressOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ClearDuplicateAddressOutputBuilder;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The operator's way out of a duplicate-address freeze: the VM's moves are accepted again.
 */
public final class ClearDuplicateAddressRpc implements ClearDuplicateAddress {
    private final MobilityService mobility;

    public ClearDuplicateAddressRpc(final MobilityService mobility) {
        this.mobility = requireNonNull(mobility);
    }

    @Override
    public ListenableFuture<RpcResult<ClearDuplicateAddressOutput>> invoke(final ClearDuplicateAddressInput input) {
        final var vmLeaf = input.getVm();
        if (vmLeaf == null) {
            return RpcFailure.invalidInput("vm is required");
        }
        final var vm = new VmId(vmLeaf.getValue());
        if (!mobility.unfreeze(vm)) {
            return RpcFailure.invalidInput("VM " + vm + " is not frozen");
        }
        return RpcResultBuilder.success(new ClearDuplicateAddressOutputBuilder().build()).buildFuture();
    }
}
