/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.IpFrames.ICMP;
import static org.nvo3.nva.impl.mobility.IpFrames.ICMPV6;
import static org.nvo3.nva.impl.mobility.IpFrames.UDP;
import static org.nvo3.nva.impl.mobility.IpFrames.UDP_DATAGRAM;
import static org.nvo3.nva.impl.mobility.IpFrames.ipv4;
import static org.nvo3.nva.impl.mobility.IpFrames.ipv6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB1;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB1_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB1_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.DB2_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.GATEWAY_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.N2;
import static org.nvo3.nva.impl.mobility.RoutedFabric.N3;
import static org.nvo3.nva.impl.mobility.RoutedFabric.TUNNEL;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W1_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2_MAC;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.W2_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_GATEWAY_V4;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_GATEWAY_V6;
import static org.nvo3.nva.impl.mobility.RoutedFabric.WEB_OTHER_GATEWAY_V4;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.OldLocationPolicy;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.dataplane.Frame;
import org.nvo3.nva.impl.dataplane.PacketIn;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.Ports;
import org.nvo3.nva.impl.dataplane.PuntReason;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.flow.Redirect;
import org.nvo3.nva.impl.mobility.OldLocationAnswer.Unanswered;
import org.nvo3.nva.impl.mobility.OldLocationAnswer.Unreachable;
import org.nvo3.nva.impl.packet.DestinationUnreachableFrames;
import org.nvo3.nva.impl.packet.EtherTypes;
import org.nvo3.nva.impl.packet.EthernetHeader;
import org.nvo3.nva.impl.packet.FrameParser;
import org.nvo3.nva.impl.packet.OtherPacket;

/**
 * The ICMP errors NVA sends for packets still sent to w2 after it moved from n2 to n3 (old-location-policy
 * icmp-unreachable), as exact packet-outs into n2: over the overlay to the sender's NVE with the sender's VNI,
 * or out of its port when it is on n2; from the gateway address of w2's subnet and the gateway MAC, to the
 * sender's MAC also when the packet was routed (its Ethernet source was the gateway MAC).
 */
public class OldLocationResponderTest {
    private static final DatapathId N2_SWITCH = new DatapathId(0xb002);
    private static final IpAddress N1_UNDERLAY = IpAddress.parse("192.0.2.1");
    private static final long DB2_PORT = 6;

    private static ForwardingState movedW2(final FabricSnapshot fabric) {
        final var location = new VmLocation(W2, N3, new PortName("w2-new"), 2, MoveTrigger.GRATUITOUS_ARP,
            Instant.parse("2026-11-22T10:00:00Z"), false);
        return new ForwardingState(fabric, Map.of(W2, location), RoutedFabric.ports(),
            Set.of(new Redirect(W2, N2, 30)));
    }

    private static OldLocationAnswer answer(final FabricSnapshot fabric, final long inPort, final Vni vni,
            final byte[] frame) {
        return OldLocationResponder.answer(movedW2(fabric), new PacketIn(N2_SWITCH, N2, PipelineTable.REDIRECT.id(),
            inPort, 0x20, PuntReason.ACTION, Frame.of(frame), (long) vni.value()));
    }

    private static OldLocationAnswer answer(final byte[] frame) {
        return answer(RoutedFabric.fabric(), TUNNEL, WEB, frame);
    }

    /** The error DestinationUnreachableFrames builds, addressed to a VM's MAC. */
    private static Frame error(final byte[] offending, final IpAddress gateway, final MacAddress to)
            throws Exception {
        final var error = gateway.isIpv6()
            ? DestinationUnreachableFrames.ipv6AddressUnreachable(offending, GATEWAY_MAC, gateway).orElseThrow()
            : DestinationUnreachableFrames.ipv4HostUnreachable(offending, GATEWAY_MAC, gateway).orElseThrow();
        System.arraycopy(to.toBytes(), 0, error, 0, 6);
        return Frame.of(error);
    }

    private static PacketOut overTheOverlay(final Vni vni, final IpAddress nve, final Frame frame) {
        return new PacketOut(Ports.CONTROLLER, List.of(SetTunnelId.of(vni), new SetTunnelDst(nve),
            new Output(TUNNEL)), false, frame);
    }

    private static Unreachable unreachable(final OldLocationAnswer answer) {
        assertTrue(answer.toString(), answer instanceof Unreachable);
        return (Unreachable) answer;
    }

    private static String unanswered(final OldLocationAnswer answer) {
        assertTrue(answer.toString(), answer instanceof Unanswered);
        return ((Unanswered) answer).why();
    }

    @Test
    public void aRoutedIpv4PacketIsAnsweredToItsSenderInItsOwnVniAtItsNve() throws Exception {
        // db1 (VNI 6002, on n1) to w2 (VNI 6001): routed at n1, so from the gateway MAC to w2's MAC
        final var offending = ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, UDP, UDP_DATAGRAM);
        final var answer = unreachable(answer(offending));

        assertEquals(W2, answer.moved().id());
        assertEquals(DB1, answer.sender().id());
        final var expected = error(offending, WEB_GATEWAY_V4, DB1_MAC);
        assertEquals(overTheOverlay(DB, N1_UNDERLAY, expected), answer.packetOut());

        final var icmp = (OtherPacket) FrameParser.parse(answer.packetOut().frame().bytes());
        assertEquals(new EthernetHeader(DB1_MAC, GATEWAY_MAC, null, EtherTypes.IPV4), icmp.eth());
        assertEquals("w2's subnet's gateway, not the network's first", WEB_GATEWAY_V4, icmp.sourceIp());
        assertEquals(DB1_V4, icmp.destinationIp());
        final var bytes = expected.bytes();
        assertEquals("host unreachable", List.of(3, 1), List.of(bytes[34] & 0xFF, bytes[35] & 0xFF));
        assertArrayEquals("quotes the packet's header and 8 bytes", Arrays.copyOfRange(offending, 14, 42),
            Arrays.copyOfRange(bytes, 42, 70));
    }

    @Test
    public void anIpv4PacketFromTheSameNetworkIsAnsweredToItsSender() throws Exception {
        // w1 (VNI 6001, on n1) to w2 in its own subnet: bridged, from w1's MAC
        final var offending = ipv4(W1_MAC, W2_MAC, W1_V4, W2_V4, UDP, UDP_DATAGRAM);
        final var answer = unreachable(answer(offending));

        assertEquals(W1, answer.sender().id());
        assertEquals(overTheOverlay(WEB, N1_UNDERLAY, error(offending, WEB_GATEWAY_V4, W1_MAC)),
            answer.packetOut());
        final var icmp = (OtherPacket) FrameParser.parse(answer.packetOut().frame().bytes());
        assertEquals(new EthernetHeader(W1_MAC, GATEWAY_MAC, null, EtherTypes.IPV4), icmp.eth());
    }

    @Test
    public void aRoutedIpv6PacketFromASenderOnTheOldNveGoesOutOfItsPort() throws Exception {
        // db2 sent it just before it moved itself, to n2, w2's old NVE: the error leaves n2 by db2's port
        final var offending = ipv6(GATEWAY_MAC, W2_MAC, DB2_V6, W2_V6, UDP, UDP_DATAGRAM);
        final var answer = unreachable(answer(offending));

        assertEquals(DB2, answer.sender().id());
        final var expected = error(offending, WEB_GATEWAY_V6, DB2_MAC);
        assertEquals(new PacketOut(Ports.CONTROLLER, List.of(new Output(DB2_PORT)), false, expected),
            answer.packetOut());
        final var icmp = (OtherPacket) FrameParser.parse(answer.packetOut().frame().bytes());
        assertEquals(new EthernetHeader(DB2_MAC, GATEWAY_MAC, null, EtherTypes.IPV6), icmp.eth());
        assertEquals(WEB_GATEWAY_V6, icmp.sourceIp());
        assertEquals(DB2_V6, icmp.destinationIp());
        final var bytes = expected.bytes();
        assertEquals("address unreachable", List.of(1, 3), List.of(bytes[54] & 0xFF, bytes[55] & 0xFF));
    }

    @Test
    public void anIpv6PacketFromTheSameNetworkIsAnsweredToItsSender() throws Exception {
        final var offending = ipv6(W1_MAC, W2_MAC, W1_V6, W2_V6, UDP, UDP_DATAGRAM);
        final var answer = unreachable(answer(offending));

        assertEquals(W1, answer.sender().id());
        assertEquals(overTheOverlay(WEB, N1_UNDERLAY, error(offending, WEB_GATEWAY_V6, W1_MAC)),
            answer.packetOut());
    }

    @Test
    public void aDestinationOutsideTheSubnetsIsAnsweredFromTheNetworksFirstGatewayOfItsFamily() throws Exception {
        final var offending = ipv4(W1_MAC, W2_MAC, W1_V4, IpAddress.parse("192.0.2.99"), UDP, UDP_DATAGRAM);
        final var icmp = (OtherPacket) FrameParser.parse(unreachable(answer(offending)).packetOut().frame().bytes());
        assertEquals(WEB_OTHER_GATEWAY_V4, icmp.sourceIp());
    }

    @Test
    public void anIcmpErrorIsNeverAnsweredWithOne() throws Exception {
        final var why = unanswered(answer(ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, ICMP,
            IpFrames.ICMP_UNREACHABLE)));
        assertTrue(why, why.contains("must not be answered with an ICMP error"));
        assertTrue(unanswered(answer(ipv6(W1_MAC, W2_MAC, W1_V6, W2_V6, ICMPV6, IpFrames.ICMPV6_UNREACHABLE)))
            .contains("must not be answered with an ICMP error"));
        // an echo request is no error: answered
        assertEquals(DB1, unreachable(answer(ipv4(GATEWAY_MAC, W2_MAC, DB1_V4, W2_V4, ICMP, IpFrames.ICMP_ECHO)))
            .sender().id());
    }

    @Test
    public void aSenderThatIsNoVmOfTheDomainGetsNothing() {
        // an address nobody in the domain has (traffic from outside, or spoofed)
        final var stranger = unanswered(answer(ipv4(GATEWAY_MAC, W2_MAC, IpAddress.parse("203.0.113.77"), W2_V4,
            UDP, UDP_DATAGRAM)));
        assertEquals("no VM of routing domain tenant-a has its source address 203.0.113.77", stranger);
        // w1's address from another MAC, bridged: not w1's packet
        final var spoofed = unanswered(answer(ipv4(DB1_MAC, W2_MAC, W1_V4, W2_V4, UDP, UDP_DATAGRAM)));
        assertTrue(spoofed, spoofed.startsWith("its source 02:00:00:00:62:01 198.51.100.1 is not VM w1"));
    }

    @Test
    public void onlyAnL3NetworkWithIcmpUnreachableOnTheVxlanPortIsAnswered() {
        final var offending = ipv4(W1_MAC, W2_MAC, W1_V4, W2_V4, UDP, UDP_DATAGRAM);
        assertEquals("the old-location-policy of VNI 6001 is REDIRECT",
            unanswered(answer(RoutedFabric.fabric(OldLocationPolicy.REDIRECT), TUNNEL, WEB, offending)));
        assertTrue(unanswered(answer(RoutedFabric.fabric(), 5, WEB, offending))
            .startsWith("it did not arrive on the VXLAN port vxlan0"));
        assertEquals("no VM has MAC 02:00:00:00:61:02 in VNI 6002",
            unanswered(answer(RoutedFabric.fabric(), TUNNEL, DB, offending)));
        assertTrue(unanswered(answer(Arrays.copyOf(offending, 30))).startsWith("it is malformed"));
    }
}
