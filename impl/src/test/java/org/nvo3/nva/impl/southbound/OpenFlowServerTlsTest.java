/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The TLS listener, with a key store made by the JDK's keytool.
 */
public class OpenFlowServerTlsTest {
    private static final String PASSWORD = "nva-test-secret";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final RecordingListener listener = new RecordingListener();
    private EventLoopGroup clientGroup;
    private OpenFlowServer server;
    private InetSocketAddress address;

    @Before
    public void before() throws Exception {
        final var keyStore = folder.getRoot().toPath().resolve("nva.p12");
        generateKeyStore(keyStore);
        server = new OpenFlowServer(new OpenFlowServerSettings(new InetSocketAddress("127.0.0.1", 0),
            ConnectionTimeouts.DEFAULT, 1, new TlsSettings(keyStore, PASSWORD, false)), listener, Clock.systemUTC());
        address = server.start();
        clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @After
    public void after() {
        server.close();
        clientGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    @Test
    public void switchCompletesTheHandshakeOverTls() throws Exception {
        final var clientTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
            .build();
        try (var emulated = EmulatedSwitch.builder(clientGroup, address, 0xF1).ports(SouthboundFixture.PORTS)
                .tls(clientTls).connect()) {
            final var connection = listener.awaitReady(emulated.datapathId());

            assertEquals(SouthboundFixture.PORTS, connection.ports());
            await(connection.barrier());
        }
    }

    @Test
    public void plainTcpSwitchIsRefused() throws Exception {
        try (var emulated = EmulatedSwitch.builder(clientGroup, address, 0xF2).connect()) {
            await(emulated.disconnected());
            assertTrue(listener.events().isEmpty());
        }
    }

    private static void generateKeyStore(final Path keyStore) throws Exception {
        final var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        final var process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "nva", "-keyalg", "EC",
            "-groupname", "secp256r1", "-dname", "CN=nva-test", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true)
            .start();
        final var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
    }
}
