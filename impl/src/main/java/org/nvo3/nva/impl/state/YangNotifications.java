/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.LinkedHashSet;
import java.util.List;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.mobility.MobilityNotifications;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.DuplicateAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MacAddress;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.VmMovedBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Vni;
import org.opendaylight.yangtools.binding.Notification;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the YANG notifications vm-moved and duplicate-address through MD-SAL, never blocking the caller:
 * a notification the broker cannot take is logged, not retried.
 */
public final class YangNotifications implements MobilityNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(YangNotifications.class);

    private final NotificationPublishService publisher;

    public YangNotifications(final NotificationPublishService publisher) {
        this.publisher = requireNonNull(publisher);
    }

    @Override
    public void vmMoved(final Migration migration) {
        final var from = migration.fromNve();
        offer(new VmMovedBuilder()
            .setVm(new ObjectId(migration.vm().value()))
            .setFrom(from == null ? null : new ObjectId(from.value()))
            .setTo(new ObjectId(migration.toNve().value()))
            .setTrigger(MobilityRows.trigger(migration.trigger()))
            .setConvergenceMicros(migration.convergence().map(took -> Uint64.valueOf(took.toNanos() / 1_000))
                .orElse(null))
            .build());
    }

    @Override
    public void duplicateAddress(final Vm vm, final List<NveId> nves) {
        final var ids = new LinkedHashSet<ObjectId>();
        nves.forEach(nve -> ids.add(new ObjectId(nve.value())));
        offer(new DuplicateAddressBuilder()
            .setVni(new Vni(Uint32.valueOf(vm.vni().value())))
            .setMac(new MacAddress(vm.mac().toString()))
            .setIp(vm.ips().isEmpty() ? null : YangAddresses.of(vm.ips().iterator().next()))
            .setNves(ids)
            .build());
    }

    private void offer(final Notification<?> notification) {
        Futures.addCallback(publisher.offerNotification(notification), new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                LOG.debug("Published {}", notification);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Could not publish {}", notification, cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
