/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.NveConnections;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers NVA's RPCs (lookup, migrate-vm) with MD-SAL, hence with RESTCONF.
 */
@Component(service = {}, immediate = true)
public final class NvaRpcComponent implements AutoCloseable {
    private final Registration registration;

    @Activate
    public NvaRpcComponent(@Reference final RpcProviderService rpcProvider,
            @Reference final FabricDirectory directory, @Reference final NveConnections connections) {
        registration = rpcProvider.registerRpcImplementations(new LookupRpc(directory),
            new MigrateVmRpc(directory, connections));
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
