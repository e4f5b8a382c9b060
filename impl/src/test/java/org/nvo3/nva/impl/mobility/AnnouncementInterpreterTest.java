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
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.packet.ArpFrames;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.MalformedPacketException;
import org.nvo3.nva.impl.packet.NeighborDiscoveryFrames;
import org.nvo3.nva.impl.packet.RarpFrames;

public class AnnouncementInterpreterTest {
    private static final MacAddress VM2_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final IpAddress VM2_IP = IpAddress.parse("10.0.0.2");
    private static final PortName NEW_PORT = new PortName("vm2-new");

    @Test
    public void aGratuitousArpFromANewPortClaimsTheVm() throws Exception {
        final var claim = claim(interpret(N3, NEW_PORT, null, ArpFrames.gratuitous(VM2_MAC, VM2_IP, null)));
        assertEquals(new MoveRequest(VM2, N3, NEW_PORT, MoveTrigger.GRATUITOUS_ARP, T0), claim);
    }

    @Test
    public void aRarpSelfAnnouncementClaimsTheVmByItsMacAlone() throws Exception {
        final var claim = claim(interpret(N3, NEW_PORT, null, RarpFrames.selfAnnouncement(VM2_MAC, null)));
        assertEquals(MoveTrigger.RARP, claim.trigger());
        assertEquals(VM2, claim.vm());
    }

    @Test
    public void anUnsolicitedNeighbourAdvertisementClaimsTheVm() throws Exception {
        final var ipv6 = IpAddress.parse("2001:db8:1::2");
        final var fabric = fabric();
        final var vms = new java.util.HashMap<>(fabric.vms());
        final var vm2 = vms.get(VM2);
        vms.put(VM2, new Vm(VM2, vm2.vni(), vm2.mac(), java.util.Set.of(VM2_IP, ipv6), vm2.nve(), vm2.port()));
        final var withIpv6 = new org.nvo3.nva.api.FabricSnapshot(fabric.settings(), fabric.nves(), fabric.networks(),
            vms);
        final var packet = FrameParser.parse(NeighborDiscoveryFrames.unsolicitedAdvertisement(VM2_MAC, ipv6, null));
        final var result = AnnouncementInterpreter.interpret(withIpv6, MobilityState.EMPTY,
            withIpv6.nve(N3).orElseThrow(), NEW_PORT, null, packet, T0);
        assertEquals(MoveTrigger.UNSOLICITED_NA, claim(result).trigger());
    }

    @Test
    public void theUnsolicitedAdvertisementOfALinkLocalAddressClaimsTheVmByItsMac() throws Exception {
        final var linkLocal = IpAddress.parse("fe80::2");
        final var claim = claim(interpret(N3, NEW_PORT, null,
            NeighborDiscoveryFrames.unsolicitedAdvertisement(VM2_MAC, linkLocal, null)));
        assertEquals(VM2, claim.vm());
        assertEquals(MoveTrigger.UNSOLICITED_NA, claim.trigger());
    }

    @Test
    public void anUndeclaredMacIsASpoof() throws Exception {
        final var spoof = spoof(interpret(N3, NEW_PORT, null,
            ArpFrames.gratuitous(MacAddress.parse("02:00:00:00:00:99"), VM2_IP, null)));
        assertEquals("MAC 02:00:00:00:00:99 is not a VM declared in fabric/vm", spoof);
    }

    @Test
    public void anotherVmsIpIsASpoofNamingItsOwner() throws Exception {
        final var spoof = spoof(interpret(N3, NEW_PORT, null,
            ArpFrames.gratuitous(VM2_MAC, IpAddress.parse("10.0.0.4"), null)));
        assertTrue(spoof, spoof.contains("claims IP 10.0.0.4 for MAC 02:00:00:00:00:02"));
        assertTrue(spoof, spoof.contains("but VM vm4's"));
    }

    @Test
    public void aGarpForAVmFromThePortOfAVmInAnotherVniIsASpoof() throws Exception {
        final var vm3 = fabric().vm(VM3).orElseThrow();
        final var spoof = spoof(interpret(N1, new PortName("vm3-eth0"), vm3,
            ArpFrames.gratuitous(VM2_MAC, VM2_IP, null)));
        assertEquals("GRATUITOUS_ARP for VM vm2 (VNI 5001) from port vm3-eth0, which is VM vm3's (VNI 5002)", spoof);
    }

    @Test
    public void theTunnelPortAndUndescribedPortsSayNothing() throws Exception {
        final var garp = ArpFrames.gratuitous(VM2_MAC, VM2_IP, null);
        assertTrue(interpret(N3, new PortName("vxlan0"), null, garp) instanceof Interpretation.Ignored);
        assertTrue(interpret(N3, null, null, garp) instanceof Interpretation.Ignored);
    }

    @Test
    public void aMacSharedByVmsOfTwoVnisIsResolvedByTheAnnouncedPortOrIgnored() throws Exception {
        // vm1 (VNI 5001) and vm3 (VNI 5002) share MAC and IP
        final var rarp = RarpFrames.selfAnnouncement(MacAddress.parse("02:00:00:00:00:01"), null);
        assertTrue(interpret(N3, NEW_PORT, null, rarp) instanceof Interpretation.Ignored);

        final var announced = MobilityTransitions.announce(fabric(), MobilityState.EMPTY, VM3, N3, NEW_PORT, T0);
        final var result = AnnouncementInterpreter.interpret(fabric(), announced.next(), fabric().nve(N3).orElseThrow(),
            NEW_PORT, null, FrameParser.parse(rarp), T0);
        assertEquals(VM3, claim(result).vm());
    }

    private static Interpretation interpret(final NveId nve, final @Nullable PortName port,
            final @Nullable Vm owner, final byte[] frame) throws MalformedPacketException {
        final var fabric = fabric();
        return AnnouncementInterpreter.interpret(fabric, MobilityState.EMPTY, fabric.nve(nve).orElseThrow(), port,
            owner, FrameParser.parse(frame), T0);
    }

    private static MoveRequest claim(final Interpretation interpretation) {
        if (interpretation instanceof Interpretation.Claim(var request)) {
            return request;
        }
        throw new AssertionError("expected a claim, got " + interpretation);
    }

    private static String spoof(final Interpretation interpretation) {
        if (interpretation instanceof Interpretation.Spoof(var reason)) {
            return reason;
        }
        throw new AssertionError("expected a spoof, got " + interpretation);
    }
}
