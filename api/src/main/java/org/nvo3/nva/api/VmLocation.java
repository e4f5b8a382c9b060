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
 * Where a VM is now, as the NVA knows it.
 *
 * @param vm the VM
 * @param nve the NVE hosting it
 * @param port its OVS port there, or null until the first announcement names it
 * @param sequence the move counter, strictly increasing per VM
 * @param learnedFrom what told the NVA
 * @param since when the NVA learned it
 * @param frozen whether duplicate-address detection froze it
 */
public record VmLocation(VmId vm, NveId nve, @Nullable PortName port, long sequence, MoveTrigger learnedFrom,
        Instant since, boolean frozen) {
    public VmLocation {
        requireNonNull(vm);
        requireNonNull(nve);
        requireNonNull(learnedFrom);
        requireNonNull(since);
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, not " + sequence);
        }
    }

    /**
     * Tells whether an update carrying {@code otherSequence} is newer than this location.
     *
     * @param otherSequence the sequence of a proposed update
     * @return true when it must be applied, false when it is stale and must be fenced out
     */
    public boolean isSupersededBy(final long otherSequence) {
        return otherSequence > sequence;
    }
}
