/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The RESTCONF contract of NVA, as an orchestrator sees it: the example fabric goes in, comes back,
 * look-ups find VMs, and every kind of bad input is refused with a reason.
 */
final class RestconfScenarios {
    private static final String FABRIC = "/rests/data/nva:fabric";
    private static final String LOOKUP = "/rests/operations/nva:lookup";
    private static final String MIGRATE = "/rests/operations/nva:migrate-vm";
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration STEADY = Duration.ofSeconds(2);
    private static final List<String> READY_PATHS =
        List.of(FABRIC + "?content=config", "/rests/data/nva:state?content=nonconfig");

    private RestconfScenarios() {
        // no instances
    }

    static Restconf connect() throws InterruptedException {
        final var restconf = new Restconf("http://localhost:8181");
        // Nothing answers at first, then 401 until AAA is up and Jetty's 404 until the RESTCONF servlet is;
        // RESTCONF itself answers in JSON. Its first answers are no promise: a PUT 10 ms after one got 404
        // while /rests was still starting. Ready means every probe answers so for STEADY without a break
        // (the scenario runner's rule, nva_fabric/scenarios/karaf.py).
        final var answers = restconf.awaitSteadily(READY_PATHS, RestconfScenarios::answersInJson, STEADY,
            Duration.ofSeconds(120));
        assertTrue("RESTCONF answers steadily for " + STEADY + ": " + answers,
            answers.size() == READY_PATHS.size() && answers.stream().allMatch(RestconfScenarios::answersInJson));
        return restconf;
    }

    private static boolean answersInJson(final Restconf.Response response) {
        return response.status() != 0 && response.status() != 401 && response.status() != 404
            && response.body().trim().startsWith("{");
    }

    static void putFabricAndLookUp(final Restconf restconf) throws IOException, InterruptedException {
        putExampleFabric(restconf);

        final var back = restconf.get(FABRIC + "?content=config");
        assertEquals(back.toString(), 200, back.status());
        for (var expected : new String[] {"\"nve1\"", "\"2001:db8:ff::2\"", "\"vm4\"", "\"02:00:00:00:50:03\"",
            "\"blue\"", "5002"}) {
            assertTrue(expected + " in " + back.body(), back.body().contains(expected));
        }

        final var byMac = awaitLookup(restconf, "{\"input\":{\"vni\":5001,\"mac\":\"02:00:00:00:50:02\"}}");
        assertEquals(byMac.toString(), 200, byMac.status());
        assertTrue(byMac.body(), byMac.body().contains("\"vm2\"") && byMac.body().contains("\"nve2\"")
            && byMac.body().contains("2001:db8:ff::2"));

        // The same IP lives in both VNIs: the VNI decides.
        final var byIp = restconf.post(LOOKUP, "{\"input\":{\"vni\":5002,\"ip\":\"198.51.100.1\"}}");
        assertEquals(byIp.toString(), 200, byIp.status());
        assertTrue(byIp.body(), byIp.body().contains("\"vm3\"") && byIp.body().contains("192.0.2.1"));
        final var byIp6 = restconf.post(LOOKUP, "{\"input\":{\"vni\":5001,\"ip\":\"2001:db8:1::1\"}}");
        assertTrue(byIp6.body(), byIp6.status() == 200 && byIp6.body().contains("\"vm1\""));

        final var missing = restconf.post(LOOKUP, "{\"input\":{\"vni\":5001,\"mac\":\"02:00:00:00:99:99\"}}");
        assertEquals(missing.toString(), 409, missing.status());
        assertTrue(missing.body(), missing.body().contains("no VM with MAC 02:00:00:00:99:99 in VNI 5001"));

        // migrate-vm validates its input; with no southbound yet a valid request is "not connected".
        final var unknownVm = restconf.post(MIGRATE, "{\"input\":{\"vm\":\"vm99\",\"target-nve\":\"nve2\"}}");
        expect400(unknownVm, "VM vm99 is not in the directory");
        final var unknownNve = restconf.post(MIGRATE, "{\"input\":{\"vm\":\"vm1\",\"target-nve\":\"nve7\"}}");
        expect400(unknownNve, "target NVE nve7 is not in the directory");
        final var valid = restconf.post(MIGRATE,
            "{\"input\":{\"vm\":\"vm1\",\"target-nve\":\"nve2\",\"port\":\"vm1\"}}");
        assertEquals(valid.toString(), 409, valid.status());
        assertTrue(valid.body(), valid.body().contains("NVE nve2 is not connected"));
    }

    static void rejectBadInput(final Restconf restconf) throws IOException, InterruptedException {
        putExampleFabric(restconf);
        awaitLookup(restconf, "{\"input\":{\"vni\":5001,\"mac\":\"02:00:00:00:50:01\"}}");

        // Syntax YANG can state: RESTCONF refuses it with 400 and says why.
        expect400(restconf.put(FABRIC + "/vm=bad1", vm("bad1", 5001, "02:00:00:00:5X:01", "198.51.100.50")),
            "a MAC address is six hexadecimal octets");
        expect400(restconf.put(FABRIC + "/virtual-network=16777216",
            "{\"nva:virtual-network\":[{\"vni\":16777216}]}"), "is not in required ranges [[1..16777215]]");
        expect400(restconf.put(FABRIC + "/vm=bad%20id", vm("bad id", 5001, "02:00:00:00:51:03", "198.51.100.51")),
            "does not match regular expression");

        // RESTCONF stores a value no member of the ip-address union accepts; NVA refuses the entry.
        expectRefused(restconf, "bad2", vm("bad2", 5001, "02:00:00:00:51:02", "198.51.100.300"),
            "ip '198.51.100.300' is not an IPv4 or IPv6 address");

        // Rules across entries: accepted in the configuration, refused by NVA with a reason.
        expectRefused(restconf, "vm5", vm("vm5", 7777, "02:00:00:00:51:05", "198.51.100.55"),
            "virtual network 7777 does not exist");
        expectRefused(restconf, "vm6", placedVm("vm6", "nve9"), "NVE nve9 does not exist");
        expectRefused(restconf, "vm7", vm("vm7", 5001, "02:00:00:00:50:01", "198.51.100.77"),
            "MAC 02:00:00:00:50:01 is already used by VM vm1");
        expectRefused(restconf, "vm8", vm("vm8", 5001, "02:00:00:00:51:08", "198.51.100.1"),
            "IP 198.51.100.1 is already used by VM vm1");
        expectNveRefused(restconf, "nve3", "{\"nva:nve\":[{\"id\":\"nve3\",\"datapath-id\":\"3\","
            + "\"underlay-ip\":\"192.0.2.1\"}]}", "underlay-ip 192.0.2.1 is already used by NVE nve1");
        expectNveRefused(restconf, "nve4", "{\"nva:nve\":[{\"id\":\"nve4\",\"datapath-id\":\"1\","
            + "\"underlay-ip\":\"192.0.2.4\"}]}", "datapath-id 1 is already used by NVE nve1");

        // Deleting an NVE that still hosts VMs: the VMs are flagged, nothing is lost.
        final var deleted = restconf.delete(FABRIC + "/nve=nve2");
        assertEquals(deleted.toString(), 204, deleted.status());
        awaitRefusal(restconf, "vm", "vm2", "NVE nve2 was deleted while this VM was placed on it");
        final var stillThere = restconf.get(FABRIC + "/vm=vm2");
        assertEquals("vm2 stays in the configuration: " + stillThere, 200, stillThere.status());

        // A refused entry is acted on as soon as the conflict is gone.
        final var fixed = restconf.delete(FABRIC + "/vm=vm1");
        assertEquals(fixed.toString(), 204, fixed.status());
        final var vm7 = awaitLookup(restconf, "{\"input\":{\"vni\":5001,\"mac\":\"02:00:00:00:50:01\"}}");
        assertTrue("vm7 takes over the MAC once vm1 is gone: " + vm7, vm7.body().contains("\"vm7\""));
    }

    private static void putExampleFabric(final Restconf restconf) throws IOException, InterruptedException {
        final var json = Files.readString(Path.of(System.getProperty("nva.fabric.json")));
        final var put = restconf.put(FABRIC, json);
        assertTrue("PUT fabric: " + put, put.status() == 201 || put.status() == 204);
    }

    private static Restconf.Response awaitLookup(final Restconf restconf, final String input)
            throws IOException, InterruptedException {
        final var deadline = System.nanoTime() + SETTLE.toNanos();
        Restconf.Response response;
        do {
            response = restconf.post(LOOKUP, input);
            if (response.status() == 200) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return response;
    }

    private static void expect400(final Restconf.Response response, final String mention) {
        assertEquals("400 expected: " + response, 400, response.status());
        assertTrue("the error says why (" + mention + "): " + response, response.body().contains(mention));
    }

    private static void expectRefused(final Restconf restconf, final String id, final String json,
            final String reason) throws IOException, InterruptedException {
        final var put = restconf.put(FABRIC + "/vm=" + id, json);
        assertTrue("accepted into the configuration: " + put, put.status() == 201 || put.status() == 204);
        awaitRefusal(restconf, "vm", id, reason);
    }

    private static void expectNveRefused(final Restconf restconf, final String id, final String json,
            final String reason) throws IOException, InterruptedException {
        final var put = restconf.put(FABRIC + "/nve=" + id, json);
        assertTrue("accepted into the configuration: " + put, put.status() == 201 || put.status() == 204);
        awaitRefusal(restconf, "nve", id, reason);
    }

    private static void awaitRefusal(final Restconf restconf, final String kind, final String id,
            final String reason) throws InterruptedException {
        final var state = restconf.await("/rests/data/nva:state/rejected-intent=" + kind + "," + id,
            response -> response.status() == 200 && response.body().contains(reason), SETTLE);
        assertTrue(kind + " " + id + " refused with '" + reason + "': " + state,
            state.status() == 200 && state.body().contains(reason) && state.body().contains("since"));
    }

    private static String vm(final String id, final int vni, final String mac, final String ip) {
        return "{\"nva:vm\":[{\"id\":\"" + id + "\",\"vni\":" + vni + ",\"mac\":\"" + mac + "\",\"ip\":[\"" + ip
            + "\"]}]}";
    }

    private static String placedVm(final String id, final String nve) {
        return "{\"nva:vm\":[{\"id\":\"" + id + "\",\"vni\":5001,\"mac\":\"02:00:00:00:51:06\",\"nve\":\"" + nve
            + "\",\"port\":\"" + id + "\"}]}";
    }
}
