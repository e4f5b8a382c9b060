/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

/**
 * What became of a {@link MoveRequest}.
 */
public enum MoveVerdict {
    /** The VM is on another NVE or port now: its peers must be re-pointed. */
    MOVED,
    /** The VM was placed on this NVE without a port; now its port is known. */
    PORT_LEARNED,
    /** The VM already is where the request says: nothing changes. */
    UNCHANGED,
    /** The request is refused (unknown VM or NVE, frozen VM, unannounced move); the location stays. */
    REJECTED,
    /** This move would exceed dad-max-moves within dad-window-seconds: the location is frozen where it is. */
    FROZEN
}
