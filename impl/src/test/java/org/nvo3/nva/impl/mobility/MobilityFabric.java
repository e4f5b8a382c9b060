/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSettings;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.Nve;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.OverlayMode;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VirtualNetwork;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.NveProgramming;
import org.nvo3.nva.impl.flow.NvePorts;

/**
 * A small fabric for mobility tests: NVEs n1..n3 (n3 with an IPv6 underlay), VNIs 5001 and 5002 with
 * overlapping addresses, vm1 and vm2 in 5001 placed on n1 and n2, vm3 in 5002 placed on n1, vm4 in 5001
 * not placed.
 */
public final class MobilityFabric {
    public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    public static final NveId N1 = new NveId("n1");
    public static final NveId N2 = new NveId("n2");
    public static final NveId N3 = new NveId("n3");
    public static final VmId VM1 = new VmId("vm1");
    public static final VmId VM2 = new VmId("vm2");
    public static final VmId VM3 = new VmId("vm3");
    public static final VmId VM4 = new VmId("vm4");

    private MobilityFabric() {
        // constants and factories only
    }

    public static FabricSnapshot fabric() {
        return fabric(FabricSettings.DEFAULT);
    }

    public static FabricSnapshot fabric(final FabricSettings settings) {
        final var nves = Stream.of(nve("n1", 0xa001, "192.0.2.1"), nve("n2", 0xa002, "192.0.2.2"),
            nve("n3", 0xa003, "2001:db8:ff::3")).collect(Collectors.toMap(Nve::id, Function.identity()));
        final var networks = Stream.of(new VirtualNetwork(new Vni(5001), "blue", "t1", OverlayMode.L2),
                new VirtualNetwork(new Vni(5002), "red", "t2", OverlayMode.L2))
            .collect(Collectors.toMap(VirtualNetwork::vni, Function.identity()));
        final var vms = Stream.of(vm("vm1", 5001, "02:00:00:00:00:01", "10.0.0.1", N1, "vm1-eth0"),
                vm("vm2", 5001, "02:00:00:00:00:02", "10.0.0.2", N2, "vm2-eth0"),
                vm("vm3", 5002, "02:00:00:00:00:01", "10.0.0.1", N1, "vm3-eth0"),
                vm("vm4", 5001, "02:00:00:00:00:04", "10.0.0.4", null, null))
            .collect(Collectors.toMap(Vm::id, Function.identity()));
        return new FabricSnapshot(settings, nves, networks, vms);
    }

    public static FabricSettings settings(final int dadMaxMoves, final boolean requireAnnouncement) {
        return new FabricSettings(30, dadMaxMoves, 180, FabricSettings.DEFAULT.unknownDestination(),
            requireAnnouncement);
    }

    public static MoveRequest garp(final VmId vm, final NveId nve, final String port, final Instant at) {
        return new MoveRequest(vm, nve, new PortName(port), MoveTrigger.GRATUITOUS_ARP, at);
    }

    private static Nve nve(final String id, final long dpid, final String underlay) {
        return new Nve(new NveId(id), new DatapathId(dpid), IpAddress.parse(underlay), Nve.DEFAULT_TUNNEL_PORT);
    }

    private static Vm vm(final String id, final int vni, final String mac, final String ip,
            final @Nullable NveId nve, final @Nullable String port) {
        return new Vm(new VmId(id), new Vni(vni), MacAddress.parse(mac), Set.of(IpAddress.parse(ip)), nve,
            port == null ? null : new PortName(port));
    }

    /** A mobility service, its forwarding states and the flow source reading it, as MobilityComponent wires them. */
    record Wired(MobilityService service, ForwardingStates states, MobilityFlowSource source) {
    }

    /**
     * Wires a mobility service with a flow source, publishing nothing and notifying nobody.
     *
     * @param clock the clock
     * @param nves the southbound
     * @return the service and its flow source
     */
    static Wired wire(final Clock clock, final NveProgramming nves) {
        final var states = new ForwardingStates(clock);
        final var service = new MobilityService(clock, nves, MobilityStateSink.DISCARD, new SilentNotifications(),
            states::changedScopes);
        return new Wired(service, states, new MobilityFlowSource(states, service::current));
    }

    public static Map<VmId, Vm> vms() {
        return fabric().vms();
    }

    /** The ports of the connected NVEs in the forwarding tests: vxlan0 as 1, vm2's new port on n3. */
    static Map<NveId, NvePorts> ports() {
        return Map.of(N1, nvePorts("vm1-eth0", 5L, "vm3-eth0", 6L), N2, nvePorts("vm2-eth0", 5L), N3,
            nvePorts("vm2-new", 7L));
    }

    /**
     * Names a port of {@link #ports()}.
     *
     * @param nve the NVE
     * @param ofport the port number
     * @return its name, or empty
     */
    static Optional<PortName> portName(final NveId nve, final long ofport) {
        return ports().get(nve).ofports().entrySet().stream().filter(entry -> entry.getValue() == ofport)
            .map(Map.Entry::getKey).findFirst();
    }

    private static NvePorts nvePorts(final Object... namesAndNumbers) {
        final var ofports = new HashMap<PortName, Long>();
        ofports.put(Nve.DEFAULT_TUNNEL_PORT, 1L);
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            ofports.put(new PortName((String) namesAndNumbers[i]), (Long) namesAndNumbers[i + 1]);
        }
        return new NvePorts(ofports);
    }
}
