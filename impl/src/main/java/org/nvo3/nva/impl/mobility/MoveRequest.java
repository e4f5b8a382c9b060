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
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmId;

/**
 * A claim that a VM is now on an NVE, from the data plane (GARP, NA, RARP, traffic at the new NVE) or
 * from the orchestrator, not yet checked.
 *
 * @param vm the VM
 * @param nve the NVE it claims to be on
 * @param port the port there, or null when the claim does not name one
 * @param trigger what made the claim
 * @param detectedAt packet-in, port-status or RPC receipt time
 * @param detection the monotonic receipt time and what revealed the move, for the timeline
 */
public record MoveRequest(VmId vm, NveId nve, @Nullable PortName port, MoveTrigger trigger, Instant detectedAt,
        Detection detection) {
    public MoveRequest {
        requireNonNull(vm);
        requireNonNull(nve);
        requireNonNull(trigger);
        requireNonNull(detectedAt);
        requireNonNull(detection);
    }

    /**
     * A claim without a monotonic receipt time.
     *
     * @param vm the VM
     * @param nve the NVE it claims to be on
     * @param port the port there, or null
     * @param trigger what made the claim
     * @param detectedAt receipt time
     */
    public MoveRequest(final VmId vm, final NveId nve, final @Nullable PortName port, final MoveTrigger trigger,
            final Instant detectedAt) {
        this(vm, nve, port, trigger, detectedAt, Detection.UNSTAMPED);
    }
}
