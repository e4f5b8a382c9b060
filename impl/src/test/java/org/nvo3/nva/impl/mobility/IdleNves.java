/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.flow.DesiredFlowSource;

/**
 * NVEs that acknowledge every re-sync at once (at the epoch, so convergence is the detection time) and
 * describe no ports: for tests of what the mobility service records, not of what it programs.
 */
public final class IdleNves implements NveProgramming {
    @Override
    public CompletableFuture<Instant> resync(final NveId nve) {
        return CompletableFuture.completedFuture(Instant.EPOCH);
    }

    @Override
    public Optional<PortName> portName(final NveId nve, final long ofport) {
        return Optional.empty();
    }

    @Override
    public void useFlowSource(final DesiredFlowSource source) {
        // programs nothing
    }
}
