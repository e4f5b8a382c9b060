/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;

/**
 * A switch removed a flow and reported it (OpenFlow FLOW_REMOVED), e.g. a redirect flow whose hard
 * timeout passed.
 *
 * @param datapathId the switch
 * @param nve the fabric/nve entry bound to the switch, or null when no entry names its datapath id
 * @param tableId the flow's table, 0..254
 * @param priority the flow's priority, 0..65535
 * @param cookie the flow's cookie
 * @param reason why it was removed
 * @param packetCount packets it matched, unsigned (all ones when the switch does not count)
 * @param byteCount bytes it matched, unsigned (all ones when the switch does not count)
 * @param duration how long it was installed
 */
public record FlowExpiry(DatapathId datapathId, @Nullable NveId nve, int tableId, int priority, long cookie,
        ExpiryReason reason, long packetCount, long byteCount, Duration duration) {
    public FlowExpiry {
        requireNonNull(datapathId);
        PacketIn.checkTable(tableId);
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("priority " + priority + " is outside 0..65535");
        }
        requireNonNull(reason);
        if (requireNonNull(duration).isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
    }

    @Override
    public String toString() {
        return "FlowExpiry[" + datapathId + (nve == null ? "" : " (" + nve + ")") + " table " + tableId
            + " priority " + priority + " cookie 0x" + Long.toHexString(cookie) + " " + reason + " after "
            + duration + ", " + Long.toUnsignedString(packetCount) + " packets, " + Long.toUnsignedString(byteCount)
            + " bytes]";
    }
}
