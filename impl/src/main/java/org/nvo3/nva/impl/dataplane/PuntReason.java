/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * Why a switch sent a packet to the NVA.
 */
public enum PuntReason {
    /** No flow of the table matched (OpenFlow 1.3 NO_MATCH: a table-miss flow's output to the controller). */
    TABLE_MISS,
    /** A flow's explicit output to the controller. */
    ACTION,
    /** Anything else (invalid TTL, a group, a packet-out's own output to the controller). */
    OTHER
}
