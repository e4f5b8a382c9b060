/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.Registration;
import org.nvo3.nva.impl.flow.FlowCookie;
import org.nvo3.nva.impl.state.NveStatePublisher;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of the connected switches: builds the parts and routes each switch event and directory
 * snapshot to them.
 * <ul>
 *   <li>{@link SwitchBindings}: the switches by datapath id, bound to fabric/nve entries, and state/nve;</li>
 *   <li>{@link NveProgrammer}: when a switch is synchronised, in full or incrementally, each on its
 *       {@link SwitchSyncQueue};</li>
 *   <li>{@link PuntMeterSetup}: the punt meter, set up on connect before the first synchronisation;</li>
 *   <li>{@link DataplaneFanOut}: packet-ins, flow removals and port changes to the data plane listeners;</li>
 *   <li>{@link PacketOutSender}: packet-outs.</li>
 * </ul>
 */
public final class NveSessions implements SwitchListener {
    private static final Logger LOG = LoggerFactory.getLogger(NveSessions.class);

    private final Clock clock;
    private final SwitchBindings bindings;
    private final NveProgrammer programmer;
    private final LongSupplier nanoTime;
    private final PuntMeterSetup puntMeter;
    private final DataplaneFanOut fanOut;
    private final PacketOutSender packetOuts;

    /**
     * Creates sessions.
     *
     * @param state where the NVEs' status goes
     * @param clock the clock
     * @param puntMeter the punt meter
     * @param intentUntilFlowSource whether switches are synchronised to the intent alone until a flow source
     *     is set; if not (the running NVA), a switch that connects before waits for the flow source, so it is
     *     not re-pointed to the intent's placements and back to the learned locations
     */
    public NveSessions(final NveStatePublisher state, final Clock clock, final PuntMeterSettings puntMeter,
            final boolean intentUntilFlowSource) {
        this(state, clock, System::nanoTime, puntMeter, intentUntilFlowSource);
    }

    /**
     * Creates sessions with a monotonic ticker of their own.
     *
     * @param state where the NVEs' status goes
     * @param clock the clock
     * @param nanoTime the monotonic ticker stamping events and flow-mods (migration timelines)
     * @param puntMeter the punt meter
     * @param intentUntilFlowSource whether switches are synchronised to the intent alone until a flow source
     *     is set
     */
    public NveSessions(final NveStatePublisher state, final Clock clock, final LongSupplier nanoTime,
            final PuntMeterSettings puntMeter, final boolean intentUntilFlowSource) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        bindings = new SwitchBindings(state);
        programmer = new NveProgrammer(bindings, clock, intentUntilFlowSource);
        this.puntMeter = new PuntMeterSetup(puntMeter);
        fanOut = new DataplaneFanOut(bindings, nanoTime);
        packetOuts = new PacketOutSender(bindings);
    }

    /**
     * Returns what re-synchronises the NVEs and sets their flow source.
     *
     * @return the programming
     */
    public NveProgramming programming() {
        return programmer;
    }

    /**
     * Returns what sends packet-outs into the switches.
     *
     * @return the sender
     */
    public PacketSender packetOuts() {
        return packetOuts;
    }

    /**
     * Adds a listener for the packet-ins, flow removals and port changes of every connected switch.
     *
     * @param listener the listener
     * @return closing it removes the listener
     */
    public Registration addListener(final DataplaneListener listener) {
        return fanOut.addListener(listener);
    }

    /**
     * Tells whether a switch is connected and bound to this fabric/nve entry.
     *
     * @param id the NVE
     * @return true when connected and bound
     */
    public boolean isBound(final NveId id) {
        return bindings.isBound(id);
    }

    /**
     * A new directory snapshot: re-binds switches and re-synchronises those whose desired flows changed.
     *
     * @param snapshot the snapshot
     */
    public void directoryChanged(final FabricSnapshot snapshot) {
        bindings.snapshotChanged(snapshot);
        programmer.directoryChanged("directory changed");
        bindings.reportUnconnected(snapshot);
    }

    @Override
    public void switchReady(final SwitchConnection connection) {
        final var connected = new ConnectedSwitch(connection, clock, nanoTime);
        bindings.connected(connected);
        programmer.bindAndSync(connected, "connected");
        puntMeter.setUp(connected, () -> programmer.bindAndSync(connected, "connected"));
    }

    @Override
    public void switchDisconnected(final SwitchConnection connection, final String reason) {
        bindings.disconnected(connection, reason);
    }

    @Override
    public void packetIn(final SwitchConnection connection, final OFPacketIn packetIn) {
        fanOut.packetIn(connection, packetIn);
    }

    @Override
    public void flowRemoved(final SwitchConnection connection, final OFFlowRemoved flowRemoved) {
        final var connected = bindings.current(connection);
        if (connected != null && flowRemoved.getReason() != OFFlowRemovedReason.DELETE) {
            // the switch dropped the flow by itself (a redirect's hard timeout): it no longer holds it
            connected.syncQueue().forget(new FlowCookie(flowRemoved.getCookie().getValue()));
        }
        fanOut.flowRemoved(connection, flowRemoved);
    }

    private static void logPortChange(final PortChange change) {
        LOG.info("Port {} ({}) {} on {}", change.portName(), change.portNumber(), change.kind(), change.datapathId());
    }

    @Override
    public void portStatus(final SwitchConnection connection, final OFPortStatus portStatus) {
        final var change = fanOut.portStatus(connection, portStatus);
        if (change != null) {
            final var connected = bindings.current(connection);
            if (connected == null) {
                logPortChange(change);
                return;
            }
            // the VM ports feed the desired flows: the scopes of the VMs on that port (whatever a listener
            // re-synchronised for the change already included them: then this sends nothing but a barrier)
            programmer.portChanged(connected, "port " + change.portName() + " " + change.kind())
                // once the switch answered: a log line is no part of the port's (or a move's) re-synchronisation
                .whenComplete((ignored, failure) -> logPortChange(change));
        }
    }
}
