/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.NveScopes;

/**
 * What the mobility service needs from the southbound: re-synchronising an NVE with the flows now
 * desired, wholly or incrementally, and the names of its ports.
 */
public interface NveProgramming {
    /**
     * Re-computes the NVE's desired flows and sends the difference, with a barrier.
     *
     * @param nve the NVE
     * @return the barrier reply time; fails when the NVE is not connected or the sync failed
     */
    CompletableFuture<Instant> resync(NveId nve);

    /**
     * Re-computes only some scopes of the NVE's desired flows and sends their difference against what
     * those scopes held, with a barrier; falls back to {@link #resync(NveId)} whenever the flows the switch
     * holds are not known for sure. The scopes must cover every change since the NVE's previous
     * synchronisation ({@code FlowCompiler.changedScopes}).
     *
     * @param nve the NVE
     * @param scopes the scopes whose flows may have changed
     * @return the barrier reply time; fails when the NVE is not connected or the sync failed
     */
    default CompletableFuture<Instant> resync(final NveId nve, final NveScopes scopes) {
        return resync(nve);
    }

    /**
     * Like {@link #resync(NveId, NveScopes)}, and tells how many flow-mods went and when they were written and
     * acknowledged (a migration's timeline).
     *
     * @param nve the NVE
     * @param scopes the scopes whose flows may have changed
     * @return the report; fails when the NVE is not connected or the sync failed
     */
    default CompletableFuture<ProgrammingReport> program(final NveId nve, final NveScopes scopes) {
        return resync(nve, scopes).thenApply(ProgrammingReport::acknowledged);
    }

    /**
     * Takes a flow difference through everything the southbound does to send it (translation, encoding) and
     * sends nothing: the JIT warm-up of the move path at start. By default nothing.
     *
     * @param diff a flow difference
     */
    default void rehearse(final FlowDiff diff) {
        // nothing to warm
    }

    /**
     * Names a port of a connected NVE.
     *
     * @param nve the NVE
     * @param ofport the OpenFlow port number
     * @return the port's name, or empty when the NVE or port is unknown
     */
    Optional<PortName> portName(NveId nve, long ofport);

    /**
     * From now on computes every NVE's desired flows with this source, and re-synchronises every NVE.
     *
     * @param source the source
     */
    void useFlowSource(DesiredFlowSource source);
}
