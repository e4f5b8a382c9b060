/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;

public class FabricSnapshotTest {
    private static final Vni BLUE = new Vni(100);
    private static final Vni RED = new Vni(200);
    private static final Nve N1 = nve("n1", 1, "192.0.2.11");
    private static final Nve N2 = nve("n2", 2, "2001:db8::12");
    private static final Map<Vni, VirtualNetwork> NETWORKS = Map.of(BLUE, network(BLUE), RED, network(RED));
    private static final Map<NveId, Nve> NVES = Map.of(N1.id(), N1, N2.id(), N2);

    private static final Vm BLUE_A = vm("blue-a", BLUE, "02:00:00:00:00:0a", "n1", "198.51.100.1", "2001:db8:1::a");
    private static final Vm BLUE_B = vm("blue-b", BLUE, "02:00:00:00:00:0b", null, "198.51.100.2");
    // same IP and MAC as blue-a, but in another VNI
    private static final Vm RED_A = vm("red-a", RED, "02:00:00:00:00:0a", "n2", "198.51.100.1");

    private static final FabricSnapshot SNAPSHOT = new FabricSnapshot(FabricSettings.DEFAULT, NVES, NETWORKS,
        vms(BLUE_A, BLUE_B, RED_A));

    @Test
    public void looksUpByMacWithinTheVni() {
        final var entry = SNAPSHOT.lookup(BLUE, MacAddress.parse("02:00:00:00:00:0a")).orElseThrow();
        assertEquals(BLUE_A, entry.vm());
        assertEquals(N1, entry.nve());
        assertEquals(RED_A, SNAPSHOT.lookup(RED, MacAddress.parse("02:00:00:00:00:0a")).orElseThrow().vm());
    }

    @Test
    public void looksUpByIpWithinTheVni() {
        final var entry = SNAPSHOT.lookup(BLUE, IpAddress.parse("2001:db8:1::a")).orElseThrow();
        assertEquals(BLUE_A, entry.vm());
        assertEquals(N1, entry.nve());
    }

    @Test
    public void sameIpInTwoVnisResolvesToEachVnisVm() {
        final var ip = IpAddress.parse("198.51.100.1");
        final var blue = SNAPSHOT.lookup(BLUE, ip).orElseThrow();
        final var red = SNAPSHOT.lookup(RED, ip).orElseThrow();
        assertEquals(BLUE_A, blue.vm());
        assertEquals(N1, blue.nve());
        assertEquals(RED_A, red.vm());
        assertEquals(N2, red.nve());
    }

    @Test
    public void unplacedVmHasNoNve() {
        final var entry = SNAPSHOT.lookup(BLUE, IpAddress.parse("198.51.100.2")).orElseThrow();
        assertEquals(BLUE_B, entry.vm());
        assertNull(entry.nve());
    }

    @Test
    public void missesAreEmpty() {
        assertFalse(SNAPSHOT.lookup(RED, IpAddress.parse("198.51.100.2")).isPresent());
        assertFalse(SNAPSHOT.lookup(RED, MacAddress.parse("02:00:00:00:00:0b")).isPresent());
        assertFalse(SNAPSHOT.lookup(new Vni(300), IpAddress.parse("198.51.100.1")).isPresent());
        assertFalse(SNAPSHOT.lookup(BLUE, IpAddress.parse("198.51.100.3")).isPresent());
    }

    @Test
    public void indexesNvesAndVms() {
        assertEquals(N2, SNAPSHOT.nveByDatapath(new DatapathId(2)).orElseThrow());
        assertFalse(SNAPSHOT.nveByDatapath(new DatapathId(3)).isPresent());
        assertEquals(N1, SNAPSHOT.nve(new NveId("n1")).orElseThrow());
        assertEquals(RED_A, SNAPSHOT.vm(new VmId("red-a")).orElseThrow());
        assertFalse(SNAPSHOT.vm(new VmId("red-b")).isPresent());
        assertEquals(3, SNAPSHOT.vms().size());
    }

    @Test
    public void isImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> SNAPSHOT.vms().clear());
        assertThrows(UnsupportedOperationException.class, () -> SNAPSHOT.nves().remove(N1.id()));
    }

    @Test
    public void rejectsDuplicateMacInOneVni() {
        final var twin = vm("blue-twin", BLUE, "02:00:00:00:00:0a", null, "198.51.100.9");
        final var ex = assertThrows(IllegalArgumentException.class,
            () -> new FabricSnapshot(FabricSettings.DEFAULT, NVES, NETWORKS, vms(BLUE_A, twin)));
        assertTrue(ex.getMessage(), ex.getMessage().startsWith("MAC"));
    }

    @Test
    public void rejectsDuplicateIpInOneVni() {
        final var twin = vm("blue-twin", BLUE, "02:00:00:00:00:0c", null, "2001:db8:1::a");
        final var ex = assertThrows(IllegalArgumentException.class,
            () -> new FabricSnapshot(FabricSettings.DEFAULT, NVES, NETWORKS, vms(BLUE_A, twin)));
        assertTrue(ex.getMessage(), ex.getMessage().startsWith("IP"));
    }

    @Test
    public void rejectsVmInMissingVni() {
        final var lost = vm("lost", new Vni(300), "02:00:00:00:00:0c", null);
        final var ex = assertThrows(IllegalArgumentException.class,
            () -> new FabricSnapshot(FabricSettings.DEFAULT, NVES, NETWORKS, vms(lost)));
        assertTrue(ex.getMessage(), ex.getMessage().contains("missing VNI 300"));
    }

    @Test
    public void rejectsVmOnMissingNve() {
        final var lost = vm("lost", BLUE, "02:00:00:00:00:0c", "n9");
        final var ex = assertThrows(IllegalArgumentException.class,
            () -> new FabricSnapshot(FabricSettings.DEFAULT, NVES, NETWORKS, vms(lost)));
        assertTrue(ex.getMessage(), ex.getMessage().contains("missing NVE n9"));
    }

    @Test
    public void rejectsNvesSharingDatapathOrUnderlay() {
        final var sameDpid = nve("n3", 1, "192.0.2.13");
        assertThrows(IllegalArgumentException.class, () -> new FabricSnapshot(FabricSettings.DEFAULT,
            Map.of(N1.id(), N1, sameDpid.id(), sameDpid), NETWORKS, Map.of()));
        final var sameUnderlay = nve("n3", 3, "192.0.2.11");
        assertThrows(IllegalArgumentException.class, () -> new FabricSnapshot(FabricSettings.DEFAULT,
            Map.of(N1.id(), N1, sameUnderlay.id(), sameUnderlay), NETWORKS, Map.of()));
    }

    private static Nve nve(final String id, final long dpid, final String underlay) {
        return new Nve(new NveId(id), new DatapathId(dpid), IpAddress.parse(underlay), Nve.DEFAULT_TUNNEL_PORT);
    }

    private static VirtualNetwork network(final Vni vni) {
        return new VirtualNetwork(vni, "net-" + vni, "tenant", OverlayMode.L2);
    }

    private static Vm vm(final String id, final Vni vni, final String mac, final @Nullable String nve,
            final String... ips) {
        final var addresses = new HashSet<IpAddress>();
        for (var ip : ips) {
            addresses.add(IpAddress.parse(ip));
        }
        return new Vm(new VmId(id), vni, MacAddress.parse(mac), Set.copyOf(addresses),
            nve == null ? null : new NveId(nve), null);
    }

    private static Map<VmId, Vm> vms(final Vm... vms) {
        final var map = new HashMap<VmId, Vm>();
        for (var vm : vms) {
            map.put(vm.id(), vm);
        }
        return map;
    }
}
