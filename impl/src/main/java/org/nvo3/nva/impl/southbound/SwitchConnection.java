/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.southbound.PendingRequest.MultipartReply;
import org.nvo3.nva.impl.southbound.PendingRequest.SingleReply;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterFeatures;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenFlow 1.3 switch connection: the handshake (HELLO, FEATURES, PORT_DESC, SET_CONFIG with
 * full packet-in, BARRIER; flows are never touched), keep-alive (ECHO), replies matched to requests
 * by xid, and the switch's asynchronous messages handed to a {@link SwitchListener}.
 *
 * <p>Inbound messages are handled on the connection's event loop thread. The public methods may be
 * called from any thread; the futures they return complete on the event loop, so callbacks attached
 * to them must not block. Every pending future fails with {@link SwitchDisconnectedException} when
 * the connection closes, and with {@link SwitchRejectedException} when the switch answers with an
 * OpenFlow error.
 */
public final class SwitchConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchConnection.class);
    private static final OFFactory FACTORY = VersionNegotiation.FACTORY;
    /** OFPCML_NO_BUFFER: send the whole packet on a table miss, buffer nothing in the switch. */
    private static final int MISS_SEND_FULL_PACKET = 0xFFFF;
    private static final long XID_MASK = 0xFFFF_FFFFL;

    /**
     * Where the connection is, for the handshake timeout's log line.
     */
    private enum Step {
        AWAITING_HELLO("waiting for HELLO"),
        AWAITING_FEATURES("waiting for FEATURES_REPLY"),
        AWAITING_PORT_DESC("waiting for the PORT_DESC reply"),
        AWAITING_BARRIER("waiting for the BARRIER_REPLY after SET_CONFIG"),
        READY("ready"),
        CLOSED("closed");

        private final String description;

        Step(final String description) {
            this.description = description;
        }
    }

    private final Channel channel;
    private final SwitchListener listener;
    private final ConnectionTimeouts timeouts;
    private final Clock clock;
    private final InetSocketAddress remoteAddress;
    private final Map<Long, PendingRequest<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong xids = new AtomicLong(1);
    private final AtomicReference<@Nullable String> closeReason = new AtomicReference<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final ChannelFutureListener logWriteFailure = this::logWriteFailure;
    private final ChannelHandler handler = new Handler();

    // Event loop only.
    private Step step = Step.AWAITING_HELLO;
    private boolean readyReported;
    private @Nullable ScheduledFuture<?> handshakeTimer;

    // Written on the event loop, read from anywhere.
    private volatile @Nullable DatapathId datapathId;
    private volatile int version;
    private volatile @Nullable List<SwitchPort> ports;
    private volatile boolean closed;

    SwitchConnection(final Channel channel, final SwitchListener listener, final ConnectionTimeouts timeouts,
            final Clock clock) {
        this.channel = requireNonNull(channel);
        this.listener = requireNonNull(listener);
        this.timeouts = requireNonNull(timeouts);
        this.clock = requireNonNull(clock);
        remoteAddress = (InetSocketAddress) requireNonNull(channel.remoteAddress(), "channel is not connected");
    }

    /**
     * Returns the handler to put last in the channel's pipeline, after the OpenFlow codec.
     */
    ChannelHandler handler() {
        return handler;
    }

    /**
     * Returns the switch's datapath id, known once FEATURES_REPLY arrived (always, once ready).
     *
     * @return the datapath id
     * @throws IllegalStateException before FEATURES_REPLY
     */
    public DatapathId datapathId() {
        final var id = datapathId;
        if (id == null) {
            throw new IllegalStateException(this + " has not sent FEATURES_REPLY yet");
        }
        return id;
    }

    /**
     * Returns the negotiated OpenFlow wire version: 4 (OpenFlow 1.3), or 0 before HELLO.
     *
     * @return the wire version
     */
    public int ofVersion() {
        return version;
    }

    /**
     * Returns the switch's ports as last described (PORT_DESC, then PORT_STATUS), by port number;
     * empty before the PORT_DESC reply.
     *
     * @return the ports, immutable
     */
    public List<SwitchPort> ports() {
        final var known = ports;
        return known == null ? List.of() : known;
    }

    /**
     * Returns where the switch connected from (through a relay, the relay's address): for logs,
     * never for identity.
     *
     * @return the remote address
     */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * Returns a fresh transaction id, for messages the caller builds.
     *
     * @return an xid, unsigned 32 bits
     */
    /**
     * Returns the executor of this connection's event loop: work for this switch alone (compiling a large set
     * of its flows) runs there, in parallel with other switches' and next to its writes.
     *
     * @return the executor
     */
    public Executor executor() {
        return channel.eventLoop();
    }

    public long nextXid() {
        return xids.getAndIncrement() & XID_MASK;
    }

    /**
     * Sends one message and flushes. An error the switch reports for it is logged with its xid.
     *
     * @param message an OpenFlow 1.3 message
     */
    public void send(final OFMessage message) {
        sendAll(List.of(message));
    }

    /**
     * Sends messages in order and flushes once.
     *
     * @param messages OpenFlow 1.3 messages
     */
    public void sendAll(final List<? extends OFMessage> messages) {
        final List<OFMessage> batch = List.copyOf(messages);
        batch.forEach(SwitchConnection::checkVersion);
        onEventLoop(() -> writeBatch(batch, null));
    }

    /** Writes messages in order, then a request awaiting its reply if any, and flushes once; on the event loop. */
    private void writeBatch(final List<OFMessage> batch, final @Nullable OFMessage request) {
        for (var message : batch) {
            channel.write(message).addListener(logWriteFailure);
        }
        if (request != null) {
            writeRequest(request);
        }
        channel.flush();
    }

    /**
     * Sends messages in order, each with its own xid, followed by a BARRIER_REQUEST, and tells whether the
     * switch accepted them all: it answers a message only with an error, and before the barrier reply.
     *
     * @param messages OpenFlow 1.3 messages with distinct xids, e.g. flow-mods
     * @return the clock's time when the BARRIER_REPLY arrived; fails with {@link SwitchRejectedException}
     *     carrying the first error the switch reported for one of them, or with
     *     {@link SwitchDisconnectedException}
     */
    public CompletableFuture<Instant> sendAllChecked(final List<? extends OFMessage> messages) {
        final List<OFMessage> batch = List.copyOf(messages);
        batch.forEach(SwitchConnection::checkVersion);
        final var requests = new HashMap<Long, PendingRequest.NoReply>();
        for (var message : batch) {
            final var request = new PendingRequest.NoReply();
            if (requests.put(message.getXid(), request) != null) {
                throw new IllegalArgumentException("two messages of one checked batch share xid " + message.getXid());
            }
            pending.put(message.getXid(), request);
        }
        // the barrier goes in the same event loop task and flush as the messages: one hand-over, one write
        final var barrierRequest = FACTORY.buildBarrierRequest().setXid(nextXid()).build();
        final var barrier = pendingReply(barrierRequest, new SingleReply<>(OFBarrierReply.class,
            reply -> clock.instant()));
        onEventLoop(() -> writeBatch(batch, barrierRequest));
        final var accepted = barrier.handle((at, failure) -> {
            requests.forEach((xid, request) -> {
                if (failure != null) {
                    failPending(xid, failure);
                } else if (pending.remove(xid, request)) {
                    request.complete(null);
                }
            });
            return null;
        });
        return accepted.thenCompose(ignored -> CompletableFuture.allOf(requests.values().stream()
            .map(PendingRequest::future).toArray(CompletableFuture[]::new))).thenCompose(ignored -> barrier);
    }

    /**
     * Sends one message and flushes, and tells when it was written.
     *
     * @param message an OpenFlow 1.3 message
     * @return completes once the message was written to the socket; fails with
     *     {@link SwitchDisconnectedException} when the connection is or becomes closed first
     */
    public CompletableFuture<Void> write(final OFMessage message) {
        checkVersion(message);
        final var written = new CompletableFuture<Void>();
        if (closed) {
            written.completeExceptionally(new SwitchDisconnectedException(this + " is disconnected"));
            return written;
        }
        channel.writeAndFlush(message).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                written.complete(null);
            } else {
                logWriteFailure(future);
                final var cause = future.cause();
                written.completeExceptionally(cause instanceof ClosedChannelException || !channel.isActive()
                    ? new SwitchDisconnectedException(this + " disconnected before the " + message.getType()
                        + " was written", cause)
                    : cause);
            }
        });
        return written;
    }

    /**
     * Sends a message the switch answers only with an error, followed by a BARRIER_REQUEST.
     *
     * @param message an OpenFlow 1.3 message with its own xid, e.g. a METER_MOD
     * @return completes when the barrier reply arrived and the switch reported no error for the message;
     *     fails with {@link SwitchRejectedException} carrying the error it did report
     */
    public CompletableFuture<Void> sendChecked(final OFMessage message) {
        checkVersion(message);
        final var request = new PendingRequest.NoReply();
        final var accepted = request(message, request);
        barrier().whenComplete((at, failure) -> {
            if (failure != null) {
                failPending(message.getXid(), failure);
            } else if (pending.remove(message.getXid(), request)) {
                request.complete(null);
            }
        });
        return accepted;
    }

    /**
     * Reads the switch's meter features (multipart METER_FEATURES).
     *
     * @return the features; fails with {@link SwitchRejectedException} when the switch refuses the request
     */
    public CompletableFuture<OFMeterFeatures> meterFeatures() {
        return request(FACTORY.buildMeterFeaturesStatsRequest().setXid(nextXid()).build(),
            new SingleReply<>(OFMeterFeaturesStatsReply.class, OFMeterFeaturesStatsReply::getFeatures));
    }

    /**
     * Reads every flow entry of every table (multipart FLOW_STATS, all reply parts collected).
     *
     * @return the entries, in the order the switch sent them
     */
    public CompletableFuture<List<OFFlowStatsEntry>> flowStats() {
        final var request = FACTORY.buildFlowStatsRequest()
            .setXid(nextXid())
            .setTableId(TableId.ALL)
            .setOutPort(OFPort.ANY)
            .setOutGroup(OFGroup.ANY)
            .setCookie(U64.ZERO)
            .setCookieMask(U64.ZERO)
            .setMatch(FACTORY.matchWildcardAll())
            .build();
        return request(request, new MultipartReply<>(OFFlowStatsReply.class, OFFlowStatsReply::getEntries));
    }

    /**
     * Sends a BARRIER_REQUEST: when it completes, the switch has processed everything sent before.
     *
     * @return the clock's time when the BARRIER_REPLY arrived
     */
    public CompletableFuture<Instant> barrier() {
        return request(FACTORY.buildBarrierRequest().setXid(nextXid()).build(),
            new SingleReply<>(OFBarrierReply.class, reply -> clock.instant()));
    }

    /**
     * Returns a future that completes (normally) once the connection closed, its pending requests
     * failed and the listener heard of it.
     *
     * @return the future
     */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * Closes the connection; the listener is told with this reason (if the switch was ready).
     *
     * @param reason why, for the log and the listener
     */
    public void disconnect(final String reason) {
        if (closeReason.compareAndSet(null, requireNonNull(reason))) {
            LOG.info("Closing connection to {}: {}", this, reason);
        }
        channel.close();
    }

    @Override
    public String toString() {
        final var id = datapathId;
        final var address = remoteAddress.getHostString() + ":" + remoteAddress.getPort();
        return id == null ? "switch at " + address : "switch " + id + " (" + address + ")";
    }

    private static void checkVersion(final OFMessage message) {
        if (message.getVersion() != VersionNegotiation.VERSION) {
            throw new IllegalArgumentException("cannot send an OpenFlow " + message.getVersion() + " "
                + message.getType() + " on an OpenFlow 1.3 connection");
        }
    }

    private <T> CompletableFuture<T> request(final OFMessage message, final PendingRequest<T> request) {
        final var reply = pendingReply(message, request);
        if (!closed) {
            writeRequest(message);
            channel.flush();
        }
        return reply;
    }

    /** Registers the reply a request awaits; fails it at once when the connection is closed. */
    private <T> CompletableFuture<T> pendingReply(final OFMessage message, final PendingRequest<T> request) {
        final long xid = message.getXid();
        pending.put(xid, request);
        if (closed) {
            failPending(xid, new SwitchDisconnectedException(this + " is disconnected"));
        }
        return request.future();
    }

    /** Writes a request (not flushed); when it cannot be written, its pending reply fails. */
    private void writeRequest(final OFMessage message) {
        final long xid = message.getXid();
        channel.write(message).addListener(future -> {
            if (!future.isSuccess()) {
                final var cause = future.cause();
                failPending(xid, cause instanceof ClosedChannelException || !channel.isActive()
                    ? new SwitchDisconnectedException(this + " disconnected before the request was sent", cause)
                    : cause);
            }
        });
    }

    private void failPending(final long xid, final Throwable cause) {
        final var request = pending.remove(xid);
        if (request != null) {
            request.fail(cause);
        }
    }

    private void onEventLoop(final Runnable task) {
        final var loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} is shutting down, message not sent", this, e);
        }
    }

    private void logWriteFailure(final ChannelFuture future) {
        if (future.isSuccess()) {
            return;
        }
        final var cause = future.cause();
        // A closing connection, or a TLS failure, which closes it with its own log line.
        if (closed || closeReason.get() != null || cause instanceof ClosedChannelException
                || findCause(cause, SSLException.class) != null) {
            LOG.debug("{} is disconnected, message not sent", this, cause);
        } else {
            LOG.warn("Could not send a message to {}: {}", this, cause.toString());
        }
    }

    private void writeQuietly(final OFMessage message) {
        channel.writeAndFlush(message).addListener(logWriteFailure);
    }

    private void closeWithWarning(final String reason) {
        if (closeReason.compareAndSet(null, reason)) {
            LOG.warn("Closing connection to {}: {}", this, reason);
            channel.close();
        }
    }

    // ---- inbound, on the event loop ----

    private void onActive() {
        writeQuietly(VersionNegotiation.ourHello(nextXid()));
        handshakeTimer = channel.eventLoop().schedule(this::onHandshakeTimeout,
            timeouts.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onHandshakeTimeout() {
        if (step != Step.READY && step != Step.CLOSED) {
            closeWithWarning("handshake not complete after " + timeouts.handshakeTimeout() + ", still "
                + step.description);
        }
    }

    private void onMessage(final OFMessage message) {
        if (closeReason.get() != null) {
            return;
        }
        if (step == Step.AWAITING_HELLO) {
            onFirstMessage(message);
            return;
        }
        if (message.getVersion() != VersionNegotiation.VERSION) {
            closeWithWarning("protocol violation: an OpenFlow " + message.getVersion() + " " + message.getType()
                + " message on an OpenFlow 1.3 connection");
            return;
        }
        switch (message) {
            case OFEchoRequest echo ->
                writeQuietly(FACTORY.buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
            case OFEchoReply echo -> LOG.trace("{} answered ECHO xid {}", this, echo.getXid());
            case OFErrorMsg error -> onError(error);
            case OFPacketIn packetIn -> whenReady(packetIn, l -> l.packetIn(this, packetIn));
            case OFFlowRemoved flowRemoved -> whenReady(flowRemoved, l -> l.flowRemoved(this, flowRemoved));
            case OFPortStatus portStatus -> onPortStatus(portStatus);
            case OFHello hello -> LOG.debug("{} sent a second HELLO, ignored", this);
            default -> onReply(message);
        }
    }

    private void onFirstMessage(final OFMessage message) {
        if (message instanceof OFErrorMsg error) {
            closeWithWarning("the switch refused our HELLO: " + SwitchError.of(error));
            return;
        }
        if (!(message instanceof OFHello hello)) {
            closeWithWarning("protocol violation: " + message.getType() + " before HELLO");
            return;
        }
        if (VersionNegotiation.negotiate(hello).isEmpty()) {
            refuseVersion(hello);
            return;
        }
        version = VersionNegotiation.VERSION.getWireVersion();
        startHandshake();
    }

    private void refuseVersion(final OFHello hello) {
        final var reason = "the switch does not speak OpenFlow 1.3 (its HELLO is " + hello.getVersion()
            + (hello.getVersion().compareTo(VersionNegotiation.VERSION) >= 0 ? " without 1.3 in its version bitmap"
                : "") + ")";
        if (!closeReason.compareAndSet(null, reason)) {
            return;
        }
        LOG.warn("Closing connection to {}: {}", this, reason);
        // Answered in the switch's own version, so that it can read why.
        final var peerVersion = hello.getVersion();
        final var error = OFFactories.getFactory(peerVersion).errorMsgs().buildHelloFailedErrorMsg()
            .setXid(hello.getXid())
            .setCode(OFHelloFailedCode.INCOMPATIBLE)
            .setData(OFErrorCauseData.of("NVA speaks OpenFlow 1.3 only".getBytes(StandardCharsets.US_ASCII),
                peerVersion))
            .build();
        channel.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    }

    private void startHandshake() {
        step = Step.AWAITING_FEATURES;
        request(FACTORY.buildFeaturesRequest().setXid(nextXid()).build(),
            new SingleReply<>(OFFeaturesReply.class, Function.identity()))
            .thenCompose(features -> {
                datapathId = new DatapathId(features.getDatapathId().getLong());
                step = Step.AWAITING_PORT_DESC;
                return request(FACTORY.buildPortDescStatsRequest().setXid(nextXid()).build(),
                    new MultipartReply<>(OFPortDescStatsReply.class, OFPortDescStatsReply::getEntries));
            })
            .thenCompose(descriptions -> {
                ports = sortedPorts(descriptions.stream().map(SwitchConnection::portOf).toList());
                step = Step.AWAITING_BARRIER;
                writeQuietly(FACTORY.buildSetConfig()
                    .setXid(nextXid())
                    .setMissSendLen(MISS_SEND_FULL_PACKET)
                    .build());
                return barrier();
            })
            .whenComplete((readyAt, failure) -> {
                if (failure == null) {
                    onReady();
                } else {
                    closeWithWarning("handshake failed " + step.description + ": " + messageOf(failure));
                }
            });
    }

    private void onReady() {
        if (closeReason.get() != null) {
            return;
        }
        cancelHandshakeTimer();
        step = Step.READY;
        readyReported = true;
        LOG.info("{} is ready: OpenFlow 1.3, {} ports", this, ports().size());
        notifyListener("switchReady", l -> l.switchReady(this));
    }

    private <M extends OFMessage> void whenReady(final M message, final Consumer<SwitchListener> call) {
        if (step == Step.READY) {
            notifyListener(message.getType().name(), call);
        } else {
            LOG.debug("{} sent {} before the handshake completed, dropped", this, message.getType());
        }
    }

    private void onPortStatus(final OFPortStatus status) {
        final var known = ports;
        if (known != null) {
            final var port = portOf(status.getDesc());
            final var updated = new ArrayList<SwitchPort>(known.size() + 1);
            known.stream().filter(p -> p.number() != port.number()).forEach(updated::add);
            if (status.getReason() != OFPortReason.DELETE) {
                updated.add(port);
            }
            ports = sortedPorts(updated);
            LOG.debug("{}: port {} {} ({})", this, port.number(), status.getReason(), port.name());
        }
        whenReady(status, l -> l.portStatus(this, status));
    }

    private void onError(final OFErrorMsg message) {
        final var error = SwitchError.of(message);
        LOG.warn("{} reported error {}", this, error);
        failPending(message.getXid(), new SwitchRejectedException(toString(), error));
    }

    private void onReply(final OFMessage reply) {
        final long xid = reply.getXid();
        final var request = pending.get(xid);
        if (request == null) {
            LOG.debug("{} sent {} with xid {}, which no request waits for", this, reply.getType(), xid);
            return;
        }
        if (request.accept(reply)) {
            pending.remove(xid, request);
        }
    }

    private void onIdle() {
        LOG.debug("{} silent for {}, sending ECHO_REQUEST", this, timeouts.echoInterval());
        writeQuietly(FACTORY.buildEchoRequest().setXid(nextXid()).setData(new byte[0]).build());
    }

    private void onException(final Throwable cause) {
        final var malformed = findCause(cause, MalformedMessageException.class);
        final var tls = findCause(cause, SSLException.class);
        if (malformed != null) {
            closeWithWarning("malformed message: " + malformed.getMessage());
        } else if (cause instanceof ReadTimeoutException) {
            closeWithWarning("no message for " + timeouts.deadPeerTimeout() + " (ECHO_REQUEST unanswered), the "
                + "switch is presumed dead");
        } else if (tls != null) {
            closeWithWarning("TLS failed: " + tls.getMessage());
        } else if (cause instanceof IOException) {
            if (closeReason.compareAndSet(null, "connection lost: " + cause.getMessage())) {
                LOG.info("Connection to {} lost: {}", this, cause.getMessage());
            }
            channel.close();
        } else {
            if (closeReason.compareAndSet(null, "internal failure: " + cause)) {
                LOG.warn("Closing connection to {} after an unexpected failure", this, cause);
            }
            channel.close();
        }
    }

    private void onInactive() {
        closed = true;
        cancelHandshakeTimer();
        step = Step.CLOSED;
        final String reason;
        if (closeReason.compareAndSet(null, "the switch closed the connection")) {
            reason = "the switch closed the connection";
            LOG.info("{} closed the connection", this);
        } else {
            reason = requireNonNull(closeReason.get());
            LOG.debug("Connection to {} closed: {}", this, reason);
        }
        final var failure = new SwitchDisconnectedException(this + " disconnected: " + reason);
        for (var xid : List.copyOf(pending.keySet())) {
            failPending(xid, failure);
        }
        if (readyReported) {
            notifyListener("switchDisconnected", l -> l.switchDisconnected(this, reason));
        }
        closeFuture.complete(null);
    }

    private void cancelHandshakeTimer() {
        final var timer = handshakeTimer;
        if (timer != null) {
            timer.cancel(false);
            handshakeTimer = null;
        }
    }

    // A failing listener must not take the connection down with it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void notifyListener(final String what, final Consumer<SwitchListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("Switch listener failed on {} from {}", what, this, e);
        }
    }

    private static SwitchPort portOf(final OFPortDesc description) {
        return new SwitchPort(Integer.toUnsignedLong(description.getPortNo().getPortNumber()),
            description.getName(), new MacAddress(description.getHwAddr().getLong()));
    }

    private static List<SwitchPort> sortedPorts(final List<SwitchPort> unsorted) {
        return unsorted.stream().sorted(Comparator.comparingLong(SwitchPort::number)).toList();
    }

    private static <T extends Throwable> @Nullable T findCause(final Throwable failure, final Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String messageOf(final Throwable failure) {
        final var cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /**
     * The Netty side: turns channel events into calls on the connection.
     */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(final ChannelHandlerContext ctx) {
            onActive();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            if (msg instanceof OFMessage message) {
                onMessage(message);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
            if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
                onIdle();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            onException(cause);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) {
            onInactive();
            ctx.fireChannelInactive();
        }
    }
}
