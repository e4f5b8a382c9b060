/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;


import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.impl.flow.FakePipeline;
import org.nvo3.nva.impl.flow.FakePipeline.Packet;
import org.nvo3.nva.impl.flow.FakePipeline.Sent;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.NvePorts;

/**
 * migrate-vm with {@code ofport}: the target NVE delivers to the announced VM and forwards its frames on the
 * requested port number before the switch describes the port, and the port's arrival with that number changes
 * none of its flows; a port that comes with another number is compiled with its own.
 */
public class RequestedPortNumberTest {
    private static final long TUNNEL = 1;
    private static final long METER = 1;
    private static final MacAddress VM1_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress VM2_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final PortName NEW_PORT = new PortName("vm2-mig");
    private static final Map<NveId, NvePorts> PORTS = MobilityFabric.ports();

    private final RecordingNves nves = new RecordingNves(new ArrayList<>(), true);
    private MobilityService service;
    private ForwardingStates states;
    private MobilityFlowSource source;

    @Before
    public void start() {
        final var wired = MobilityFabric.wire(Clock.fixed(T0, ZoneOffset.UTC), nves);
        service = wired.service();
        states = wired.states();
        source = wired.source();
        service.fabricChanged(fabric());
        PORTS.forEach((nve, ports) -> source.desired(nve, ports, METER));
    }

    @Test
    public void theTargetDeliversOnTheRequestedNumberBeforeThePortIsDescribed() {
        states.requested(N3, NEW_PORT, 42);
        assertEquals("", service.announce(VM2, N3, NEW_PORT).refusal());

        final var n3 = n3Flows(PORTS.get(N3));

        assertEquals("a frame for vm2 arriving over the overlay leaves on port 42", List.of(42L),
            n3.process(Packet.ethernet(TUNNEL, VM1_MAC, VM2_MAC).arrivingOverTunnel(TUNNEL, 5001)).sent().stream()
                .map(Sent::port).toList());
        final var fromVm2 = n3.process(Packet.ethernet(42, VM2_MAC, VM1_MAC)).sent();
        assertEquals("vm2's frame from port 42 goes to vm1's NVE with VNI 5001",
            List.of(IpAddress.parse("192.0.2.1")), fromVm2.stream().map(Sent::tunDst).toList());
        assertEquals(5001, fromVm2.getFirst().tunId());
    }

    @Test
    public void withoutARequestTheTargetWaitsForThePort() {
        assertEquals("", service.announce(VM2, N3, NEW_PORT).refusal());

        final var n3 = n3Flows(PORTS.get(N3));

        assertTrue(n3.process(Packet.ethernet(TUNNEL, VM1_MAC, VM2_MAC).arrivingOverTunnel(TUNNEL, 5001)).sent()
            .stream().noneMatch(sent -> sent.port() == 42));
        assertTrue("nothing forwards vm2's frames from an undescribed port",
            n3.process(Packet.ethernet(42, VM2_MAC, VM1_MAC)).sent().isEmpty());
    }

    @Test
    public void thePortArrivingWithTheRequestedNumberChangesNoFlow() {
        states.requested(N3, NEW_PORT, 42);
        service.announce(VM2, N3, NEW_PORT);
        final var before = source.desired(N3, PORTS.get(N3), METER);

        final var after = source.desired(N3, withPort(PORTS.get(N3), NEW_PORT, 42), METER);

        assertTrue("no flow-mod at the port's arrival: " + FlowDiff.between(after, before),
            FlowDiff.between(after, before).isEmpty());
        assertEquals(new HashSet<FlowEntry>(before), new HashSet<FlowEntry>(after));
    }

    @Test
    public void aPortArrivingWithAnotherNumberIsCompiledWithItsOwn() {
        states.requested(N3, NEW_PORT, 42);
        service.announce(VM2, N3, NEW_PORT);

        final var n3 = new FakePipeline(source.desired(N3, withPort(PORTS.get(N3), NEW_PORT, 43), METER));

        assertEquals(List.of(43L), n3.process(Packet.ethernet(TUNNEL, VM1_MAC, VM2_MAC)
            .arrivingOverTunnel(TUNNEL, 5001)).sent().stream().map(Sent::port).toList());
        assertTrue("the requested number is no longer vm2's",
            n3.process(Packet.ethernet(42, VM2_MAC, VM1_MAC)).sent().isEmpty());
    }

    @Test
    public void aNumberAnotherPortHasIsNotTaken() {
        // n3's port vm2-new has number 7
        states.requested(N3, NEW_PORT, 7);
        service.announce(VM2, N3, NEW_PORT);

        final List<FlowEntry> flows = source.desired(N3, PORTS.get(N3), METER);

        assertTrue(new FakePipeline(flows).process(Packet.ethernet(TUNNEL, VM1_MAC, VM2_MAC)
            .arrivingOverTunnel(TUNNEL, 5001)).sent().stream().noneMatch(sent -> sent.port() == 7));
    }

    private FakePipeline n3Flows(final NvePorts described) {
        return new FakePipeline(source.desired(N3, described, METER));
    }

    private static NvePorts withPort(final NvePorts ports, final PortName port, final long number) {
        final var numbers = new HashMap<>(ports.ofports());
        numbers.put(port, number);
        return new NvePorts(numbers);
    }
}
