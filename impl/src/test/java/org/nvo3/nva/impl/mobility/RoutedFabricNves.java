/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.flow.DesiredFlowSource;

/** The NVEs of {@link RoutedFabric}: they know its ports and acknowledge every re-sync at once. */
final class RoutedFabricNves implements NveProgramming {
    private final Instant acknowledgedAt;

    RoutedFabricNves(final Instant acknowledgedAt) {
        this.acknowledgedAt = requireNonNull(acknowledgedAt);
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve) {
        return CompletableFuture.completedFuture(acknowledgedAt);
    }

    @Override
    public Optional<PortName> portName(final NveId nve, final long ofport) {
        return RoutedFabric.portName(nve, ofport);
    }

    @Override
    public void useFlowSource(final DesiredFlowSource source) {
        // the tests compile themselves
    }
}
