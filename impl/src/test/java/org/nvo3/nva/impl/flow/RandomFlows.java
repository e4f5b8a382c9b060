/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.IpPrefix;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.EthSrc;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv4DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6Dst;
import org.nvo3.nva.impl.flow.FlowMatchField.Ipv6DstPrefix;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * Random, valid flows for property tests: a pool of keys in four tables, and flow sets drawn from
 * it with varying actions, meters, timeouts and flags (so the same key often differs in content). A host
 * route or an external route (masked destination; both match dl_type IPv4 or IPv6, as a TTL decrement needs)
 * may decrement the TTL.
 */
public final class RandomFlows {
    private RandomFlows() {
        // no instances
    }

    /**
     * Draws flow keys (a key may repeat).
     *
     * @param random the source of randomness
     * @param count how many keys
     * @return the keys
     */
    public static List<FlowKey> keys(final Random random, final int count) {
        final var keys = new ArrayList<FlowKey>();
        for (int i = 0; i < count; i++) {
            final var vni = new TunnelId(1 + random.nextInt(3));
            final var mac = new MacAddress(0x0200_0000_0000L + random.nextInt(16));
            keys.add(switch (random.nextInt(4)) {
                case 0 -> new FlowKey(PipelineTable.L2_DESTINATION, random.nextInt(2),
                    FlowMatch.of(vni, new EthDst(mac)));
                case 1 -> new FlowKey(PipelineTable.REDIRECT, 100, FlowMatch.of(new InPort(1), vni, new EthDst(mac)));
                case 2 -> random.nextBoolean() ? new FlowKey(PipelineTable.L3_HOST_ROUTE, 100, hostRoute(random, vni))
                    : externalRoute(random, vni);
                default -> new FlowKey(PipelineTable.CLASSIFY, 100,
                    FlowMatch.of(new InPort(1 + random.nextInt(4)), new EthSrc(mac)));
            });
        }
        return keys;
    }

    /**
     * Draws a flow set from a key pool: each key present or not, with random content.
     *
     * @param random the source of randomness
     * @param pool the keys
     * @return the flows, at most one per key
     */
    public static List<FlowEntry> flows(final Random random, final List<FlowKey> pool) {
        final var byKey = new HashMap<FlowKey, FlowEntry>();
        for (var key : pool) {
            if (random.nextBoolean()) {
                byKey.put(key, new FlowEntry(key.table(), key.priority(), key.match(), actions(random, key), null,
                    random.nextBoolean() ? null : 1L + random.nextInt(2), random.nextInt(2) * 30,
                    random.nextInt(2) * 10, random.nextBoolean()));
            }
        }
        return List.copyOf(byKey.values());
    }

    private static FlowMatch hostRoute(final Random random, final TunnelId vni) {
        final int host = 1 + random.nextInt(16);
        return random.nextBoolean()
            ? FlowMatch.of(vni, new EthType(EthType.IPV4), new Ipv4Dst(IpAddress.parse("198.51.100." + host)))
            : FlowMatch.of(vni, new EthType(EthType.IPV6), new Ipv6Dst(IpAddress.parse("2001:db8:1::" + host)));
    }

    /** A route to an external prefix of random length, at 10 + its length, as the compiler gives it. */
    private static FlowKey externalRoute(final Random random, final TunnelId vni) {
        final boolean ipv6 = random.nextBoolean();
        final int length = 1 + random.nextInt(ipv6 ? 127 : 31);
        final var network = ipv6 ? IpAddress.parse("2001:db8:ffff::") : IpAddress.parse("203.0.113.0");
        final var bytes = network.toBytes();
        // clear the host bits, then set a random one of the prefix's bits below the documentation prefix
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> bit % 8);
        }
        if (length > (ipv6 ? 48 : 24) && random.nextBoolean()) {
            final int bit = length - 1;
            bytes[bit / 8] |= (byte) (0x80 >>> bit % 8);
        }
        final var prefix = new IpPrefix(IpAddress.fromBytes(bytes), length);
        final var match = ipv6
            ? FlowMatch.of(vni, new EthType(EthType.IPV6), new Ipv6DstPrefix(prefix))
            : FlowMatch.of(vni, new EthType(EthType.IPV4), new Ipv4DstPrefix(prefix));
        return new FlowKey(PipelineTable.L3_HOST_ROUTE, 10 + length, match);
    }

    private static List<FlowAction> actions(final Random random, final FlowKey key) {
        final var output = new Output(1 + random.nextInt(2));
        if (key.match().get(MatchField.ETH_TYPE) != null && random.nextBoolean()) {
            // every ETH_TYPE match drawn here is IPv4 or IPv6
            return List.of(new DecrementTtl(), output);
        }
        return random.nextBoolean() ? List.of() : List.of(output);
    }
}
