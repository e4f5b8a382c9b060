/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * The life of one migration record: {@link #ANNOUNCED} (orchestrator only), {@link #CONVERGING} once the
 * move is accepted, {@link #CONVERGED} when every affected NVE acknowledged, {@link #REDIRECT_EXPIRED}
 * when the old NVE's redirect ended; or {@link #REJECTED} / {@link #FAILED} with a reason.
 */
public enum MigrationState {
    ANNOUNCED,
    CONVERGING,
    CONVERGED,
    REDIRECT_EXPIRED,
    REJECTED,
    FAILED
}
