/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * The NVA directory (draft-ietf-nvo3-vmm): the validated intent and what was refused.
 */
public interface FabricDirectory {
    /**
     * Returns the current validated snapshot; it never changes once returned.
     *
     * @return the snapshot
     */
    FabricSnapshot snapshot();

    /**
     * Returns the configuration entries NVA currently refuses to act on, with reasons.
     *
     * @return the problems, sorted by kind and id
     */
    List<IntentProblem> problems();

    /**
     * Tells {@code listener} the current snapshot now and every new snapshot after it, in order, on
     * the directory's own thread; the listener must not block.
     *
     * @param listener the listener
     * @return closing it stops the notifications
     */
    Subscription subscribe(Consumer<FabricSnapshot> listener);
}
