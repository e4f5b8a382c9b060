/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGetConfigRequest;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * An OpenFlow 1.3 switch in a test: a real TCP (or TLS) client of the {@link OpenFlowServer}, on the
 * same Loxi codec, with an in-memory flow table. Many instances can share one event loop group.
 * Answers HELLO, FEATURES, PORT_DESC, SET_CONFIG, GET_CONFIG, ECHO, BARRIER and FLOW_STATS (split
 * into parts of at most {@code statsPartSize} entries), applies flow-mods, and answers anything
 * else with BAD_REQUEST/BAD_TYPE, as a real switch would.
 */
final class EmulatedSwitch implements AutoCloseable {
    private static final OFFactory FACTORY = OFFactories.getFactory(OFVersion.OF_13);
    private static final long WAIT_SECONDS = 10;

    private final EventLoopGroup group;
    private final InetSocketAddress server;
    private final DatapathId datapathId;
    private final int statsPartSize;
    private final OFVersion helloVersion;
    private final @Nullable SslContext tls;
    private final boolean countOnly;
    private final boolean messageLog;
    private final List<SwitchPort> ports = new CopyOnWriteArrayList<>();
    private final EmulatedFlowTable table = new EmulatedFlowTable(Clock.systemUTC());
    private final Map<OFFlowModCommand, AtomicInteger> flowMods = new EnumMap<>(OFFlowModCommand.class);
    private final List<OFMessage> received = new CopyOnWriteArrayList<>();
    private final Map<Long, CompletableFuture<Void>> echoes = new ConcurrentHashMap<>();
    private final AtomicInteger echoRequests = new AtomicInteger();
    private final AtomicInteger barrierRequests = new AtomicInteger();
    private final AtomicInteger flowStatsParts = new AtomicInteger();
    private final AtomicLong xids = new AtomicLong(0x7000_0000L);
    private final EmulatedMeterTable meters;
    private final List<OFMeterMod> meterMods = new CopyOnWriteArrayList<>();
    private final BlockingQueue<OFPacketOut> packetOuts = new LinkedBlockingQueue<>();

    private volatile boolean answering = true;
    private volatile boolean rejectFlowStats;
    private final AtomicInteger flowModsToReject = new AtomicInteger();
    private volatile @Nullable Channel channel;
    private volatile CompletableFuture<Integer> missSendLen = new CompletableFuture<>();
    private volatile CompletableFuture<Void> disconnected = new CompletableFuture<>();

    private EmulatedSwitch(final Builder builder) {
        group = builder.group;
        server = builder.server;
        datapathId = builder.datapathId;
        statsPartSize = builder.statsPartSize;
        helloVersion = builder.helloVersion;
        tls = builder.tls;
        countOnly = builder.countOnly;
        messageLog = builder.messageLog && !builder.countOnly;
        meters = new EmulatedMeterTable(builder.maxMeter);
        ports.addAll(builder.ports);
        for (var command : OFFlowModCommand.values()) {
            flowMods.put(command, new AtomicInteger());
        }
    }

    static Builder builder(final EventLoopGroup group, final InetSocketAddress server, final long datapathId) {
        return new Builder(group, server, new DatapathId(datapathId));
    }

    /**
     * Options of an emulated switch.
     */
    static final class Builder {
        private final EventLoopGroup group;
        private final InetSocketAddress server;
        private final DatapathId datapathId;
        private List<SwitchPort> ports = List.of();
        private int statsPartSize = 10;
        private OFVersion helloVersion = OFVersion.OF_13;
        private @Nullable SslContext tls;
        private boolean countOnly;
        private boolean messageLog = true;
        private long maxMeter = 1024;

        private Builder(final EventLoopGroup group, final InetSocketAddress server, final DatapathId datapathId) {
            this.group = requireNonNull(group);
            this.server = requireNonNull(server);
            this.datapathId = requireNonNull(datapathId);
        }

        Builder ports(final List<SwitchPort> newPorts) {
            ports = List.copyOf(newPorts);
            return this;
        }

        Builder statsPartSize(final int size) {
            statsPartSize = size;
            return this;
        }

        Builder helloVersion(final OFVersion version) {
            helloVersion = version;
            return this;
        }

        Builder tls(final SslContext context) {
            tls = context;
            return this;
        }

        /**
         * Makes the switch only count flow-mods (no flow table, no record of received messages), so that
         * a benchmark measures the controller rather than the emulator.
         */
        Builder countOnly() {
            countOnly = true;
            return this;
        }

        /**
         * Keeps the flow table but no record of received messages ({@link #received()} stays empty), so that
         * a benchmark's switches holding thousands of flows do not also hold every flow-mod.
         */
        Builder withoutMessageLog() {
            messageLog = false;
            return this;
        }

        /**
         * Sets the highest meter id the switch supports; 0 for a switch without meters.
         */
        Builder maxMeter(final long max) {
            maxMeter = max;
            return this;
        }

        EmulatedSwitch build() {
            return new EmulatedSwitch(this);
        }

        /**
         * Builds the switch and starts connecting.
         */
        EmulatedSwitch connect() {
            final var emulated = build();
            emulated.connect();
            return emulated;
        }
    }

    DatapathId datapathId() {
        return datapathId;
    }

    /**
     * Connects (again) to the server; the handshake then runs on its own.
     *
     * @return completes once TCP is connected
     */
    CompletableFuture<Void> connect() {
        missSendLen = new CompletableFuture<>();
        final var closed = new CompletableFuture<Void>();
        disconnected = closed;
        final var connected = new CompletableFuture<Void>();
        final var future = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    final var context = tls;
                    if (context != null) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc(), server.getHostString(),
                            server.getPort()));
                    }
                    ch.pipeline().addLast(new OpenFlowFrameDecoder(), OpenFlowMessageEncoder.INSTANCE,
                        new Handler());
                }
            })
            .connect(server);
        channel = future.channel();
        future.channel().closeFuture().addListener(done -> closed.complete(null));
        future.addListener(done -> {
            if (done.isSuccess()) {
                connected.complete(null);
            } else {
                connected.completeExceptionally(done.cause());
            }
        });
        return connected;
    }

    /**
     * Closes the connection and waits until it is closed.
     */
    void disconnect() {
        final var current = channel;
        if (current != null && !current.close().awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(this + " did not close within " + WAIT_SECONDS + " s");
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    /**
     * Returns a future that completes when the current connection closes, from either side.
     */
    CompletableFuture<Void> disconnected() {
        return disconnected;
    }

    /**
     * Returns the miss_send_len of the SET_CONFIG the controller sent on the current connection.
     */
    CompletableFuture<Integer> missSendLen() {
        return missSendLen;
    }

    /**
     * Stops answering and sending anything, as a hung switch would; messages are still counted.
     */
    void stopAnswering() {
        answering = false;
    }

    /**
     * Answers flow-stats requests with BAD_REQUEST/EPERM from now on.
     */
    void rejectFlowStats() {
        rejectFlowStats = true;
    }

    /**
     * Refuses the next flow-mods (FLOW_MOD_FAILED/TABLE_FULL, not applied).
     *
     * @param count how many
     */
    void rejectFlowMods(final int count) {
        flowModsToReject.set(count);
    }

    EmulatedFlowTable table() {
        return table;
    }

    EmulatedMeterTable meters() {
        return meters;
    }

    /**
     * Returns every meter-mod received, applied or refused, in order.
     */
    List<OFMeterMod> meterMods() {
        return List.copyOf(meterMods);
    }

    /**
     * Waits for the next packet-out from the controller.
     */
    OFPacketOut awaitPacketOut() throws InterruptedException {
        final var packetOut = packetOuts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (packetOut == null) {
            throw new AssertionError(this + " received no packet-out within " + WAIT_SECONDS + " s");
        }
        return packetOut;
    }

    List<SwitchPort> ports() {
        return List.copyOf(ports);
    }

    int flowMods(final OFFlowModCommand command) {
        return flowMods.get(command).get();
    }

    int flowModsTotal() {
        return flowMods.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /**
     * Returns how many FLOW_STATS reply parts this switch sent.
     */
    int flowStatsParts() {
        return flowStatsParts.get();
    }

    int echoRequests() {
        return echoRequests.get();
    }

    /**
     * Returns how many BARRIER_REQUESTs this switch received, over all connections.
     */
    int barrierRequests() {
        return barrierRequests.get();
    }

    /**
     * Returns every message received from the controller, over all connections, in order.
     */
    List<OFMessage> received() {
        return List.copyOf(received);
    }

    List<OFErrorMsg> errorsReceived() {
        return received.stream().filter(OFErrorMsg.class::isInstance).map(OFErrorMsg.class::cast).toList();
    }

    /**
     * Sends ECHO_REQUEST to the controller.
     *
     * @return completes when the controller's ECHO_REPLY arrives
     */
    CompletableFuture<Void> echo() {
        final long xid = xids.getAndIncrement();
        final var reply = new CompletableFuture<Void>();
        echoes.put(xid, reply);
        write(FACTORY.buildEchoRequest().setXid(xid).setData(new byte[] {1, 2, 3}).build());
        return reply;
    }

    void injectPacketIn(final int inPort, final byte[] frame) {
        injectPacketIn(OFPacketInReason.NO_MATCH, 0, 0, inPort, frame);
    }

    void injectPacketIn(final OFPacketInReason reason, final int tableId, final long cookie, final int inPort,
            final byte[] frame) {
        write(FACTORY.buildPacketIn()
            .setXid(0)
            .setBufferId(OFBufferId.NO_BUFFER)
            .setTotalLen(frame.length)
            .setReason(reason)
            .setTableId(TableId.of(tableId))
            .setCookie(U64.of(cookie))
            .setMatch(FACTORY.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build())
            .setData(frame)
            .build());
    }

    /**
     * Sends a FLOW_REMOVED as the switch would after a flow's timeout.
     */
    void injectFlowRemoved(final OFFlowRemovedReason reason, final int tableId, final int priority,
            final long cookie, final long packets, final long bytes, final long durationSeconds) {
        write(FACTORY.buildFlowRemoved()
            .setXid(0)
            .setCookie(U64.of(cookie))
            .setPriority(priority)
            .setReason(reason)
            .setTableId(TableId.of(tableId))
            .setDurationSec(durationSeconds)
            .setDurationNsec(0)
            .setIdleTimeout(0)
            .setHardTimeout(0)
            .setPacketCount(U64.of(packets))
            .setByteCount(U64.of(bytes))
            .setMatch(FACTORY.matchWildcardAll())
            .build());
    }

    void injectPortStatus(final OFPortReason reason, final SwitchPort port) {
        ports.removeIf(existing -> existing.number() == port.number());
        if (reason != OFPortReason.DELETE) {
            ports.add(port);
        }
        write(FACTORY.buildPortStatus().setXid(0).setReason(reason).setDesc(portDesc(port)).build());
    }

    /**
     * Sends bytes as they are, for malformed-message tests.
     */
    void sendRaw(final byte[] bytes) {
        final var current = requireNonNull(channel, "not connected");
        current.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public String toString() {
        return "emulated switch " + datapathId;
    }

    private void write(final OFMessage message) {
        final var current = requireNonNull(channel, "not connected");
        current.writeAndFlush(message);
    }

    private void writeAll(final List<? extends OFMessage> messages) {
        final var current = requireNonNull(channel, "not connected");
        messages.forEach(current::write);
        current.flush();
    }

    private static OFPortDesc portDesc(final SwitchPort port) {
        return FACTORY.buildPortDesc()
            .setPortNo(OFPort.of((int) port.number()))
            .setHwAddr(MacAddress.of(port.hwAddr().bits()))
            .setName(port.name())
            .build();
    }

    private <T> List<List<T>> parts(final List<T> entries) {
        final var parts = new ArrayList<List<T>>();
        for (int from = 0; from < entries.size(); from += statsPartSize) {
            parts.add(entries.subList(from, Math.min(entries.size(), from + statsPartSize)));
        }
        if (parts.isEmpty()) {
            parts.add(List.of());
        }
        return parts;
    }

    private static Set<OFStatsReplyFlags> moreFlag(final int part, final int count) {
        return part < count - 1 ? Set.of(OFStatsReplyFlags.REPLY_MORE) : Set.of();
    }

    private void onMessage(final OFMessage message) {
        if (messageLog) {
            received.add(message);
        }
        if (message instanceof OFEchoRequest) {
            echoRequests.incrementAndGet();
        }
        if (message instanceof OFBarrierRequest) {
            barrierRequests.incrementAndGet();
        }
        if (!answering) {
            return;
        }
        switch (message) {
            case OFHello hello -> {
                // Our HELLO went out on connect.
            }
            case OFFeaturesRequest request -> write(FACTORY.buildFeaturesReply()
                .setXid(request.getXid())
                .setDatapathId(org.projectfloodlight.openflow.types.DatapathId.of(datapathId.value()))
                .setNBuffers(0)
                .setNTables((short) 254)
                .setAuxiliaryId(OFAuxId.MAIN)
                .setCapabilities(Set.of(OFCapabilities.FLOW_STATS, OFCapabilities.PORT_STATS))
                .build());
            case OFPortDescStatsRequest request -> {
                final var parts = parts(ports().stream()
                    .sorted(Comparator.comparingLong(SwitchPort::number).reversed())
                    .map(EmulatedSwitch::portDesc)
                    .toList());
                final var replies = new ArrayList<OFMessage>();
                for (int i = 0; i < parts.size(); i++) {
                    replies.add(FACTORY.buildPortDescStatsReply().setXid(request.getXid())
                        .setFlags(moreFlag(i, parts.size())).setEntries(parts.get(i)).build());
                }
                writeAll(replies);
            }
            case OFSetConfig config -> missSendLen.complete(config.getMissSendLen());
            case OFGetConfigRequest request -> write(FACTORY.buildGetConfigReply().setXid(request.getXid())
                .setMissSendLen(missSendLen.getNow(128)).build());
            case OFEchoRequest request -> write(FACTORY.buildEchoReply().setXid(request.getXid())
                .setData(request.getData()).build());
            case OFEchoReply reply -> {
                final var waiting = echoes.remove(reply.getXid());
                if (waiting != null) {
                    waiting.complete(null);
                }
            }
            case OFBarrierRequest request -> write(FACTORY.buildBarrierReply().setXid(request.getXid()).build());
            case OFFlowMod mod -> onFlowMod(mod);
            case OFFlowStatsRequest request -> onFlowStats(request);
            case OFMeterMod mod -> onMeterMod(mod);
            case OFMeterFeaturesStatsRequest request -> write(FACTORY.buildMeterFeaturesStatsReply()
                .setXid(request.getXid()).setFeatures(meters.features(FACTORY)).build());
            case OFMeterConfigStatsRequest request -> write(FACTORY.buildMeterConfigStatsReply()
                .setXid(request.getXid()).setEntries(meters.configs(request.getMeterId(), FACTORY)).build());
            case OFPacketOut packetOut -> {
                if (!countOnly) {
                    packetOuts.add(packetOut);
                }
            }
            case OFErrorMsg error -> {
                // Recorded above.
            }
            default -> write(FACTORY.errorMsgs().buildBadRequestErrorMsg()
                .setXid(message.getXid())
                .setCode(OFBadRequestCode.BAD_TYPE)
                .setData(OFErrorCauseData.NONE)
                .build());
        }
    }

    private void onFlowMod(final OFFlowMod mod) {
        flowMods.get(mod.getCommand()).incrementAndGet();
        if (flowModsToReject.getAndUpdate(count -> Math.max(0, count - 1)) > 0) {
            write(FACTORY.errorMsgs().buildFlowModFailedErrorMsg()
                .setXid(mod.getXid())
                .setCode(OFFlowModFailedCode.TABLE_FULL)
                .setData(OFErrorCauseData.NONE)
                .build());
            return;
        }
        if (countOnly) {
            return;
        }
        final var removed = table.apply(mod);
        final var notices = removed.stream()
            .filter(flow -> flow.flags().contains(OFFlowModFlags.SEND_FLOW_REM))
            .map(flow -> (OFMessage) FACTORY.buildFlowRemoved()
                .setXid(0)
                .setCookie(flow.cookie())
                .setPriority(flow.priority())
                .setReason(OFFlowRemovedReason.DELETE)
                .setTableId(flow.table())
                .setIdleTimeout(flow.idleTimeout())
                .setHardTimeout(flow.hardTimeout())
                .setPacketCount(U64.of(flow.packets()))
                .setByteCount(U64.of(flow.bytes()))
                .setMatch(flow.match())
                .build())
            .toList();
        if (!notices.isEmpty()) {
            writeAll(notices);
        }
    }

    private void onMeterMod(final OFMeterMod mod) {
        meterMods.add(mod);
        meters.apply(mod).ifPresent(code -> write(FACTORY.errorMsgs().buildMeterModFailedErrorMsg()
            .setXid(mod.getXid())
            .setCode(code)
            .setData(OFErrorCauseData.NONE)
            .build()));
    }

    private void onFlowStats(final OFFlowStatsRequest request) {
        if (rejectFlowStats) {
            write(FACTORY.errorMsgs().buildBadRequestErrorMsg()
                .setXid(request.getXid())
                .setCode(OFBadRequestCode.EPERM)
                .setData(OFErrorCauseData.NONE)
                .build());
            return;
        }
        final var parts = parts(table.statsEntries(FACTORY));
        flowStatsParts.addAndGet(parts.size());
        final var replies = new ArrayList<OFMessage>();
        for (int i = 0; i < parts.size(); i++) {
            replies.add(FACTORY.buildFlowStatsReply().setXid(request.getXid())
                .setFlags(moreFlag(i, parts.size())).setEntries(parts.get(i)).build());
        }
        writeAll(replies);
    }

    private OFHello hello() {
        if (helloVersion == OFVersion.OF_13) {
            return VersionNegotiation.ourHello(xids.getAndIncrement());
        }
        return OFFactories.getFactory(helloVersion).buildHello().setXid(xids.getAndIncrement()).build();
    }

    /**
     * The switch side of the channel.
     */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(final ChannelHandlerContext ctx) {
            ctx.writeAndFlush(hello());
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
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            ctx.close();
        }
    }
}
