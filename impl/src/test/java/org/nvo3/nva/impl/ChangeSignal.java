/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Wakes up a waiting test each time a data tree change listener has been notified, instead of
 * sleeping: a condition is re-checked after every notification, for at most five seconds.
 */
public final class ChangeSignal {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Object lock = new Object();
    private long notifications;

    /**
     * Wraps a broker so that every listener registered through it signals once its callback returned.
     *
     * @param broker the real broker
     * @return the wrapping broker
     */
    public DataBroker wrap(final DataBroker broker) {
        return new DataBroker() {
            @Override
            public ReadTransaction newReadOnlyTransaction() {
                return broker.newReadOnlyTransaction();
            }

            @Override
            public ReadWriteTransaction newReadWriteTransaction() {
                return broker.newReadWriteTransaction();
            }

            @Override
            public WriteTransaction newWriteOnlyTransaction() {
                return broker.newWriteOnlyTransaction();
            }

            @Override
            public TransactionChain createTransactionChain() {
                return broker.createTransactionChain();
            }

            @Override
            public TransactionChain createMergingTransactionChain() {
                return broker.createMergingTransactionChain();
            }

            @Override
            public <T extends DataObject> Registration registerTreeChangeListener(
                    final LogicalDatastoreType store, final DataObjectReference<T> path,
                    final DataTreeChangeListener<T> listener) {
                return broker.registerTreeChangeListener(store, path, signalling(listener));
            }

            @Override
            @Deprecated(forRemoval = true)
            @SuppressWarnings("removal")
            public <T extends DataObject> Registration registerLegacyTreeChangeListener(
                    final LogicalDatastoreType store, final DataObjectReference<T> path,
                    final DataTreeChangeListener<T> listener) {
                throw new UnsupportedOperationException("legacy listeners are not signalled");
            }
        };
    }

    /**
     * Returns a listener that only signals, to wake waiters on changes made by others.
     *
     * @param <T> the data type
     * @return the listener
     */
    public <T extends DataObject> DataTreeChangeListener<T> listener() {
        return changes -> fire();
    }

    private <T extends DataObject> DataTreeChangeListener<T> signalling(final DataTreeChangeListener<T> delegate) {
        return new DataTreeChangeListener<>() {
            @Override
            public void onDataTreeChanged(final List<DataTreeModification<T>> changes) {
                try {
                    delegate.onDataTreeChanged(changes);
                } finally {
                    fire();
                }
            }

            @Override
            public void onInitialData() {
                try {
                    delegate.onInitialData();
                } finally {
                    fire();
                }
            }
        };
    }

    private void fire() {
        synchronized (lock) {
            notifications++;
            lock.notifyAll();
        }
    }

    /**
     * Waits until the condition holds, re-checking it after each notification.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     * @throws InterruptedException if interrupted
     */
    public void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        await(what, condition, TIMEOUT_NANOS);
    }

    /**
     * Waits until the condition holds, re-checking it after each notification, at most {@code limit}.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     * @param limit the longest wait
     * @throws InterruptedException if interrupted
     */
    public void await(final String what, final BooleanSupplier condition, final Duration limit)
            throws InterruptedException {
        await(what, condition, limit.toNanos());
    }

    private void await(final String what, final BooleanSupplier condition, final long timeoutNanos)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeoutNanos;
        long seen;
        synchronized (lock) {
            seen = notifications;
        }
        while (!condition.getAsBoolean()) {
            synchronized (lock) {
                while (notifications == seen) {
                    final long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        fail("timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms waiting until "
                            + what);
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                }
                seen = notifications;
            }
        }
    }
}
