/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.wiring;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.NveConnections;
import org.nvo3.nva.impl.dataplane.DataplaneEvents;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.mobility.DestinationPuller;
import org.nvo3.nva.impl.mobility.ForwardingStates;
import org.nvo3.nva.impl.mobility.MobilityDataplaneHandler;
import org.nvo3.nva.impl.mobility.MobilityFlowSource;
import org.nvo3.nva.impl.mobility.MobilityNotifications;
import org.nvo3.nva.impl.mobility.MobilityService;
import org.nvo3.nva.impl.mobility.MoveWarmUp;
import org.nvo3.nva.impl.mobility.MovesThread;
import org.nvo3.nva.impl.mobility.OldLocationPackets;
import org.nvo3.nva.impl.mobility.RestoredMobility;
import org.nvo3.nva.impl.rpc.ClearDuplicateAddressRpc;
import org.nvo3.nva.impl.rpc.MigrateVmRpc;
import org.nvo3.nva.impl.rpc.MigrateVmsRpc;
import org.nvo3.nva.impl.state.MobilityStatePublisher;
import org.nvo3.nva.impl.state.NveCounterPublisher;
import org.nvo3.nva.impl.state.YangNotifications;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires VM mobility into the running NVA: the mobility service starts from the state/vm-location and
 * state/migration an earlier run published ({@link RestoredMobility}), follows the directory, drives the
 * southbound's desired flows, hears the data plane (packet-ins of every kind, port changes, flow
 * removals), answers destination misses (pulls) and packets still sent to moved VMs' old NVEs (ICMP
 * unreachable), publishes state/vm-location and state/migration and the
 * per-NVE counters, and serves migrate-vm and clear-duplicate-address.
 */
@Component(service = {}, immediate = true)
public final class MobilityComponent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MobilityComponent.class);
    /** Synthetic moves run at start: enough for the JIT's optimising compiler to take the move path. */
    private static final int WARM_UP_MOVES = 10_000;

    /** What mobility is wired to once the published state is read. */
    private record Wiring(DataBroker broker, FabricDirectory directory, NveConnections connections,
            NveProgramming programming, DataplaneEvents dataplane, PacketSender sender,
            RpcProviderService rpcProvider, MobilityNotifications notifications, Clock clock) {
    }

    private final MobilityStatePublisher publisher;
    /** Guarded by itself, like {@link #closed}. */
    private final List<Runnable> closers = new ArrayList<>();
    private boolean closed;
    private final MovesThread moves = new MovesThread("nva-mobility-moves");
    private final ExecutorService publications = Executors.newSingleThreadExecutor(task -> {
        final var thread = new Thread(task, "nva-mobility-publish");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
        final var thread = new Thread(task, "nva-mobility-start");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public MobilityComponent(@Reference final DataBroker broker, @Reference final FabricDirectory directory,
            @Reference final NveConnections connections, @Reference final NveProgramming programming,
            @Reference final DataplaneEvents dataplane, @Reference final PacketSender sender,
            @Reference final RpcProviderService rpcProvider,
            @Reference final NotificationPublishService notificationPublisher) {
        this(broker, directory, connections, programming, dataplane, sender, rpcProvider,
            new YangNotifications(notificationPublisher), Clock.systemUTC());
    }

    /**
     * Wires mobility with a given clock and notification sink (tests).
     *
     * @param broker the data broker
     * @param directory the directory
     * @param connections the NVE connections
     * @param programming the southbound
     * @param dataplane the data plane events
     * @param sender the packet-out sender
     * @param rpcProvider where the RPCs are registered
     * @param notifications where notifications go
     * @param clock the clock
     */
    public MobilityComponent(final DataBroker broker, final FabricDirectory directory,
            final NveConnections connections, final NveProgramming programming, final DataplaneEvents dataplane,
            final PacketSender sender, final RpcProviderService rpcProvider,
            final MobilityNotifications notifications, final Clock clock) {
        publisher = new MobilityStatePublisher(broker);
        final var wiring = new Wiring(broker, directory, connections, programming, dataplane, sender, rpcProvider,
            notifications, clock);
        // what the last run learned comes first, before any switch is synchronised (the southbound waits for the
        // flow source); read without blocking activation, and wired on a thread of its own: the read completes on
        // a datastore thread, which must not register RPCs or synchronise switches
        Futures.addCallback(publisher.readPublished(), new FutureCallback<MobilityStatePublisher.Published>() {
            @Override
            public void onSuccess(final MobilityStatePublisher.Published published) {
                start(wiring, published);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Cannot read the published state/vm-location and state/migration: starting empty", cause);
                start(wiring, new MobilityStatePublisher.Published(List.of(), List.of()));
            }
        }, starter);
    }

    private void start(final Wiring wiring, final MobilityStatePublisher.Published published) {
        synchronized (closers) {
            if (closed) {
                return;
            }
            wire(wiring, published);
        }
        // right after start, on this thread, not holding up the wiring: the JIT compiles the move path before
        // the first real move rather than during it
        final var warmUp = MoveWarmUp.run(WARM_UP_MOVES, wiring.clock(), System::nanoTime,
            wiring.programming()::rehearse);
        LOG.info("Move path warmed up with {} synthetic moves in {} ms", WARM_UP_MOVES, warmUp.toMillis());
    }

    private void wire(final Wiring wiring, final MobilityStatePublisher.Published published) {
        final var clock = wiring.clock();
        final var programming = wiring.programming();
        final var directory = wiring.directory();
        final var dataplane = wiring.dataplane();
        final var restored = RestoredMobility.state(published.locations(), published.migrations(), clock.instant());
        LOG.info("Restored {} learned VM locations, {} migration records, {} active redirects",
            restored.locations().size(), restored.migrations().size(), restored.redirects().size());
        // the forwarding states first: the service asks them what changed, the flow source reads the service
        final var states = new ForwardingStates(clock);
        // publishing, notifications and the log lines of moves run on a thread of their own, after the moves'
        // flow-mods were written; decided moves are programmed on the moves thread, at once when no event waits
        // there, else after the events queued, so the moves of a burst (an evacuation) re-synchronise each affected
        // NVE once
        final var service = new MobilityService(clock, System::nanoTime, programming,
            (fabric, state) -> publisher.publish(fabric, state, states::ofport), wiring.notifications(),
            states::changedScopes, restored, publications, moves.programming());
        final var source = new MobilityFlowSource(states, service::current);
        final var rejections = NveCounterPublisher.rejectedAnnouncements(wiring.broker());
        closers.add(rejections::close);
        final var unknownDestinations = NveCounterPublisher.unknownDestinations(wiring.broker());
        closers.add(unknownDestinations::close);
        final var oldLocations = new OldLocationPackets(service, states, wiring.sender());
        final var handler = new MobilityDataplaneHandler(service, programming, wiring.sender(), source, clock,
            rejections::publish, oldLocations::redirectEnded);
        final var subscription = directory.subscribe(service::fabricChanged);
        closers.add(subscription::close);
        programming.useFlowSource(source);
        final var puller = new DestinationPuller(service, states, wiring.sender(), unknownDestinations::publish);
        // the data plane's events are handled on the moves thread, one after another, not on the OpenFlow I/O
        // threads: a burst of moves (an evacuation) does not hold up the barrier replies of every switch
        for (var kind : PacketKind.values()) {
            closers.add(dataplane.register(kind, packetIn -> onMovesThread(() -> {
                handler.packetIn(packetIn);
                puller.packetIn(packetIn);
                oldLocations.packetIn(packetIn);
            }))::close);
        }
        closers.add(dataplane.addListener(new DataplaneListener() {
            @Override
            public void flowExpired(final FlowExpiry expiry) {
                onMovesThread(() -> {
                    handler.flowExpired(expiry);
                    puller.flowExpired(expiry);
                });
            }

            @Override
            public void portChanged(final PortChange change) {
                onMovesThread(() -> handler.portChanged(change));
            }
        })::close);
        closers.add(wiring.rpcProvider().registerRpcImplementations(
            new MigrateVmRpc(directory, wiring.connections(), service, states),
            new MigrateVmsRpc(directory, wiring.connections(), service, states),
            new ClearDuplicateAddressRpc(service))::close);
        LOG.info("NVA mobility started");
    }

    /** Runs a data plane event's handling on the moves thread; a handler that fails is logged, the thread lives. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void onMovesThread(final Runnable handling) {
        moves.execute(() -> {
            try {
                handling.run();
            } catch (RuntimeException e) {
                LOG.warn("Handling a data plane event failed", e);
            }
        });
    }

    @Deactivate
    @Override
    public void close() {
        synchronized (closers) {
            closed = true;
            starter.shutdown();
            moves.close();
            publications.shutdown();
            closers.reversed().forEach(Runnable::run);
        }
        publisher.close();
        LOG.info("NVA mobility stopped");
    }
}
