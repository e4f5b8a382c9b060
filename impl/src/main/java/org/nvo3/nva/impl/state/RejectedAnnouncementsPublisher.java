/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import org.nvo3.nva.api.NveId;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Publishes an NVE's count of rejected announcements (spoofed GARPs, NAs, RARPs, traffic) into its
 * state/nve row, merged beside what the southbound writes there. Punts are rate-limited on the switch by
 * the punt meter, which bounds how often this writes.
 */
public final class RejectedAnnouncementsPublisher implements AutoCloseable {
    private final OperationalChain chain;

    public RejectedAnnouncementsPublisher(final DataBroker broker) {
        chain = new OperationalChain(broker, "state/nve rejected-announcements", () -> { });
    }

    /**
     * Publishes the count.
     *
     * @param nve the NVE
     * @param count rejected announcements since the NVA started
     */
    public void publish(final NveId nve, final long count) {
        final var row = new NveBuilder().setId(nve.value())
            .setRejectedAnnouncements(new Counter64(Uint64.valueOf(count)))
            .build();
        chain.write(tx -> tx.merge(LogicalDatastoreType.OPERATIONAL, NveStatePublisher.pathOf(nve.value()), row));
    }

    @Override
    public void close() {
        chain.close(tx -> { });
    }
}
