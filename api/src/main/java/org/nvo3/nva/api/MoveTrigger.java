/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * What told the NVA where a VM is.
 */
public enum MoveTrigger {
    ORCHESTRATOR,
    GRATUITOUS_ARP,
    UNSOLICITED_NA,
    RARP,
    TRAFFIC,
    /** A port named as the VM's declared port appeared on another NVE. */
    PORT_ADDED
}
