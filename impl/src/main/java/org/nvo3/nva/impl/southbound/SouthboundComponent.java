/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.NveConnections;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Subscription;
import org.nvo3.nva.impl.dataplane.DataplaneEvents;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketInDispatcher;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.ProgrammingReport;
import org.nvo3.nva.impl.dataplane.Registration;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.state.NveStatePublisher;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow 1.3 southbound: listens for NVEs (default 0.0.0.0:6653), binds them to fabric/nve by
 * datapath id, keeps their flow tables in sync with the directory and reports them in state/nve.
 * It hands the switches' packet-ins (by {@link PacketKind}, through one {@link PacketInDispatcher}), flow
 * removals and port changes to NVA ({@link DataplaneEvents}) and sends NVA's packet-outs
 * ({@link PacketSender}). Configured through the PID {@code org.nvo3.nva.southbound}
 * (etc/org.nvo3.nva.southbound.cfg).
 */
@Component(service = { NveConnections.class, PacketSender.class, DataplaneEvents.class, NveProgramming.class },
    immediate = true,
    configurationPid = "org.nvo3.nva.southbound")
@Designate(ocd = SouthboundComponent.Configuration.class)
public final class SouthboundComponent implements NveConnections, PacketSender, DataplaneEvents, NveProgramming,
        AutoCloseable {
    /** Southbound settings. */
    @ObjectClassDefinition(name = "NVA OpenFlow southbound")
    public @interface Configuration {
        @AttributeDefinition(description = "Address the OpenFlow listener binds to")
        String bindAddress() default "0.0.0.0";

        @AttributeDefinition(description = "OpenFlow listener port", min = "0", max = "65535")
        int port() default OpenFlowServerSettings.DEFAULT_PORT;

        @AttributeDefinition(description = "Idle time after which an echo request is sent, in milliseconds")
        long echoIntervalMillis() default 5000;

        @AttributeDefinition(description = "Silence after which a switch is declared dead, in milliseconds")
        long deadPeerTimeoutMillis() default 15000;

        @AttributeDefinition(description = "Time a switch has to complete the handshake, in milliseconds")
        long handshakeTimeoutMillis() default 15000;

        @AttributeDefinition(description = "PKCS12/JKS key store enabling TLS; empty for plain TCP")
        String tlsKeyStore() default "";

        @AttributeDefinition(description = "Password of the TLS key store")
        String tlsKeyStorePassword() default "";

        @AttributeDefinition(description = "Require switches to present a certificate the key store trusts")
        boolean tlsRequireSwitchCertificate() default false;

        @AttributeDefinition(description = "Packets per second each switch may punt to the NVA (the punt meter's "
            + "rate); 0 for no meter", min = "0")
        long puntRatePps() default 1000;

        @AttributeDefinition(description = "Burst of the punt meter in packets; 0 for a tenth of the rate", min = "0")
        long puntBurstPackets() default 0;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SouthboundComponent.class);

    private final NveStatePublisher state;
    private final NveSessions sessions;
    private final PacketInDispatcher dispatcher = new PacketInDispatcher();
    private final Registration dispatcherRegistration;
    private final OpenFlowServer server;
    private final Subscription subscription;
    private final InetSocketAddress address;

    @Activate
    public SouthboundComponent(@Reference final DataBroker broker, @Reference final FabricDirectory directory,
            final Configuration configuration) throws IOException, GeneralSecurityException {
        // the running NVA: switches wait for the mobility flow source, never synchronised to the intent alone
        this(broker, directory, settingsOf(configuration), puntMeterOf(configuration), Clock.systemUTC(), false);
    }

    /**
     * Starts the southbound on its own (tests): switches are synchronised to the intent alone until a flow
     * source is set.
     *
     * @param broker the data broker
     * @param directory the directory
     * @param settings the OpenFlow server settings
     * @param puntMeter the punt meter
     * @param clock the clock
     * @throws IOException when the listener cannot bind
     * @throws GeneralSecurityException when the TLS key store cannot be used
     */
    public SouthboundComponent(final DataBroker broker, final FabricDirectory directory,
            final OpenFlowServerSettings settings, final PuntMeterSettings puntMeter, final Clock clock)
            throws IOException, GeneralSecurityException {
        this(broker, directory, settings, puntMeter, clock, true);
    }

    /**
     * Starts the southbound.
     *
     * @param broker the data broker
     * @param directory the directory
     * @param settings the OpenFlow server settings
     * @param puntMeter the punt meter
     * @param clock the clock
     * @param intentUntilFlowSource whether switches are synchronised to the intent alone until a flow source is
     *     set; if not (the running NVA), they wait for it
     * @throws IOException when the listener cannot bind
     * @throws GeneralSecurityException when the TLS key store cannot be used
     */
    SouthboundComponent(final DataBroker broker, final FabricDirectory directory,
            final OpenFlowServerSettings settings, final PuntMeterSettings puntMeter, final Clock clock,
            final boolean intentUntilFlowSource) throws IOException, GeneralSecurityException {
        state = new NveStatePublisher(broker);
        sessions = new NveSessions(state, clock, puntMeter, intentUntilFlowSource);
        dispatcherRegistration = sessions.addListener(dispatcher);
        server = new OpenFlowServer(settings, new SwitchRegistry(sessions), clock);
        subscription = directory.subscribe(sessions::directoryChanged);
        try {
            address = server.start();
        } catch (IOException e) {
            close();
            throw e;
        }
        LOG.info("NVA OpenFlow southbound listening on {}{}", address, settings.tls() == null ? "" : " (TLS)");
    }

    static OpenFlowServerSettings settingsOf(final Configuration configuration) {
        final var timeouts = new ConnectionTimeouts(Duration.ofMillis(configuration.echoIntervalMillis()),
            Duration.ofMillis(configuration.deadPeerTimeoutMillis()),
            Duration.ofMillis(configuration.handshakeTimeoutMillis()));
        final var bind = new InetSocketAddress(configuration.bindAddress(), configuration.port());
        final var keyStore = configuration.tlsKeyStore();
        final var tls = keyStore.isEmpty() ? null : new TlsSettings(Path.of(keyStore),
            configuration.tlsKeyStorePassword(), configuration.tlsRequireSwitchCertificate());
        return new OpenFlowServerSettings(bind, timeouts, OpenFlowServerSettings.DEFAULT.workerThreads(), tls);
    }

    static PuntMeterSettings puntMeterOf(final Configuration configuration) {
        return new PuntMeterSettings(configuration.puntRatePps(), configuration.puntBurstPackets());
    }

    @Override
    public boolean isConnected(final NveId nve) {
        return sessions.isBound(nve);
    }

    @Override
    public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
        return sessions.packetOuts().send(datapathId, packet);
    }

    @Override
    public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
        return sessions.packetOuts().send(nve, packet);
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve) {
        return sessions.programming().resync(nve);
    }

    @Override
    public CompletableFuture<Instant> resync(final NveId nve, final NveScopes scopes) {
        return sessions.programming().resync(nve, scopes);
    }

    @Override
    public CompletableFuture<ProgrammingReport> program(final NveId nve, final NveScopes scopes) {
        return sessions.programming().program(nve, scopes);
    }

    @Override
    public void rehearse(final FlowDiff diff) {
        sessions.programming().rehearse(diff);
    }

    @Override
    public Optional<PortName> portName(final NveId nve, final long ofport) {
        return sessions.programming().portName(nve, ofport);
    }

    @Override
    public void useFlowSource(final DesiredFlowSource source) {
        sessions.programming().useFlowSource(source);
    }

    @Override
    public Registration addListener(final DataplaneListener listener) {
        return sessions.addListener(listener);
    }

    @Override
    public Registration register(final PacketKind kind, final Consumer<PacketIn> handler) {
        return dispatcher.register(kind, handler);
    }

    /**
     * Returns the dispatcher of packet-ins by kind, for its counters.
     *
     * @return the dispatcher
     */
    public PacketInDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Returns the address the listener is bound to (the real port when configured with port 0).
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return address;
    }

    @Deactivate
    @Override
    public void close() {
        subscription.close();
        dispatcherRegistration.close();
        server.close();
        state.close();
        LOG.info("NVA OpenFlow southbound stopped");
    }
}
