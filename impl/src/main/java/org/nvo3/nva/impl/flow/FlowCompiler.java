/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Nve;

/**
 * The pure flow compiler: an immutable snapshot of the directory and one NVE give the complete set
 * of flows that NVE must hold. Same input, same output; nothing is accumulated.
 *
 * <p>Today it compiles the pipeline skeleton (each table's miss behaviour, with the fabric's
 * unknown-destination setting); the per-VM flows of the L2 overlay and of VM mobility are added
 * here by the mobility work.
 */
public final class FlowCompiler {
    private FlowCompiler() {
        // no instances
    }

    /**
     * Compiles the desired flows of one NVE.
     *
     * @param snapshot the directory
     * @param nve the NVE
     * @param punterMeter the meter limiting packet-ins on that NVE, or null when it has none
     * @return the flows, in pipeline order
     */
    public static List<FlowEntry> compile(final FabricSnapshot snapshot, final Nve nve,
            final @Nullable Long punterMeter) {
        final var unknownDestination = snapshot.settings().unknownDestination();
        final var flows = new ArrayList<FlowEntry>();
        for (var table : PipelineTable.values()) {
            flows.add(table.missEntry(unknownDestination, punterMeter));
        }
        return List.copyOf(flows);
    }
}
