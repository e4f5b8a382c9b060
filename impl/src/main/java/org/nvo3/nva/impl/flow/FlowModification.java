/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

/**
 * A flow on the switch that must change: same key (hence same cookie), different content.
 *
 * @param installed the version on the switch
 * @param desired the version NVA wants
 */
public record FlowModification(FlowEntry installed, FlowEntry desired) {
    public FlowModification {
        if (!installed.key().equals(requireNonNull(desired).key())) {
            throw new IllegalArgumentException("a modification keeps the flow's key, but " + installed.key()
                + " would become " + desired.key());
        }
        if (installed.equals(desired)) {
            throw new IllegalArgumentException("flow " + desired.key() + " is already as desired");
        }
    }

    /**
     * Tells whether an OpenFlow 1.3 modify (which changes instructions only) is enough; otherwise the flow
     * is replaced by an add, which also resets its counters and timeouts.
     *
     * @return true when only actions, goto or meter change
     */
    public boolean instructionsOnly() {
        return installed.differsOnlyInInstructions(desired);
    }
}
