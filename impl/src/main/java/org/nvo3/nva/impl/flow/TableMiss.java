/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import org.nvo3.nva.api.UnknownDestination;

/**
 * What a pipeline table does with a packet no flow of it matches (its priority-0 table-miss flow).
 */
public enum TableMiss {
    /** Drop the packet: a table-miss flow with no actions. */
    DROP,
    /** Send the packet to the NVA as a packet-in. */
    CONTROLLER,
    /** Continue at the table's first next table. */
    GOTO_NEXT,
    /** As fabric/settings unknown-destination says: {@link #CONTROLLER} for pull, {@link #DROP} for drop. */
    UNKNOWN_DESTINATION;

    /**
     * Resolves {@link #UNKNOWN_DESTINATION} against the fabric settings; the others stay as they are.
     *
     * @param unknownDestination the fabric's unknown-destination setting
     * @return {@link #DROP}, {@link #CONTROLLER} or {@link #GOTO_NEXT}
     */
    public TableMiss resolve(final UnknownDestination unknownDestination) {
        if (this != UNKNOWN_DESTINATION) {
            return this;
        }
        return switch (unknownDestination) {
            case PULL -> CONTROLLER;
            case DROP -> DROP;
        };
    }
}
