/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;

/**
 * A move the orchestrator announces (migrate-vm, or one entry of migrate-vms).
 *
 * @param vm the VM
 * @param target the NVE it moves to
 * @param port its port there, or null when not known yet
 */
public record MoveAnnouncement(VmId vm, NveId target, @Nullable PortName port) {
    public MoveAnnouncement {
        requireNonNull(vm);
        requireNonNull(target);
    }
}
