/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Real frames captured with tcpdump between two Linux network namespaces (see capture.sh beside the
 * pcap files in the test resources: host a is 02:00:5e:10:00:0a, 198.51.100.10, 2001:db8:7::10; host b
 * is 02:00:5e:10:00:0b, 198.51.100.11, 2001:db8:7::11), a RARP self-announcement laid out by hand as
 * QEMU's net/announce.c writes it, and 802.1Q-tagged variants made by inserting a tag.
 */
final class CapturedFrames {
    /** a asks who has 198.51.100.11 (broadcast, 42 bytes, no padding). */
    static final int ARP_REQUEST = 0;
    /** b answers 198.51.100.11 is at 02:00:5e:10:00:0b. */
    static final int ARP_REPLY = 1;
    /** a solicits 2001:db8:7::11 at ff02::1:ff00:11, with its source link-layer address. */
    static final int NEIGHBOR_SOLICITATION = 2;
    /** b advertises 2001:db8:7::11, solicited and override, with its target link-layer address. */
    static final int NEIGHBOR_ADVERTISEMENT = 3;
    /** a pings b over IPv6 (ICMPv6 echo request, hop limit 64). */
    static final int ICMPV6_ECHO_REQUEST = 4;
    /** arping -U: gratuitous request for 198.51.100.10, target MAC ff:ff:ff:ff:ff:ff, padded to 58 bytes. */
    static final int GRATUITOUS_REQUEST = 6;
    /** arping -S 0.0.0.0: an RFC 5227 probe for 198.51.100.11, padded to 58 bytes. */
    static final int ARP_PROBE = 7;
    /** b answers the probe, to 0.0.0.0 at a's MAC. */
    static final int ARP_PROBE_REPLY = 8;
    /** b's router solicitation from fe80::5eff:fe10:b to ff02::2. */
    static final int ROUTER_SOLICITATION = 9;
    /** b solicits 2001:db8:7::10 unicast from its link-local address, with its source link-layer address. */
    static final int UNICAST_SOLICITATION = 11;
    /** a answers that unicast solicitation: solicited only, no target link-layer address option. */
    static final int ADVERTISEMENT_WITHOUT_OPTION = 13;

    /**
     * QEMU's announcement of a VM with MAC 52:54:00:12:34:56 after a live migration: broadcast, ethertype
     * 0x8035, Ethernet/IPv4 lengths, operation 3, sender = target = the VM's MAC, IPs 0.0.0.0, zero padding
     * to 60 bytes (net/announce.c announce_self_create; DPDK's rte_net_make_rarp_packet writes the same).
     */
    static final byte[] QEMU_RARP = hex("ffffffffffff" + "525400123456" + "8035"
        + "0001" + "0800" + "06" + "04" + "0003"
        + "525400123456" + "00000000" + "525400123456" + "00000000"
        + "00".repeat(18));

    private static final List<byte[]> ARP_ND = read("arp-nd-capture.pcap");
    private static final List<byte[]> GRATUITOUS_REPLY = read("garp-reply-capture.pcap");
    private static final int PCAP_MAGIC = 0xa1b2c3d4;
    private static final int PCAP_HEADER_LENGTH = 24;

    private CapturedFrames() {
        // no instances
    }

    static byte[] frame(final int index) {
        return ARP_ND.get(index).clone();
    }

    static int count() {
        return ARP_ND.size();
    }

    /** arping -U -P: gratuitous reply for 198.51.100.10, target MAC ff:ff:ff:ff:ff:ff, padded to 58 bytes. */
    static byte[] gratuitousReply() {
        return GRATUITOUS_REPLY.get(0).clone();
    }

    static byte[] hex(final String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * Inserts an 802.1Q tag after the MAC addresses, as a switch port tagging the frame would.
     */
    static byte[] tagged(final byte[] frame, final int tci) {
        final var tagged = ByteBuffer.allocate(frame.length + 4);
        tagged.put(frame, 0, 12).putShort((short) 0x8100).putShort((short) tci).put(frame, 12, frame.length - 12);
        return tagged.array();
    }

    private static List<byte[]> read(final String name) {
        try (InputStream in = CapturedFrames.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            final var file = ByteBuffer.wrap(in.readAllBytes());
            file.order(file.getInt(0) == PCAP_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            if (file.getInt(0) != PCAP_MAGIC || file.getInt(20) != 1) {
                throw new IllegalStateException(name + " is not a pcap file of Ethernet frames");
            }
            final var frames = new ArrayList<byte[]>();
            file.position(PCAP_HEADER_LENGTH);
            while (file.hasRemaining()) {
                file.position(file.position() + 8);
                final int captured = file.getInt();
                final int original = file.getInt();
                if (captured != original) {
                    throw new IllegalStateException(name + " holds a frame cut short by the snapshot length");
                }
                final var frame = new byte[captured];
                file.get(frame);
                frames.add(frame);
            }
            return List.copyOf(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toHex(final byte[] frame) {
        return HexFormat.of().formatHex(frame);
    }

    static byte[] prefix(final byte[] frame, final int length) {
        return Arrays.copyOf(frame, length);
    }
}
