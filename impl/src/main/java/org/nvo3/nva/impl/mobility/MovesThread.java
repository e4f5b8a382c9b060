/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The one thread that handles the data plane's events, one after another, and programs decided moves.
 *
 * <p>{@link #programming()} is where {@link MobilityService} programs decided moves: at once, on this thread,
 * when this thread decided them and no event waits behind the one it handles (a single move does not wait), and
 * otherwise after the events queued by then, so that the moves they decide join the same burst (an evacuation's
 * port-statuses, GARPs arriving together re-synchronise each affected NVE once).
 */
public final class MovesThread implements Executor, AutoCloseable {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor executor;
    private volatile @Nullable Thread thread;

    /**
     * Starts the thread (a daemon) when the first task comes.
     *
     * @param name the thread's name
     */
    public MovesThread(final String name) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, task -> {
            final var created = new Thread(task, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /**
     * Runs a task on the thread, after those queued.
     *
     * @param task the task
     */
    @Override
    public void execute(final Runnable task) {
        executor.execute(task);
    }

    /**
     * Returns where decided moves are programmed.
     *
     * @return at once when called on this thread with nothing queued behind, else queued
     */
    public Executor programming() {
        return task -> {
            if (Thread.currentThread() == thread && queue.isEmpty()) {
                task.run();
            } else {
                executor.execute(task);
            }
        };
    }

    /** Stops taking tasks; those queued still run. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
