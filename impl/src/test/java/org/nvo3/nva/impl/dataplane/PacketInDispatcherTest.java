/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.NveId;

public class PacketInDispatcherTest {
    private static final PacketIn ARP = packetIn(TestFrames.arpRequest());
    private static final PacketIn NS = packetIn(TestFrames.neighbourSolicitation());
    private static final PacketIn RARP = packetIn(TestFrames.rarp());

    private final PacketInDispatcher dispatcher = new PacketInDispatcher();

    @Test
    public void deliversByKind() {
        final var arps = new ArrayList<PacketIn>();
        final var nds = new ArrayList<PacketIn>();
        dispatcher.register(PacketKind.ARP, arps::add);
        dispatcher.register(PacketKind.IPV6_ND, nds::add);
        dispatcher.packetIn(ARP);
        dispatcher.packetIn(NS);
        dispatcher.packetIn(ARP);
        assertEquals(List.of(ARP, ARP), arps);
        assertEquals(List.of(NS), nds);
        assertEquals(0, dispatcher.unhandled(PacketKind.ARP));
    }

    @Test
    public void countsPacketsNobodyHandles() {
        dispatcher.packetIn(RARP);
        dispatcher.packetIn(RARP);
        dispatcher.packetIn(ARP);
        assertEquals(2, dispatcher.unhandled(PacketKind.RARP));
        assertEquals(1, dispatcher.unhandled(PacketKind.ARP));
        assertEquals(0, dispatcher.unhandled(PacketKind.OTHER));
    }

    @Test
    public void closingARegistrationRemovesOnlyIt() {
        final var seen = new ArrayList<String>();
        final Consumer<PacketIn> same = packet -> seen.add("same");
        final var first = dispatcher.register(PacketKind.ARP, same);
        dispatcher.register(PacketKind.ARP, same);
        dispatcher.packetIn(ARP);
        assertEquals(2, seen.size());
        first.close();
        first.close();
        dispatcher.packetIn(ARP);
        assertEquals("the second registration of the same handler still hears", 3, seen.size());
        assertEquals(0, dispatcher.unhandled(PacketKind.ARP));
    }

    @Test
    public void aFailingHandlerDoesNotStopTheOthersOrLaterPackets() {
        final var seen = new ArrayList<PacketIn>();
        dispatcher.register(PacketKind.ARP, packet -> {
            throw new IllegalStateException("handler bug");
        });
        dispatcher.register(PacketKind.ARP, seen::add);
        dispatcher.packetIn(ARP);
        dispatcher.packetIn(ARP);
        assertEquals(2, seen.size());
        assertSame(ARP, seen.get(1));
        assertEquals(2, dispatcher.failures(PacketKind.ARP));
    }

    @Test
    public void listenersHearEveryEventAndSurviveAFailingOne() {
        final var listeners = new DataplaneListeners();
        final var heard = new ArrayList<Object>();
        listeners.add(new DataplaneListener() {
            @Override
            public void packetIn(final PacketIn packetIn) {
                throw new IllegalStateException("listener bug");
            }
        });
        final var registration = listeners.add(new DataplaneListener() {
            @Override
            public void packetIn(final PacketIn packetIn) {
                heard.add(packetIn);
            }

            @Override
            public void portChanged(final PortChange change) {
                heard.add(change);
            }
        });
        final var change = new PortChange(ARP.datapathId(), null, PortChangeKind.DELETED, 3, "vm3", false);
        listeners.packetIn(ARP);
        listeners.portChanged(change);
        assertEquals(List.of(ARP, change), heard);
        registration.close();
        listeners.packetIn(ARP);
        assertEquals(2, heard.size());
    }

    private static PacketIn packetIn(final byte[] frame) {
        return new PacketIn(new DatapathId(1), new NveId("n1"), 0, 2, 0, PuntReason.TABLE_MISS, Frame.of(frame));
    }
}
