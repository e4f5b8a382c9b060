/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nvo3.nva.api.IntentProblem;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.IntentKind;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntent;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntentBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntentKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Empty;
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

    private final DataBroker broker;
    private final Clock clock;
    private final Map<RejectedIntentKey, RejectedIntent> published = new HashMap<>();
    private TransactionChain chain;
    private boolean closed;

    public RejectedIntentPublisher(final DataBroker broker, final Clock clock) {
        this.broker = requireNonNull(broker);
        this.clock = requireNonNull(clock);
        chain = newChain();
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

        final var tx = chain.newWriteOnlyTransaction();
        boolean changed = false;
        for (var it = published.entrySet().iterator(); it.hasNext();) {
            final var entry = it.next();
            if (!wanted.containsKey(entry.getKey())) {
                LOG.info("Intent {} {} is no longer refused", entry.getValue().getKind().getName(),
                    entry.getKey().getId());
                tx.delete(LogicalDatastoreType.OPERATIONAL, pathOf(entry.getKey()));
                it.remove();
                changed = true;
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
            tx.put(LogicalDatastoreType.OPERATIONAL, pathOf(entry.getKey()), row);
            published.put(entry.getKey(), row);
            changed = true;
        }
        if (changed) {
            final var size = wanted.size();
            tx.commit().addListener(() -> LOG.debug("state/rejected-intent now holds {} entries", size),
                MoreExecutors.directExecutor());
        } else {
            tx.cancel();
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
        };
    }

    private static DataObjectIdentifier<RejectedIntent> pathOf(final RejectedIntentKey key) {
        return DataObjectIdentifier.builder(State.class).child(RejectedIntent.class, key).build();
    }

    private TransactionChain newChain() {
        final var created = broker.createTransactionChain();
        created.addCallback(new FutureCallback<Empty>() {
            @Override
            public void onSuccess(final Empty result) {
                LOG.debug("Rejected-intent transaction chain closed");
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.error("Writing state/rejected-intent failed; republishing on the next change", cause);
                restart(created);
            }
        });
        return created;
    }

    /**
     * After a failed chain nothing is known about what reached the datastore: forget the written
     * reasons (keeping the keys) so the next publish rewrites every wanted entry and deletes every
     * other key it ever wrote.
     */
    private synchronized void restart(final TransactionChain failed) {
        if (chain == failed && !closed) {
            published.replaceAll((key, row) -> new RejectedIntentBuilder(row).setReason(null).build());
            chain = newChain();
        }
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
        if (!published.isEmpty()) {
            final var tx = chain.newWriteOnlyTransaction();
            published.keySet().forEach(key -> tx.delete(LogicalDatastoreType.OPERATIONAL, pathOf(key)));
            published.clear();
            tx.commit().addListener(() -> LOG.debug("state/rejected-intent cleared"), MoreExecutors.directExecutor());
        }
        chain.close();
    }
}
