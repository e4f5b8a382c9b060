/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static java.util.Objects.requireNonNull;

import java.util.function.BiFunction;
import org.nvo3.nva.api.NveId;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveBuilder;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Publishes one counter leaf of an NVE's state/nve row (rejected-announcements, unknown-destinations),
 * merged beside what the southbound writes there. The counted packets are punts, rate-limited on the switch
 * by the punt meter, which bounds how often this writes.
 */
public final class NveCounterPublisher implements AutoCloseable {
    private final OperationalChain chain;
    private final BiFunction<NveBuilder, Counter64, NveBuilder> leaf;

    /**
     * Creates a publisher of one leaf.
     *
     * @param broker the data broker
     * @param leafName the leaf's name, for logs
     * @param leaf sets the leaf on a row builder
     */
    public NveCounterPublisher(final DataBroker broker, final String leafName,
            final BiFunction<NveBuilder, Counter64, NveBuilder> leaf) {
        this.leaf = requireNonNull(leaf);
        chain = new OperationalChain(broker, "state/nve " + leafName, () -> { });
    }

    /**
     * The rejected-announcements counter.
     *
     * @param broker the data broker
     * @return its publisher
     */
    public static NveCounterPublisher rejectedAnnouncements(final DataBroker broker) {
        return new NveCounterPublisher(broker, "rejected-announcements", NveBuilder::setRejectedAnnouncements);
    }

    /**
     * The unknown-destinations counter.
     *
     * @param broker the data broker
     * @return its publisher
     */
    public static NveCounterPublisher unknownDestinations(final DataBroker broker) {
        return new NveCounterPublisher(broker, "unknown-destinations", NveBuilder::setUnknownDestinations);
    }

    /**
     * Publishes the count.
     *
     * @param nve the NVE
     * @param count the count since the NVA started
     */
    public void publish(final NveId nve, final long count) {
        final var row = leaf.apply(new NveBuilder().setId(nve.value()), new Counter64(Uint64.valueOf(count))).build();
        chain.write(tx -> tx.merge(LogicalDatastoreType.OPERATIONAL, NveStatePublisher.pathOf(nve.value()), row));
    }

    @Override
    public void close() {
        chain.close(tx -> { });
    }
}
