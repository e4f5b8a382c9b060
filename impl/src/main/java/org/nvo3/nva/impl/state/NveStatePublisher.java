/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nvo3.nva.api.NveStatus;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Writes OPERATIONAL {@code state/nve}: one row per NVE, updated on connect, disconnect and sync;
 * withdraws a row when asked (e.g. an unknown switch that went away) and all rows on close.
 */
public final class NveStatePublisher implements AutoCloseable {
    private final Map<String, NveStatus> written = new HashMap<>();
    private final OperationalChain chain;

    public NveStatePublisher(final DataBroker broker) {
        chain = new OperationalChain(broker, "state/nve", () -> { });
    }

    /**
     * Writes the row of one NVE, unless it already holds exactly this.
     *
     * @param status the NVE's status
     */
    public synchronized void update(final NveStatus status) {
        if (status.equals(written.get(status.id()))) {
            return;
        }
        final var row = new NveBuilder()
            .setId(status.id())
            .setConnected(status.connected())
            .setDatapathId(Uint64.fromLongBits(status.datapathId().value()))
            .setOfVersion(status.ofVersion())
            .setFlowCount(Uint32.valueOf(Math.min(status.flowCount(), 0xFFFF_FFFFL)))
            .setLastSync(status.lastSync() == null ? null : YangTime.of(status.lastSync()))
            .build();
        // merged, not put: the mobility side counts rejected announcements in the same row
        if (chain.write(tx -> tx.merge(LogicalDatastoreType.OPERATIONAL, pathOf(status.id()), row))) {
            written.put(status.id(), status);
        }
    }

    public synchronized void withdraw(final String id) {
        if (written.remove(id) != null) {
            chain.write(tx -> tx.delete(LogicalDatastoreType.OPERATIONAL, pathOf(id)));
        }
    }

    static DataObjectIdentifier<Nve> pathOf(final String id) {
        return DataObjectIdentifier.builder(State.class).child(Nve.class, new NveKey(id)).build();
    }

    @Override
    public synchronized void close() {
        final var ids = List.copyOf(written.keySet());
        written.clear();
        chain.close(tx -> ids.forEach(id -> tx.delete(LogicalDatastoreType.OPERATIONAL, pathOf(id))));
    }
}
