/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.DirectoryFixture.nvePath;
import static org.nvo3.nva.impl.FabricBindings.ip;
import static org.nvo3.nva.impl.FabricBindings.mac;
import static org.nvo3.nva.impl.FabricBindings.vni;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.impl.DirectoryFixture;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.LookupInputBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.LookupOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.lookup.input.address.IpBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.lookup.input.address.MacBuilder;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * The lookup RPC answering from a directory fed through the data broker.
 */
public class LookupRpcTest extends AbstractConcurrentDataBrokerTest {
    private DirectoryFixture fixture;
    private LookupRpc lookup;

    public LookupRpcTest() {
        super(true);
    }

    @Before
    public void startDirectory() throws Exception {
        fixture = new DirectoryFixture(getDataBroker());
        fixture.loadStandardFabric();
        lookup = new LookupRpc(fixture.directory());
    }

    @After
    public void stopDirectory() {
        fixture.close();
    }

    @Test
    public void findsAVmByMac() throws Exception {
        final var output = success(byMac(100, "02:00:00:00:00:0a"));
        assertEquals("vm-a", output.getVm().getValue());
        assertEquals("02:00:00:00:00:0a", output.getMac().getValue());
        assertEquals(Set.of("198.51.100.1"), ips(output));
        assertEquals("n1", output.getNve().getValue());
        assertEquals("192.0.2.11", output.getUnderlayIp().stringValue());
    }

    @Test
    public void findsTheVmOfEachVniForOneMac() throws Exception {
        // vm-d in VNI 200 has vm-a's MAC; the upper-case spelling is the same address
        final var output = success(byMac(200, "02:00:00:00:00:0A"));
        assertEquals("vm-d", output.getVm().getValue());
        assertEquals("02:00:00:00:00:0a", output.getMac().getValue());
        assertNull("vm-d has no known location", output.getNve());
        assertNull(output.getUnderlayIp());
    }

    @Test
    public void findsAVmByIp() throws Exception {
        final var output = success(byIp(100, "2001:DB8:100:0::B"));
        assertEquals("vm-b", output.getVm().getValue());
        assertEquals(Set.of("198.51.100.2", "2001:db8:100::b"), ips(output));
        assertEquals("n2", output.getNve().getValue());
        assertEquals("2001:db8::12", output.getUnderlayIp().stringValue());
    }

    @Test
    public void sameIpInTwoVnisFindsEachVnisVm() throws Exception {
        assertEquals("vm-a", success(byIp(100, "198.51.100.1")).getVm().getValue());
        final var red = success(byIp(200, "198.51.100.1"));
        assertEquals("vm-c", red.getVm().getValue());
        assertEquals("2001:db8::12", red.getUnderlayIp().stringValue());
        assertEquals("vm-b", success(byIp(100, "198.51.100.2")).getVm().getValue());
        assertEquals("vm-d", success(byIp(200, "198.51.100.2")).getVm().getValue());
    }

    @Test
    public void unknownMacFailsWithAReason() throws Exception {
        final var result = byMac(100, "02:00:00:00:00:99");
        assertFalse(result.isSuccessful());
        assertEquals(1, result.getErrors().size());
        assertEquals("no VM with MAC 02:00:00:00:00:99 in VNI 100", result.getErrors().get(0).getMessage());
        assertEquals(ErrorTag.DATA_MISSING, result.getErrors().get(0).getTag());
    }

    @Test
    public void knownAddressInAnotherVniFails() throws Exception {
        final var result = byMac(200, "02:00:00:00:00:0b");
        assertFalse(result.isSuccessful());
        assertTrue(result.getErrors().get(0).getMessage().contains("VNI 200"));
        assertFalse(byIp(300, "198.51.100.1").isSuccessful());
    }

    @Test
    public void refusedVmIsNotFound() throws Exception {
        fixture.delete(nvePath("n2"));
        fixture.signal().await("vm-c is refused", () -> fixture.rejectedVm("vm-c").isPresent());
        final var result = byIp(200, "198.51.100.1");
        assertFalse(result.isSuccessful());
        assertEquals("no VM with IP 198.51.100.1 in VNI 200", result.getErrors().get(0).getMessage());
    }

    private RpcResult<LookupOutput> byMac(final long vni, final String mac) throws Exception {
        return lookup.invoke(new LookupInputBuilder().setVni(vni(vni))
            .setAddress(new MacBuilder().setMac(mac(mac)).build()).build()).get();
    }

    private RpcResult<LookupOutput> byIp(final long vni, final String ip) throws Exception {
        return lookup.invoke(new LookupInputBuilder().setVni(vni(vni))
            .setAddress(new IpBuilder().setIp(ip(ip)).build()).build()).get();
    }

    private static LookupOutput success(final RpcResult<LookupOutput> result) {
        assertTrue(result.getErrors().toString(), result.isSuccessful());
        return result.getResult();
    }

    private static Set<String> ips(final LookupOutput output) {
        return output.getIp().stream().map(ip -> ip.stringValue()).collect(Collectors.toSet());
    }
}
