/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.intent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.FabricBindings.ip;
import static org.nvo3.nva.impl.FabricBindings.mac;
import static org.nvo3.nva.impl.FabricBindings.vni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.Test;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentKind;
import org.nvo3.nva.impl.directory.IntentValidator;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.FabricBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.PortName;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.NveBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.NveKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.SettingsBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetworkKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Vm;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VmBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VmKey;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Property: applying changes one entry at a time to an {@link IntentDraft} always gives what a full
 * recompute from the resulting fabric container gives, and so does validating either.
 */
public class IntentDraftIncrementalTest {
    private static final int ROUNDS = 50;
    private static final int STEPS = 40;

    // small pools, so that conflicts (same MAC, IP, datapath id, port...) are frequent
    private static final List<String> NVE_IDS = List.of("n0", "n1", "n2", "n3");
    private static final List<String> UNDERLAYS = List.of("192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2");
    private static final List<String> BAD_UNDERLAYS = List.of("224.0.0.1", "::1", "0.0.0.0");
    private static final List<Long> VNIS = List.of(1L, 2L, 16_777_215L);
    private static final List<String> VM_IDS = List.of("vm0", "vm1", "vm2", "vm3", "vm4", "vm5", "vm6");
    private static final List<String> MACS = List.of("02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03",
        "0A:00:00:00:00:03");
    private static final List<String> BAD_MACS = List.of("01:00:5e:00:00:01", "00:00:00:00:00:00");
    private static final List<String> VM_IPS = List.of("198.51.100.1", "198.51.100.2", "198.51.100.3", "2001:db8:1::1",
        "2001:db8:1::2");
    private static final List<String> BAD_VM_IPS = List.of("127.0.0.1", "ff02::1", "255.255.255.255");
    private static final List<String> PORTS = List.of("p0", "p1");

    // what the generator must have produced at least once, lest the property hold vacuously
    private static final List<Pattern> EXPECTED_REASONS = Stream.of("^datapath-id is mandatory",
        "^underlay-ip .* cannot be a tunnel endpoint", "^MAC .* is a group or zero address",
        "^IP .* cannot belong to a VM", "^vni is mandatory", "^mac is mandatory", "^port .* is set without nve",
        "^virtual network .* does not exist", "^NVE .* does not exist in fabric/nve",
        "^NVE .* was deleted while this VM was placed on it", "^NVE .* is itself refused",
        "^datapath-id .* is already used by NVE", "^underlay-ip .* is already used by NVE",
        "^MAC .* is already used by VM", "^IP .* is already used by VM", "^port .* is already used by VM",
        "^destination-distribution on-demand needs unknown-destination pull")
        .map(Pattern::compile).toList();

    /** The configuration as the datastore would hold it. */
    private static final class Config {
        @Nullable Settings settings;
        final Map<NveKey, Nve> nves = new HashMap<>();
        final Map<VirtualNetworkKey, VirtualNetwork> networks = new HashMap<>();
        final Map<VmKey, Vm> vms = new HashMap<>();

        Fabric fabric() {
            return new FabricBuilder()
                .setSettings(settings)
                .setNve(Map.copyOf(nves))
                .setVirtualNetwork(Map.copyOf(networks))
                .setVm(Map.copyOf(vms))
                .build();
        }
    }

    private final Map<String, Integer> reasons = new HashMap<>();
    // the settings leaves added later draw from their own generator, so the other steps stay as they were
    private Random laterLeaves = new Random(0);

    @Test
    public void incrementalEqualsFullRecompute() {
        for (int round = 0; round < ROUNDS; round++) {
            runRound(0x5eed_0000L + round);
        }
        for (var expected : EXPECTED_REASONS) {
            assertTrue("no problem matches '" + expected + "' in " + reasons.keySet(),
                reasons.keySet().stream().anyMatch(reason -> expected.matcher(reason).find()));
        }
    }

    private void runRound(final long seed) {
        final var random = new Random(seed);
        laterLeaves = new Random(~seed);
        final var config = new Config();
        final var draft = new IntentDraft();
        // each side keeps its own previous snapshot, so the two chains of validation are independent
        var previous = FabricSnapshot.EMPTY;
        var previousFull = FabricSnapshot.EMPTY;
        final var history = new ArrayList<String>();
        for (int step = 0; step < STEPS; step++) {
            history.add(applyRandomStep(random, config, draft));
            final var context = "seed " + seed + " after " + history;

            final var full = IntentDraft.of(config.fabric());
            assertEquals(context, full.intent(), draft.intent());
            assertEquals(context, full.malformed(), draft.malformed());
            assertNothingDropped(context, config, draft);

            final var incremental = IntentValidator.validate(draft.intent(), previous);
            final var recomputed = IntentValidator.validate(full.intent(), previousFull);
            assertEquals(context, recomputed.problems(), incremental.problems());
            assertEquals(context, recomputed.snapshot().settings(), incremental.snapshot().settings());
            assertEquals(context, recomputed.snapshot().nves(), incremental.snapshot().nves());
            assertEquals(context, recomputed.snapshot().networks(), incremental.snapshot().networks());
            assertEquals(context, recomputed.snapshot().vms(), incremental.snapshot().vms());
            previous = incremental.snapshot();
            previousFull = recomputed.snapshot();
            draft.malformed().forEach(problem -> reasons.merge(problem.reason(), 1, Integer::sum));
            incremental.problems().forEach(problem -> reasons.merge(problem.reason(), 1, Integer::sum));
        }
    }

    /**
     * Every configured entry is either in the intent or among the malformed ones, never both, never neither.
     */
    private static void assertNothingDropped(final String context, final Config config, final IntentDraft draft) {
        final var intent = draft.intent();
        final var malformed = draft.malformed();
        final var malformedNves = malformed.stream().filter(problem -> problem.kind() == IntentKind.NVE).count();
        final var malformedVms = malformed.stream().filter(problem -> problem.kind() == IntentKind.VM).count();
        assertEquals(context, config.nves.size(), intent.nves().size() + malformedNves);
        assertEquals(context, config.networks.size(), intent.networks().size());
        assertEquals(context, config.vms.size(), intent.vms().size() + malformedVms);
    }

    private String applyRandomStep(final Random random, final Config config, final IntentDraft draft) {
        final int op = random.nextInt(14);
        switch (op) {
            case 0, 1 -> {
                final var nve = randomNve(random);
                config.nves.put(nve.key(), nve);
                draft.ensureNve(nve);
                return "ensure " + nve;
            }
            case 2 -> {
                final var id = pick(random, NVE_IDS);
                config.nves.remove(new NveKey(new ObjectId(id)));
                draft.removeNve(id);
                return "remove nve " + id;
            }
            case 3, 4, 5 -> {
                final var network = randomNetwork(random);
                config.networks.put(network.key(), network);
                draft.ensureNetwork(network);
                return "ensure " + network;
            }
            case 6 -> {
                final long vni = pick(random, VNIS);
                config.networks.remove(new VirtualNetworkKey(vni(vni)));
                draft.removeNetwork(vni);
                return "remove vn " + vni;
            }
            case 7, 8, 9, 10, 11 -> {
                final var vm = randomVm(random);
                config.vms.put(vm.key(), vm);
                draft.ensureVm(vm);
                return "ensure " + vm;
            }
            case 12 -> {
                final var id = pick(random, VM_IDS);
                config.vms.remove(new VmKey(new ObjectId(id)));
                draft.removeVm(id);
                return "remove vm " + id;
            }
            default -> {
                final var settings = random.nextInt(3) == 0 ? null : new SettingsBuilder()
                    .setRedirectSeconds(random.nextBoolean() ? null : Uint16.valueOf(1 + random.nextInt(3600)))
                    .setDadMaxMoves(random.nextBoolean() ? null : Uint16.valueOf(1 + random.nextInt(10)))
                    .setDadWindowSeconds(random.nextBoolean() ? null : Uint32.valueOf(1 + random.nextInt(86400)))
                    .setUnknownDestination(random.nextBoolean() ? null
                        : pick(random, List.of(Settings.UnknownDestination.values())))
                    .setRequireAnnouncement(random.nextBoolean() ? null : random.nextBoolean())
                    .setDestinationDistribution(laterLeaves.nextBoolean() ? null
                        : pick(laterLeaves, List.of(Settings.DestinationDistribution.values())))
                    .setPullIdleSeconds(laterLeaves.nextBoolean() ? null
                        : Uint16.valueOf(1 + laterLeaves.nextInt(3600)))
                    .build();
                config.settings = settings;
                draft.ensureSettings(settings);
                return "settings " + settings;
            }
        }
    }

    private static Nve randomNve(final Random random) {
        final var builder = new NveBuilder().setId(new ObjectId(pick(random, NVE_IDS)));
        if (random.nextInt(20) != 0) {
            // mostly small datapath ids so they collide; sometimes one above 2^63
            builder.setDatapathId(random.nextInt(8) == 0 ? Uint64.fromLongBits(Long.MIN_VALUE + random.nextInt(2))
                : Uint64.valueOf(1 + random.nextInt(4)));
        }
        if (random.nextInt(20) != 0) {
            builder.setUnderlayIp(ip(pick(random, rarely(random) ? BAD_UNDERLAYS : UNDERLAYS)));
        }
        if (random.nextBoolean()) {
            builder.setTunnelPort(new PortName(random.nextBoolean() ? "vxlan0" : "vx1"));
        }
        return builder.build();
    }

    private static VirtualNetwork randomNetwork(final Random random) {
        return new VirtualNetworkBuilder()
            .setVni(vni(pick(random, VNIS)))
            .setName(random.nextBoolean() ? null : "net" + random.nextInt(3))
            .setTenant(random.nextBoolean() ? null : "tenant" + random.nextInt(2))
            .setMode(random.nextBoolean() ? null : pick(random, List.of(VirtualNetwork.Mode.values())))
            .build();
    }

    private static Vm randomVm(final Random random) {
        final var builder = new VmBuilder().setId(new ObjectId(pick(random, VM_IDS)));
        if (random.nextInt(25) != 0) {
            // VNI 4 is never configured
            builder.setVni(vni(rarely(random) ? 4 : pick(random, VNIS)));
        }
        if (random.nextInt(25) != 0) {
            builder.setMac(mac(pick(random, rarely(random) ? BAD_MACS : MACS)));
        }
        final var ips = new HashSet<IpAddressNoZone>();
        for (int i = random.nextInt(3); i > 0; i--) {
            ips.add(ip(pick(random, rarely(random) ? BAD_VM_IPS : VM_IPS)));
        }
        if (!ips.isEmpty()) {
            builder.setIp(ips);
        }
        final boolean placed = random.nextBoolean();
        if (placed) {
            // n9 is never configured
            builder.setNve(new ObjectId(rarely(random) ? "n9" : pick(random, NVE_IDS)));
        }
        // a port without an NVE is malformed
        if (placed && random.nextBoolean() || rarely(random)) {
            builder.setPort(new PortName(pick(random, PORTS)));
        }
        return builder.build();
    }

    private static boolean rarely(final Random random) {
        return random.nextInt(15) == 0;
    }

    private static <T> T pick(final Random random, final List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
