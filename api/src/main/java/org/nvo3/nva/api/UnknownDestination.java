/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * What an NVE does with a packet for a destination it has no entry for.
 */
public enum UnknownDestination {
    /** Ask the NVA (packet-in); the answer is installed with an idle timeout. */
    PULL,
    /** Drop it at the NVE. */
    DROP
}
