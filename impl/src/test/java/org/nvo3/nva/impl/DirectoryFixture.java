/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl;

import static org.junit.Assert.assertEquals;
import static org.nvo3.nva.impl.FabricBindings.network;
import static org.nvo3.nva.impl.FabricBindings.nve;
import static org.nvo3.nva.impl.FabricBindings.vm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nvo3.nva.impl.directory.FabricDirectoryComponent;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.FabricBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.IntentKind;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.NveKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Vm;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VmKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntent;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.RejectedIntentKey;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * A {@link FabricDirectoryComponent} on a test data broker, with a fixed clock, helpers to change
 * the CONFIGURATION fabric and read OPERATIONAL state, and a {@link ChangeSignal} that wakes up
 * waiters whenever the directory or state/rejected-intent changed.
 */
public final class DirectoryFixture implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    public static final DataObjectIdentifier<Fabric> FABRIC = DataObjectIdentifier.builder(Fabric.class).build();

    private final DataBroker broker;
    private final ChangeSignal signal = new ChangeSignal();
    private final Registration stateWatch;
    private final FabricDirectoryComponent directory;

    public DirectoryFixture(final DataBroker broker) {
        this(broker, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public DirectoryFixture(final DataBroker broker, final Clock clock) {
        this.broker = broker;
        stateWatch = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectIdentifier.builder(State.class).build(), signal.listener());
        directory = new FabricDirectoryComponent(signal.wrap(broker), clock);
    }

    public FabricDirectoryComponent directory() {
        return directory;
    }

    public ChangeSignal signal() {
        return signal;
    }

    /**
     * Two NVEs (IPv4 and IPv6 underlay, n2 with a datapath id above 2^63), two VNIs and four VMs;
     * both VNIs use 198.51.100.1 and 198.51.100.2, and vm-d in VNI 200 has vm-a's MAC.
     *
     * @return the fabric
     */
    public static Fabric standardFabric() {
        return new FabricBuilder()
            .setNve(map(Nve::key, List.of(nve("n1", 1, "192.0.2.11"), nve("n2", Long.MIN_VALUE, "2001:db8::12"))))
            .setVirtualNetwork(map(VirtualNetwork::key, List.of(network(100, "blue"), network(200, "red"))))
            .setVm(map(Vm::key, List.of(
                vm("vm-a", 100L, "02:00:00:00:00:0a", "n1", "tap-a", "198.51.100.1"),
                vm("vm-b", 100L, "02:00:00:00:00:0b", "n2", null, "198.51.100.2", "2001:db8:100::b"),
                vm("vm-c", 200L, "02:00:00:00:00:0c", "n2", "tap-c", "198.51.100.1"),
                vm("vm-d", 200L, "02:00:00:00:00:0a", null, null, "198.51.100.2"))))
            .build();
    }

    /**
     * Writes {@link #standardFabric()} and waits until the directory accepted all of it.
     *
     * @throws Exception if the write fails or the directory does not catch up
     */
    public void loadStandardFabric() throws Exception {
        put(FABRIC, standardFabric());
        signal.await("the directory holds the four VMs", () -> directory.snapshot().vms().size() == 4);
        assertEquals(List.of(), directory.problems());
    }

    public <T extends DataObject> void put(final DataObjectIdentifier<T> path, final T data)
            throws InterruptedException, ExecutionException, TimeoutException {
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, path, data);
        tx.commit().get(5, TimeUnit.SECONDS);
    }

    public void delete(final DataObjectIdentifier<?> path)
            throws InterruptedException, ExecutionException, TimeoutException {
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, path);
        tx.commit().get(5, TimeUnit.SECONDS);
    }

    public static DataObjectIdentifier<Vm> vmPath(final String id) {
        return DataObjectIdentifier.builder(Fabric.class).child(Vm.class, new VmKey(new ObjectId(id))).build();
    }

    public static DataObjectIdentifier<Nve> nvePath(final String id) {
        return DataObjectIdentifier.builder(Fabric.class).child(Nve.class, new NveKey(new ObjectId(id))).build();
    }

    /**
     * Reads OPERATIONAL state/rejected-intent for one VM.
     *
     * @param vmId the VM id
     * @return the row, if the VM is refused
     */
    public Optional<RejectedIntent> rejectedVm(final String vmId) {
        final var path = DataObjectIdentifier.builder(State.class)
            .child(RejectedIntent.class, new RejectedIntentKey(vmId, IntentKind.Vm)).build();
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static <K, V> Map<K, V> map(final Function<V, K> key, final List<V> values) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    @Override
    public void close() {
        directory.close();
        stateWatch.close();
    }
}
