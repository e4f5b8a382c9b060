/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow listener NVEs connect to: accepts TCP (or TLS) connections and gives each a
 * {@link SwitchConnection} reporting to one {@link SwitchListener}. Start once, close once.
 */
public final class OpenFlowServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenFlowServer.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final OpenFlowServerSettings settings;
    private final SwitchListener listener;
    private final Clock clock;
    private final @Nullable SslContext sslContext;
    private final Set<SwitchConnection> connections = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup switchGroup;

    private @Nullable Channel serverChannel;
    private boolean started;
    private boolean closed;

    /**
     * Prepares the listener; nothing is bound before {@link #start()}.
     *
     * @param settings where and how to listen
     * @param listener told about every switch connection
     * @param clock the clock barrier replies are timed with
     * @throws IOException if TLS is configured and the key store cannot be read
     * @throws GeneralSecurityException if TLS is configured and the key store holds no usable key
     */
    public OpenFlowServer(final OpenFlowServerSettings settings, final SwitchListener listener, final Clock clock)
            throws IOException, GeneralSecurityException {
        this.settings = requireNonNull(settings);
        this.listener = requireNonNull(listener);
        this.clock = requireNonNull(clock);
        final var tls = settings.tls();
        sslContext = tls == null ? null : tls.newServerContext();
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("nva-openflow-accept"),
            NioIoHandler.newFactory());
        switchGroup = new MultiThreadIoEventLoopGroup(settings.workerThreads(),
            new DefaultThreadFactory("nva-openflow-switch"), NioIoHandler.newFactory());
    }

    /**
     * Binds the listening socket.
     *
     * @return the bound address (with the actual port when the settings asked for port 0)
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException if already started or closed
     */
    public synchronized InetSocketAddress start() throws IOException {
        if (started || closed) {
            throw new IllegalStateException("the OpenFlow server can be started once, before it is closed");
        }
        started = true;
        final var bootstrap = new ServerBootstrap()
            .group(acceptGroup, switchGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel channel) {
                    accept(channel);
                }
            });
        final var bound = bootstrap.bind(settings.bindAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen for OpenFlow switches on " + settings.bindAddress(), bound.cause());
        }
        final var channel = bound.channel();
        serverChannel = channel;
        final var address = (InetSocketAddress) channel.localAddress();
        LOG.info("Listening for OpenFlow 1.3 switches on {} ({})", address, sslContext == null ? "TCP" : "TLS");
        return address;
    }

    private void accept(final SocketChannel channel) {
        final var timeouts = settings.timeouts();
        final var connection = new SwitchConnection(channel, listener, timeouts, clock);
        connections.add(connection);
        connection.closeFuture().thenRun(() -> connections.remove(connection));
        final var pipeline = channel.pipeline();
        final var tls = sslContext;
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        pipeline.addLast("dead-peer", new ReadTimeoutHandler(timeouts.deadPeerTimeout().toMillis(),
                TimeUnit.MILLISECONDS))
            .addLast("echo", new IdleStateHandler(timeouts.echoInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
            .addLast("decoder", new OpenFlowFrameDecoder())
            .addLast("encoder", OpenFlowMessageEncoder.INSTANCE)
            .addLast("switch", connection.handler());
        LOG.debug("Accepted a connection from {}", channel.remoteAddress());
    }

    /**
     * Stops listening, closes every switch connection (the listener hears of each ready one) and
     * waits for the event loops to stop. Blocks: never call it from a {@link SwitchListener} callback.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        final var channel = serverChannel;
        if (channel != null && !channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("The OpenFlow listening socket did not close within {} s", CLOSE_TIMEOUT_SECONDS);
        }
        final var closing = new ArrayList<CompletableFuture<Void>>();
        for (var connection : connections) {
            connection.disconnect("the OpenFlow server is stopping");
            closing.add(connection.closeFuture());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture<?>[]::new))
                .get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Not every switch connection closed within {} s", CLOSE_TIMEOUT_SECONDS, e);
        }
        awaitShutdown(switchGroup.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        awaitShutdown(acceptGroup.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        LOG.info("OpenFlow server stopped");
    }

    private static void awaitShutdown(final Future<?> termination) {
        if (!termination.awaitUninterruptibly(2 * CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("An OpenFlow event loop did not stop within {} s", 2 * CLOSE_TIMEOUT_SECONDS);
        }
    }
}
