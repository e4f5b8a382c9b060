/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.LinkedHashSet;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.DirectoryEntry;
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.IpAddress;
import org.nvo3.nva.api.MacAddress;
import org.nvo3.nva.api.Vni;
import org.nvo3.nva.impl.state.YangAddresses;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Lookup;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.LookupInput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.LookupOutput;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.LookupOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.lookup.input.address.Ip;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.lookup.input.address.Mac;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The directory query of draft-ietf-nvo3-vmm: which VM owns this MAC or IP in this VNI, and where is it.
 */
public final class LookupRpc implements Lookup {
    private final FabricDirectory directory;

    public LookupRpc(final FabricDirectory directory) {
        this.directory = requireNonNull(directory);
    }

    @Override
    public ListenableFuture<RpcResult<LookupOutput>> invoke(final LookupInput input) {
        final var vniLeaf = input.getVni();
        if (vniLeaf == null) {
            return RpcFailure.invalidInput("vni is required");
        }
        final var vni = Vni.of(vniLeaf.getValue().longValue());
        final var snapshot = directory.snapshot();
        final var address = input.getAddress();
        if (address instanceof Mac mac && mac.getMac() != null) {
            final var wanted = MacAddress.parse(mac.getMac().getValue());
            return answer(snapshot.lookup(vni, wanted).orElse(null), "MAC " + wanted, vni);
        }
        if (address instanceof Ip ip && ip.getIp() != null) {
            final var wanted = IpAddress.parse(ip.getIp().stringValue());
            return answer(snapshot.lookup(vni, wanted).orElse(null), "IP " + wanted, vni);
        }
        return RpcFailure.invalidInput("one of mac or ip is required");
    }

    private static ListenableFuture<RpcResult<LookupOutput>> answer(final @Nullable DirectoryEntry entry,
            final String what, final Vni vni) {
        if (entry == null) {
            return RpcFailure.notFound("no VM with " + what + " in VNI " + vni);
        }
        final var vm = entry.vm();
        final var ips = new LinkedHashSet<IpAddressNoZone>();
        vm.ips().forEach(ip -> ips.add(YangAddresses.of(ip)));
        final var output = new LookupOutputBuilder()
            .setVm(new ObjectId(vm.id().value()))
            .setMac(YangAddresses.of(vm.mac()))
            .setIp(ips);
        final var nve = entry.nve();
        if (nve != null) {
            output.setNve(new ObjectId(nve.id().value())).setUnderlayIp(YangAddresses.of(nve.underlayIp()));
        }
        return RpcResultBuilder.success(output.build()).buildFuture();
    }
}
