/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.await;
import static org.nvo3.nva.impl.southbound.SouthboundFixture.failureOf;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.dataplane.DataplaneListener;
import org.nvo3.nva.impl.dataplane.ExpiryReason;
import org.nvo3.nva.impl.dataplane.FlowExpiry;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.NotConnectedException;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketKind;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.PortChangeKind;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.dataplane.TestFrames;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The data plane through the whole southbound: emulated switches, the directory's standard fabric
 * (n1 is datapath 1), packet-ins to handlers, flow removals and port changes to listeners, packet-outs to
 * the switch, and the punt meter on the table-miss flow that punts.
 */
public class SouthboundDataplaneTest extends AbstractSouthboundComponentTest {
    private static final NveId N1 = new NveId("n1");


    @Test
    public void theTableMissThatPuntsUsesThePuntMeter() throws Exception {
        try (var n1 = connectSynced(EmulatedSwitch.builder(clients, southbound.address(), 1))) {
            assertTrue(n1.meters().meter(PuntMeterSettings.METER_ID).isPresent());
            assertEquals(List.of(PuntMeterSettings.METER_ID), meterIdsOfTable0(n1));
        }
    }

    @Test
    public void aSwitchWithoutMetersIsSyncedWithoutOne() throws Exception {
        try (var n1 = connectSynced(EmulatedSwitch.builder(clients, southbound.address(), 1).maxMeter(0))) {
            assertEquals(List.of(), meterIdsOfTable0(n1));
            assertEquals(n1Flows(), n1.table().flows().size());
        }
    }

    @Test
    public void packetInsReachTheHandlerOfTheirKindWithTheBoundNve() throws Exception {
        final BlockingQueue<PacketIn> arps = new LinkedBlockingQueue<>();
        southbound.register(PacketKind.RARP, packet -> {
            throw new IllegalStateException("a handler bug");
        });
        southbound.register(PacketKind.ARP, arps::add);
        try (var n1 = connectSynced(EmulatedSwitch.builder(clients, southbound.address(), 1));
             var stranger = EmulatedSwitch.builder(clients, southbound.address(), 0x77).connect()) {
            n1.injectPacketIn(OFPacketInReason.NO_MATCH, 0, 0, 2, TestFrames.rarp());
            n1.injectPacketIn(OFPacketInReason.NO_MATCH, 0, 0, 2, TestFrames.ipv4());
            n1.injectPacketIn(OFPacketInReason.ACTION, 10, 0xC0FFEEL, 2, TestFrames.arpRequest());
            final var arp = take(arps);
            assertEquals(new DatapathId(1), arp.datapathId());
            assertEquals(N1, arp.nve());
            assertEquals(2, arp.inPort());
            assertEquals(10, arp.tableId());
            assertEquals(0xC0FFEEL, arp.cookie());
            assertEquals(PuntReason.ACTION, arp.reason());
            assertEquals(PacketKind.ARP, arp.kind());
            assertArrayEquals(TestFrames.arpRequest(), arp.frame().bytes());
            assertEquals("the failing RARP handler was counted", 1,
                southbound.dispatcher().failures(PacketKind.RARP));
            assertEquals("the IPv4 packet had no handler", 1, southbound.dispatcher().unhandled(PacketKind.OTHER));

            fixture.signal().await("stranger connected", () -> row("dpid:0000000000000077").isPresent());
            stranger.injectPacketIn(5, TestFrames.arpRequest());
            final var fromStranger = take(arps);
            assertEquals(new DatapathId(0x77), fromStranger.datapathId());
            assertNull("a switch fabric/nve does not name", fromStranger.nve());
            assertEquals(PuntReason.TABLE_MISS, fromStranger.reason());
        }
    }

    @Test
    public void flowRemovalsAndPortChangesReachTheListeners() throws Exception {
        final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        southbound.addListener(new DataplaneListener() {
            @Override
            public void flowExpired(final FlowExpiry expiry) {
                heard.add(expiry);
            }

            @Override
            public void portChanged(final PortChange change) {
                heard.add(change);
            }
        });
        try (var n1 = connectSynced(EmulatedSwitch.builder(clients, southbound.address(), 1))) {
            n1.injectFlowRemoved(OFFlowRemovedReason.HARD_TIMEOUT, 20, 300, 0xBEEFL, 12, 1200, 30);
            final var expiry = (FlowExpiry) take(heard);
            assertEquals(N1, expiry.nve());
            assertEquals(20, expiry.tableId());
            assertEquals(300, expiry.priority());
            assertEquals(0xBEEFL, expiry.cookie());
            assertEquals(ExpiryReason.HARD_TIMEOUT, expiry.reason());
            assertEquals(12, expiry.packetCount());

            n1.injectPortStatus(OFPortReason.ADD, new SwitchPort(5, "vm5", MacAddress.parse("02:00:00:00:00:05")));
            final var change = (PortChange) take(heard);
            assertEquals(new PortChange(new DatapathId(1), N1, PortChangeKind.ADDED, 5, "vm5", true),
                change.receivedAt(0));
            assertTrue("stamped with its receipt time", change.receivedNanos() != 0);
        }
    }

    @Test
    public void packetOutsReachTheSwitchAndUnconnectedTargetsFailClearly() throws Exception {
        try (var n1 = connectSynced(EmulatedSwitch.builder(clients, southbound.address(), 1))) {
            final var frame = Frame.of(TestFrames.arpRequest());
            await(southbound.send(N1, PacketOut.toPort(2, frame)));
            final var packetOut = n1.awaitPacketOut();
            assertEquals(OFPort.CONTROLLER, packetOut.getInPort());
            assertEquals(1, packetOut.getActions().size());
            assertEquals("output:2", packetOut.getActions().getFirst().toString().replaceAll(".*port=(\\d+).*",
                "output:$1"));
            assertArrayEquals(frame.bytes(), packetOut.getData());

            // handed back to the pipeline, arriving on port 2
            await(southbound.send(new DatapathId(1), new PacketOut(2, List.of(), true, frame)));
            assertEquals(OFPort.of(2), n1.awaitPacketOut().getInPort());

            final var notBound = failureOf(southbound.send(new NveId("n2"), PacketOut.toPort(2, frame)),
                NotConnectedException.class);
            assertTrue(notBound.getMessage(), notBound.getMessage().contains("n2"));
            final var unknown = failureOf(southbound.send(new NveId("nowhere"), PacketOut.toPort(2, frame)),
                NotConnectedException.class);
            assertTrue(unknown.getMessage(), unknown.getMessage().contains("not in fabric/nve"));
            final var noSwitch = failureOf(southbound.send(new DatapathId(0x99), PacketOut.toPort(2, frame)),
                NotConnectedException.class);
            assertTrue(noSwitch.getMessage(), noSwitch.getMessage().contains("0000000000000099"));
        }
    }

    private EmulatedSwitch connectSynced(final EmulatedSwitch.Builder builder) throws Exception {
        final var emulated = builder.connect();
        fixture.signal().await("n1 synced", () -> row("n1").map(Nve::getFlowCount).isPresent()
            && row("n1").orElseThrow().getLastSync() != null
            && row("n1").orElseThrow().getFlowCount().intValue() == n1Flows());
        return emulated;
    }

    private static List<Long> meterIdsOfTable0(final EmulatedSwitch emulated) {
        return emulated.table().flows().stream()
            .filter(flow -> flow.table().getValue() == PipelineTable.CLASSIFY.id())
            .flatMap(flow -> flow.instructions().stream())
            .filter(OFInstructionMeter.class::isInstance)
            .map(instruction -> ((OFInstructionMeter) instruction).getMeterId())
            .toList();
    }

    private static <T> T take(final BlockingQueue<T> queue) throws InterruptedException {
        final var item = queue.poll(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("nothing within " + RecordingListener.WAIT_SECONDS + " s");
        }
        return item;
    }
}
