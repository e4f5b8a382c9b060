/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;

/**
 * The old NVE of a VM that moved, tunnelling packets still in flight to the VM's current NVE until the
 * redirect flow's hard timeout removes it.
 *
 * @param vm the VM
 * @param from the old NVE
 * @param migrationId the migration that opened it
 * @param until when the flow's hard timeout ends it at the latest
 */
public record ActiveRedirect(VmId vm, NveId from, String migrationId, Instant until) {
    public ActiveRedirect {
        requireNonNull(vm);
        requireNonNull(from);
        requireNonNull(migrationId);
        requireNonNull(until);
    }
}
