/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.rules.ExternalResource;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.MacAddress;

/**
 * An {@link OpenFlowServer} on 127.0.0.1 (free port) reporting to a {@link SwitchRegistry} that
 * reports to a {@link RecordingListener}, and one client event loop group for emulated switches;
 * everything is closed after each test.
 */
final class SouthboundFixture extends ExternalResource {
    static final List<SwitchPort> PORTS = List.of(
        new SwitchPort(1, "vxlan0", MacAddress.parse("02:00:00:00:00:01")),
        new SwitchPort(2, "vm1", MacAddress.parse("02:00:00:00:00:02")),
        new SwitchPort(0xFFFF_FFFEL, "br-int", MacAddress.parse("02:00:00:00:00:fe")));

    private final ConnectionTimeouts timeouts;
    private final Clock clock;
    private final RecordingListener listener = new RecordingListener();
    private final SwitchRegistry registry = new SwitchRegistry(listener);
    private final List<EmulatedSwitch> switches = new ArrayList<>();
    private @Nullable OpenFlowServer server;
    private @Nullable InetSocketAddress address;
    private @Nullable EventLoopGroup clientGroup;

    SouthboundFixture() {
        this(ConnectionTimeouts.DEFAULT, Clock.systemUTC());
    }

    SouthboundFixture(final ConnectionTimeouts timeouts, final Clock clock) {
        this.timeouts = timeouts;
        this.clock = clock;
    }

    @Override
    protected void before() throws Exception {
        final var started = new OpenFlowServer(OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", 0),
            timeouts), registry, clock);
        server = started;
        address = started.start();
        clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @Override
    protected void after() {
        switches.forEach(EmulatedSwitch::close);
        final var started = server;
        if (started != null) {
            started.close();
        }
        final var group = clientGroup;
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    RecordingListener listener() {
        return listener;
    }

    SwitchRegistry registry() {
        return registry;
    }

    OpenFlowServer server() {
        return requireStarted(server);
    }

    InetSocketAddress address() {
        return requireStarted(address);
    }

    EventLoopGroup clientGroup() {
        return requireStarted(clientGroup);
    }

    /**
     * Returns a builder for an emulated switch with {@link #PORTS}, closed after the test.
     */
    EmulatedSwitch.Builder emulated(final long datapathId) {
        return EmulatedSwitch.builder(clientGroup(), address(), datapathId).ports(PORTS);
    }

    /**
     * Connects an emulated switch with {@link #PORTS} and waits until the controller reports it ready.
     */
    Connected connect(final long datapathId) throws InterruptedException {
        return connect(emulated(datapathId));
    }

    Connected connect(final EmulatedSwitch.Builder builder) throws InterruptedException {
        final var emulated = track(builder.connect());
        return new Connected(emulated, listener.awaitReady(emulated.datapathId()));
    }

    EmulatedSwitch track(final EmulatedSwitch emulated) {
        switches.add(emulated);
        return emulated;
    }

    /**
     * An emulated switch and the controller's connection to it.
     */
    record Connected(EmulatedSwitch emulated, SwitchConnection connection) {
        DatapathId datapathId() {
            return connection.datapathId();
        }
    }

    static <T> T await(final Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Waits for a future that must fail, and returns why.
     */
    static <X extends Throwable> X failureOf(final Future<?> future, final Class<X> expected)
            throws InterruptedException, TimeoutException {
        try {
            final var value = future.get(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected " + expected.getSimpleName() + ", got the value " + value);
        } catch (ExecutionException e) {
            final var cause = e.getCause();
            if (!expected.isInstance(cause)) {
                throw new AssertionError("expected " + expected.getSimpleName() + ", failed with " + cause, e);
            }
            return expected.cast(cause);
        }
    }

    private static <T> T requireStarted(final @Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("fixture not started");
        }
        return value;
    }
}
