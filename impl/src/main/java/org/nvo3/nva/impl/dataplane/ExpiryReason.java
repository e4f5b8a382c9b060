/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * Why a switch removed a flow that asked to be reported (SEND_FLOW_REM).
 */
public enum ExpiryReason {
    /** Idle for its idle timeout. */
    IDLE_TIMEOUT,
    /** Its hard timeout passed. */
    HARD_TIMEOUT,
    /** A flow-mod deleted it. */
    DELETE,
    /** The group it output to was deleted. */
    GROUP_DELETE,
    /** Its meter was deleted. */
    METER_DELETE,
    /** Anything else (e.g. evicted for space). */
    OTHER
}
