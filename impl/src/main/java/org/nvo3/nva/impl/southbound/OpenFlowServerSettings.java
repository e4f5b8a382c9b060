/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Where and how the OpenFlow listener accepts switches.
 *
 * @param bindAddress the address and port to listen on; port 0 picks a free port
 * @param timeouts the timers of each switch connection
 * @param workerThreads the number of event loop threads serving switch connections, 0 for Netty's
 *                      default (twice the number of processors)
 * @param tls TLS settings, or null for plain TCP
 */
public record OpenFlowServerSettings(InetSocketAddress bindAddress, ConnectionTimeouts timeouts, int workerThreads,
        @Nullable TlsSettings tls) {
    /**
     * The IANA OpenFlow port.
     */
    public static final int DEFAULT_PORT = 6653;

    /**
     * Plain TCP on 0.0.0.0:6653 with the default timers.
     */
    public static final OpenFlowServerSettings DEFAULT = new OpenFlowServerSettings(
        new InetSocketAddress(DEFAULT_PORT), ConnectionTimeouts.DEFAULT, 0, null);

    public OpenFlowServerSettings {
        requireNonNull(bindAddress);
        requireNonNull(timeouts);
        if (workerThreads < 0) {
            throw new IllegalArgumentException("worker threads must be 0 (default) or more, not " + workerThreads);
        }
    }

    /**
     * Plain TCP on the given address with the given timers and default threads.
     *
     * @param bindAddress the address and port to listen on
     * @param timeouts the timers of each switch connection
     * @return the settings
     */
    public static OpenFlowServerSettings plain(final InetSocketAddress bindAddress,
            final ConnectionTimeouts timeouts) {
        return new OpenFlowServerSettings(bindAddress, timeouts, 0, null);
    }
}
