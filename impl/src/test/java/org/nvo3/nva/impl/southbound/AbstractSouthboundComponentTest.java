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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.After;
import org.junit.Before;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.DirectoryFixture;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.ReferenceCompiler;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.NveKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * A {@link SouthboundComponent} on 127.0.0.1 (free port) over an in-memory datastore holding the
 * directory's standard fabric (n1 is datapath 1, n2 datapath 2), and a client event loop group for
 * emulated switches.
 */
public abstract class AbstractSouthboundComponentTest extends AbstractConcurrentDataBrokerTest {
    protected DirectoryFixture fixture;
    protected SouthboundComponent southbound;
    protected EventLoopGroup clients;

    protected AbstractSouthboundComponentTest() {
        super(true);
    }

    @Before
    public final void startSouthbound() throws Exception {
        fixture = new DirectoryFixture(getDataBroker());
        fixture.loadStandardFabric();
        southbound = newSouthbound(
            OpenFlowServerSettings.plain(new InetSocketAddress("127.0.0.1", 0), ConnectionTimeouts.DEFAULT));
        clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /**
     * Starts the southbound under test: on its own, synchronising switches to the intent.
     *
     * @param settings the OpenFlow server settings
     * @return the southbound
     * @throws Exception when it cannot start
     */
    protected SouthboundComponent newSouthbound(final OpenFlowServerSettings settings) throws Exception {
        return new SouthboundComponent(getDataBroker(), fixture.directory(), settings, PuntMeterSettings.DEFAULT,
            Clock.systemUTC());
    }

    @After
    public final void stopSouthbound() throws Exception {
        southbound.close();
        fixture.close();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    /**
     * Reads one state/nve row.
     *
     * @param id the NVE id, or {@code dpid:<hex>} for a switch fabric/nve does not name
     * @return the row, if present
     */
    /**
     * Returns how many flows the compiler wants on n1 of the standard fabric when its switch describes no
     * ports (what the emulated switches describe by default).
     *
     * @return the flow count
     */
    protected final int n1Flows() {
        final var n1 = new NveId("n1");
        return ReferenceCompiler.compile(ForwardingState.ofIntent(fixture.directory().snapshot(), Map.of()), n1, null)
            .size();
    }

    protected final Optional<Nve> row(final String id) {
        final var path = DataObjectIdentifier.builder(State.class).child(Nve.class, new NveKey(id)).build();
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
