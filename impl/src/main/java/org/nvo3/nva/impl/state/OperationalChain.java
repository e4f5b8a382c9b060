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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.yangtools.yang.common.Empty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordered writes to OPERATIONAL state from one publisher: one transaction chain, re-created when it
 * fails, with {@code onRestart} told so the publisher can rewrite what may have been lost.
 */
public final class OperationalChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperationalChain.class);

    private final DataBroker broker;
    private final String what;
    private final Runnable onRestart;
    private TransactionChain chain;
    private boolean closed;

    /**
     * Creates the chain.
     *
     * @param broker the data broker
     * @param what what is written, for log lines (e.g. "state/nve")
     * @param onRestart called (not under this object's lock) after a failed chain was replaced
     */
    public OperationalChain(final DataBroker broker, final String what, final Runnable onRestart) {
        this.broker = requireNonNull(broker);
        this.what = requireNonNull(what);
        this.onRestart = requireNonNull(onRestart);
        chain = newChain();
    }

    /**
     * Runs {@code writes} in a new transaction and commits it; does nothing once closed.
     *
     * @param writes the writes
     * @return false if the chain is closed and nothing was written
     */
    public synchronized boolean write(final Consumer<WriteTransaction> writes) {
        if (closed) {
            return false;
        }
        final var tx = chain.newWriteOnlyTransaction();
        writes.accept(tx);
        tx.commit().addListener(() -> LOG.trace("{} written", what), MoreExecutors.directExecutor());
        return true;
    }

    /**
     * Runs {@code writes} in a new transaction and commits it, and tells when the commit is done.
     *
     * @param writes the writes
     * @return done when committed; failed when the commit failed or the chain is closed
     */
    public synchronized CompletableFuture<Void> writeCommitted(final Consumer<WriteTransaction> writes) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(what + ": the chain is closed"));
        }
        final var tx = chain.newWriteOnlyTransaction();
        writes.accept(tx);
        final var committed = new CompletableFuture<Void>();
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                committed.complete(null);
            }

            @Override
            public void onFailure(final Throwable cause) {
                committed.completeExceptionally(cause);
            }
        }, MoreExecutors.directExecutor());
        return committed;
    }

    private TransactionChain newChain() {
        final var created = broker.createTransactionChain();
        created.addCallback(new FutureCallback<Empty>() {
            @Override
            public void onSuccess(final Empty result) {
                LOG.debug("{} transaction chain closed", what);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.error("Writing {} failed; rewriting it", what, cause);
                restart(created);
            }
        });
        return created;
    }

    private void restart(final TransactionChain failed) {
        synchronized (this) {
            if (chain != failed || closed) {
                return;
            }
            chain = newChain();
        }
        // outside the lock: the publisher's own lock is taken around write(), so the order must stay one-way
        onRestart.run();
    }

    /**
     * Runs the last writes (e.g. withdrawing what the publisher wrote) and closes the chain.
     *
     * @param lastWrites the writes to commit before closing
     */
    public synchronized void close(final Consumer<WriteTransaction> lastWrites) {
        if (closed) {
            return;
        }
        write(lastWrites);
        closed = true;
        chain.close();
    }

    @Override
    public void close() {
        close(tx -> { });
    }
}
