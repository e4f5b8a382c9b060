/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import org.nvo3.nva.api.FabricDirectory;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers the directory look-up RPC with MD-SAL, hence with RESTCONF (the mobility RPCs are registered
 * by the mobility component).
 */
@Component(service = {}, immediate = true)
public final class NvaRpcComponent implements AutoCloseable {
    private final Registration registration;

    @Activate
    public NvaRpcComponent(@Reference final RpcProviderService rpcProvider,
            @Reference final FabricDirectory directory) {
        registration = rpcProvider.registerRpcImplementations(new LookupRpc(directory));
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
