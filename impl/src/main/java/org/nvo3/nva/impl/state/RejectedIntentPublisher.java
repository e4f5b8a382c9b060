/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nvo3.nva.api.IntentProblem;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.IntentKind;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntent;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntentBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntentKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the refused intent into OPERATIONAL {@code state/rejected-intent}, writing only what
 * changed, in order (one transaction chain), and logs each newly refused entry once. {@code since}
 * is when the entry was first refused; it stays while the entry remains refused, even if the
 * reason is reworded.
 */
public final class RejectedIntentPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RejectedIntentPublisher.class);

    private final Clock clock;
    private final Map<RejectedIntentKey, RejectedIntent> published = new HashMap<>();
    private final OperationalChain chain;
    private boolean closed;

    public RejectedIntentPublisher(final DataBroker broker, final Clock clock) {
        this.clock = requireNonNull(clock);
        chain = new OperationalChain(broker, "state/rejected-intent", this::forgetWrittenReasons);
    }

    /**
     * Publishes the complete current set of problems.
     *
     * @param problems every refused entry
     */
    public synchronized void publish(final List<IntentProblem> problems) {
        if (closed) {
            LOG.debug("Publisher closed, not publishing {} refused entries", problems.size());
            return;
        }
        final var wanted = new HashMap<RejectedIntentKey, IntentProblem>();
        problems.forEach(problem -> wanted.put(keyOf(problem), problem));

        final var deletes = new ArrayList<RejectedIntentKey>();
        final var puts = new ArrayList<RejectedIntent>();
        for (var it = published.entrySet().iterator(); it.hasNext();) {
            final var entry = it.next();
            if (!wanted.containsKey(entry.getKey())) {
                LOG.info("Intent {} {} is no longer refused", entry.getValue().getKind().getName(),
                    entry.getKey().getId());
                deletes.add(entry.getKey());
                it.remove();
            }
        }
        for (var entry : wanted.entrySet()) {
            final var before = published.get(entry.getKey());
            final var reason = entry.getValue().reason();
            if (before != null && reason.equals(before.getReason())) {
                continue;
            }
            LOG.warn("Refusing {} {}: {}", entry.getValue().kind(), entry.getValue().id(), reason);
            final var row = new RejectedIntentBuilder()
                .withKey(entry.getKey())
                .setReason(reason)
                .setSince(before != null ? before.getSince() : YangTime.of(clock.instant()))
                .build();
            puts.add(row);
            published.put(entry.getKey(), row);
        }
        if (!deletes.isEmpty() || !puts.isEmpty()) {
            chain.write(tx -> {
                deletes.forEach(key -> tx.delete(LogicalDatastoreType.OPERATIONAL, pathOf(key)));
                puts.forEach(row -> tx.put(LogicalDatastoreType.OPERATIONAL, pathOf(row.key()), row));
            });
        }
    }

    private static RejectedIntentKey keyOf(final IntentProblem problem) {
        return new RejectedIntentKey(problem.id(), kindOf(problem.kind()));
    }

    private static IntentKind kindOf(final org.nvo3.nva.api.IntentKind kind) {
        return switch (kind) {
            case SETTINGS -> IntentKind.Settings;
            case NVE -> IntentKind.Nve;
            case VIRTUAL_NETWORK -> IntentKind.VirtualNetwork;
            case VM -> IntentKind.Vm;
            case ROUTING_DOMAIN -> IntentKind.RoutingDomain;
        };
    }

    private static DataObjectIdentifier<RejectedIntent> pathOf(final RejectedIntentKey key) {
        return DataObjectIdentifier.builder(State.class).child(RejectedIntent.class, key).build();
    }

    /**
     * After a failed chain nothing is known about what reached the datastore: forget the written
     * reasons (keeping the keys) so the next publish rewrites every wanted entry and deletes every
     * other key it ever wrote.
     */
    private synchronized void forgetWrittenReasons() {
        published.replaceAll((key, row) -> new RejectedIntentBuilder(row).setReason(null).build());
    }

    /**
     * Removes what this publisher wrote (a stopped directory refuses nothing) and closes the chain.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        final var keys = List.copyOf(published.keySet());
        published.clear();
        chain.close(tx -> keys.forEach(key -> tx.delete(LogicalDatastoreType.OPERATIONAL, pathOf(key))));
    }
}
