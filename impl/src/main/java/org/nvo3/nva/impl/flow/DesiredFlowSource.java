/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;

/**
 * Where the southbound gets the flows an NVE should have now, all of them or some scopes
 * ({@link FlowScope}) of them.
 */
@FunctionalInterface
public interface DesiredFlowSource {
    /**
     * Computes some scopes of the NVE's desired flows.
     *
     * @param nve the NVE
     * @param ports the ports its switch describes now
     * @param punterMeter the punt meter installed on it, or null
     * @param scopes the scopes to compute
     * @return the flows of those scopes
     */
    ScopedFlows desired(NveId nve, NvePorts ports, @Nullable Long punterMeter, NveScopes scopes);

    /**
     * Computes the NVE's desired flows.
     *
     * @param nve the NVE
     * @param ports the ports its switch describes now
     * @param punterMeter the punt meter installed on it, or null
     * @return the flows
     */
    default List<FlowEntry> desired(final NveId nve, final NvePorts ports, final @Nullable Long punterMeter) {
        return desired(nve, ports, punterMeter, NveScopes.EVERYTHING).all();
    }

    /**
     * Tells which scopes of an NVE's flows may differ when its switch's ports changed from {@code before} to
     * {@code after} and nothing else did; by default everything.
     *
     * @param nve the NVE
     * @param before the ports its flows were compiled with
     * @param after its ports now
     * @return the scopes to re-compile
     */
    default NveScopes portChangeScopes(final NveId nve, final NvePorts before, final NvePorts after) {
        return NveScopes.EVERYTHING;
    }
}
