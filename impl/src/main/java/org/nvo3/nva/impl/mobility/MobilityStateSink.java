/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.nvo3.nva.api.FabricSnapshot;

/**
 * Where the mobility state is published after each change (OPERATIONAL state/vm-location and
 * state/migration).
 */
@FunctionalInterface
public interface MobilityStateSink {
    /** A sink that keeps nothing (tests, benchmarks). */
    MobilityStateSink DISCARD = (fabric, state) -> CompletableFuture.completedFuture(null);

    /**
     * Publishes the state.
     *
     * @param fabric the intent it refers to
     * @param state the mobility state
     * @return done when what changed is committed
     */
    CompletionStage<?> publish(FabricSnapshot fabric, MobilityState state);
}
