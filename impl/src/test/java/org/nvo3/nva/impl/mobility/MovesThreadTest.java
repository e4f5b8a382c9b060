/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * Decided moves are programmed at once when nothing waits on the moves thread, and after the queued events when
 * something does (so that the moves those events decide join the burst).
 */
public class MovesThreadTest {
    private final MovesThread moves = new MovesThread("moves-test");
    private final List<String> order = new CopyOnWriteArrayList<>();

    @After
    public void close() {
        moves.close();
    }

    @Test
    public void withNothingQueuedTheProgrammingRunsAtOnceInsideTheEvent() throws Exception {
        final var done = new CountDownLatch(1);
        moves.execute(() -> {
            order.add("event: decided");
            moves.programming().execute(() -> order.add("programmed"));
            order.add("event: after deciding");
            done.countDown();
        });

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("event: decided", "programmed", "event: after deciding"), order);
    }

    @Test
    public void withEventsQueuedTheProgrammingWaitsForThem() throws Exception {
        final var release = new CountDownLatch(1);
        final var done = new CountDownLatch(1);
        moves.execute(() -> {
            await(release);
            order.add("event 1: decided");
            moves.programming().execute(() -> {
                order.add("programmed");
                done.countDown();
            });
        });
        moves.execute(() -> order.add("event 2: decided"));
        release.countDown();

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("event 1: decided", "event 2: decided", "programmed"), order);
    }

    @Test
    public void fromAnotherThreadTheProgrammingGoesToTheMovesThread() throws Exception {
        final var done = new CountDownLatch(1);
        final var on = new CopyOnWriteArrayList<String>();
        moves.programming().execute(() -> {
            on.add(Thread.currentThread().getName());
            done.countDown();
        });

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("moves-test"), on);
    }

    private static void await(final CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
