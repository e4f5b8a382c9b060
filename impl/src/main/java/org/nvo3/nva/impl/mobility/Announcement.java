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
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;

/**
 * A move the orchestrator announced with migrate-vm and the data plane has not completed yet.
 *
 * @param migrationId the migration record it opened
 * @param vm the VM
 * @param target the NVE it is moving to
 * @param port its port there, or null when the announcement does not name it
 * @param receivedAt when the RPC was received
 */
public record Announcement(String migrationId, VmId vm, NveId target, @Nullable PortName port, Instant receivedAt) {
    public Announcement {
        requireNonNull(migrationId);
        requireNonNull(vm);
        requireNonNull(target);
        requireNonNull(receivedAt);
    }
}
