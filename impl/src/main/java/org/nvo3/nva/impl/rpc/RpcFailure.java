/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import com.google.common.util.concurrent.ListenableFuture;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * Failed RPC results with an error tag RESTCONF maps to an HTTP status and a reason the caller can act on.
 */
final class RpcFailure {
    private RpcFailure() {
        // no instances
    }

    /**
     * The caller's input is wrong (RESTCONF 400).
     */
    static <O> ListenableFuture<RpcResult<O>> invalidInput(final String reason) {
        return RpcResultBuilder.<O>failed()
            .withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, reason)
            .buildFuture();
    }

    /**
     * The input is right but what it names does not exist now.
     */
    static <O> ListenableFuture<RpcResult<O>> notFound(final String reason) {
        return RpcResultBuilder.<O>failed()
            .withError(ErrorType.APPLICATION, ErrorTag.DATA_MISSING, reason)
            .buildFuture();
    }

    /**
     * The request is valid but cannot be carried out now (RESTCONF 409).
     */
    static <O> ListenableFuture<RpcResult<O>> unavailable(final String reason) {
        return RpcResultBuilder.<O>failed()
            .withError(ErrorType.APPLICATION, ErrorTag.RESOURCE_DENIED, reason)
            .buildFuture();
    }
}
