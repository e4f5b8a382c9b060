/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;

/**
 * A request sent to a switch, waiting for its reply (same xid). Replies are fed on the connection's
 * event loop; failure may come from any thread.
 *
 * @param <T> what the request completes with
 */
abstract sealed class PendingRequest<T> {
    private final CompletableFuture<T> future = new CompletableFuture<>();

    /**
     * Takes one reply with this request's xid.
     *
     * @param reply the reply
     * @return true when the request is complete (answered or failed) and must be forgotten
     */
    abstract boolean accept(OFMessage reply);

    final CompletableFuture<T> future() {
        return future;
    }

    final void complete(final T value) {
        future.complete(value);
    }

    final void fail(final Throwable cause) {
        future.completeExceptionally(cause);
    }

    final boolean failUnexpected(final OFMessage reply, final Class<?> expected) {
        fail(new IllegalStateException("expected " + expected.getSimpleName() + " for xid " + reply.getXid()
            + ", the switch sent " + reply.getType()));
        return true;
    }

    /**
     * A request answered by exactly one message.
     *
     * @param <R> the reply type
     * @param <T> what the request completes with, derived from the reply when it arrives
     */
    static final class SingleReply<R extends OFMessage, T> extends PendingRequest<T> {
        private final Class<R> replyType;
        private final Function<R, T> onArrival;

        SingleReply(final Class<R> replyType, final Function<R, T> onArrival) {
            this.replyType = requireNonNull(replyType);
            this.onArrival = requireNonNull(onArrival);
        }

        @Override
        boolean accept(final OFMessage reply) {
            if (!replyType.isInstance(reply)) {
                return failUnexpected(reply, replyType);
            }
            complete(onArrival.apply(replyType.cast(reply)));
            return true;
        }
    }

    /**
     * A message the switch answers only when it refuses it (an OpenFlow error, which fails the request);
     * whoever sent it completes it once a later barrier reply proves the switch accepted it.
     */
    static final class NoReply extends PendingRequest<Void> {
        @Override
        boolean accept(final OFMessage reply) {
            return failUnexpected(reply, OFErrorMsg.class);
        }
    }

    /**
     * A multipart request: its reply parts share the xid, all but the last carry REPLY_MORE.
     *
     * @param <R> the reply part type
     * @param <E> the entry type
     */
    static final class MultipartReply<R extends OFStatsReply, E> extends PendingRequest<List<E>> {
        private final Class<R> replyType;
        private final Function<R, List<E>> entriesOf;
        private final List<E> entries = new ArrayList<>();

        MultipartReply(final Class<R> replyType, final Function<R, List<E>> entriesOf) {
            this.replyType = requireNonNull(replyType);
            this.entriesOf = requireNonNull(entriesOf);
        }

        @Override
        boolean accept(final OFMessage reply) {
            if (!replyType.isInstance(reply)) {
                return failUnexpected(reply, replyType);
            }
            final var part = replyType.cast(reply);
            entries.addAll(entriesOf.apply(part));
            if (part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                return false;
            }
            complete(List.copyOf(entries));
            return true;
        }
    }
}
