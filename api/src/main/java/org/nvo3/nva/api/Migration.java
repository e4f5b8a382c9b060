/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One move of one VM, from detection to the end of the redirect at the old NVE.
 *
 * @param id the migration id
 * @param vm the VM
 * @param fromNve the old NVE, or null when the VM had no known location
 * @param toNve the new NVE
 * @param trigger what announced the move
 * @param state where the migration stands
 * @param detectedAt packet-in or RPC receipt time
 * @param reason why it was rejected or failed, empty otherwise
 */
public record Migration(String id, VmId vm, @Nullable NveId fromNve, NveId toNve, MoveTrigger trigger,
        MigrationState state, Instant detectedAt, String reason) {
    public Migration {
        requireNonNull(id);
        requireNonNull(vm);
        requireNonNull(toNve);
        requireNonNull(trigger);
        requireNonNull(state);
        requireNonNull(detectedAt);
        requireNonNull(reason);
        if ((state == MigrationState.REJECTED || state == MigrationState.FAILED) && reason.isEmpty()) {
            throw new IllegalArgumentException("a " + state + " migration needs a reason");
        }
    }
}
