/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import org.nvo3.nva.api.FabricSnapshot;

/**
 * Where the mobility state is published after each change (OPERATIONAL state/vm-location and
 * state/migration).
 */
@FunctionalInterface
public interface MobilityStateSink {
    /**
     * Publishes the state.
     *
     * @param fabric the intent it refers to
     * @param state the mobility state
     */
    void publish(FabricSnapshot fabric, MobilityState state);
}
