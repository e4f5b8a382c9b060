/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.impl.flow.FlowEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;

/**
 * A flow a switch reported (flow-stats), sorted into NVA's own flows, which reconciliation diffs, and
 * foreign flows, which it deletes.
 */
public sealed interface InstalledFlow {
    /**
     * A flow NVA installed: its cookie is NVA's cookie for exactly this entry.
     *
     * @param entry the flow in NVA's terms
     */
    record Owned(FlowEntry entry) implements InstalledFlow {
        public Owned {
            requireNonNull(entry);
        }
    }

    /**
     * A flow NVA did not install, or no longer recognises (an older pipeline, an altered cookie).
     *
     * @param stats the flow as the switch reported it, which {@link FlowModTranslator#deleteForeign} deletes
     * @param reason why it is not NVA's, for the log
     */
    record Foreign(OFFlowStatsEntry stats, String reason) implements InstalledFlow {
        public Foreign {
            requireNonNull(stats);
            requireNonNull(reason);
        }
    }
}
