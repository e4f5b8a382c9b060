/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * What happened to a switch port (OpenFlow PORT_STATUS reason).
 */
public enum PortChangeKind {
    /** The port was added. */
    ADDED,
    /** The port was removed. */
    DELETED,
    /** An attribute of the port changed (e.g. its link went up or down). */
    MODIFIED
}
