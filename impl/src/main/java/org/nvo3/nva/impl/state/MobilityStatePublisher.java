/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.GatewayChoice;
import org.nvo3.nva.impl.mobility.MobilityState;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.State;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocationKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the mobility state into OPERATIONAL state/vm-location and state/migration, writing only the
 * rows that changed since the last publication, in order (one transaction chain). The rows outlive the
 * publisher: they stay true while the NVA is down, and the next run reads them back ({@link #readPublished})
 * to continue from what was learned.
 */
public final class MobilityStatePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MobilityStatePublisher.class);

    /**
     * What an earlier run published.
     *
     * @param locations the learned locations
     * @param migrations the migration records
     */
    public record Published(List<VmLocation> locations, List<Migration> migrations) {
        public Published {
            locations = List.copyOf(locations);
            migrations = List.copyOf(migrations);
        }
    }

    private @Nullable GatewayChoice gateways;

    /** A published location row: the record, the OpenFlow port and the gateway NVEs it was published with. */
    private record LocationRow(VmLocation location, @Nullable Long ofport, SortedSet<NveId> gateways) {
    }

    /** The rows one publication writes and deletes. */
    private record Writes(List<org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation> puts,
            List<VmId> deletes, List<Migration> migrationPuts, List<String> migrationDeletes) {
        Writes() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        boolean isEmpty() {
            return puts.isEmpty() && deletes.isEmpty() && migrationPuts.isEmpty() && migrationDeletes.isEmpty();
        }
    }

    private final DataBroker broker;
    private final OperationalChain chain;
    private final Map<VmId, LocationRow> locations = new HashMap<>();
    private final Map<String, Migration> migrations = new HashMap<>();
    private @Nullable FabricSnapshot lastFabric;
    private @Nullable MobilityState lastState;

    public MobilityStatePublisher(final DataBroker broker) {
        this.broker = broker;
        chain = new OperationalChain(broker, "state/vm-location and state/migration", this::forgetPublished);
    }

    /**
     * Reads the rows an earlier run published and takes them as published by this publisher, so that the
     * first publication writes only what differs from them and deletes the rows its state has no entry for.
     * A row that is not a valid record is logged and left to be overwritten.
     *
     * @return the records read, once the datastore answered
     */
    public FluentFuture<Published> readPublished() {
        final var tx = broker.newReadOnlyTransaction();
        final var read = tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(State.class).build());
        read.addListener(tx::close, MoreExecutors.directExecutor());
        return read.transform(published -> adopt(published.orElse(null)), MoreExecutors.directExecutor());
    }

    private synchronized Published adopt(final @Nullable State published) {
        if (published == null) {
            return new Published(List.of(), List.of());
        }
        final var restored = new ArrayList<VmLocation>();
        for (var row : published.nonnullVmLocation().values()) {
            try {
                final var location = MobilityRecords.location(row);
                locations.put(location.vm(), new LocationRow(location, MobilityRecords.ofport(row),
                    MobilityRecords.gateways(row)));
                restored.add(location);
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring a published row that is no VM location: {}", e.getMessage());
            }
        }
        final var records = new ArrayList<Migration>();
        for (var row : published.nonnullMigration().values()) {
            try {
                final var migration = MobilityRecords.migration(row);
                migrations.put(migration.id(), migration);
                records.add(migration);
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring a published row that is no migration record: {}", e.getMessage());
            }
        }
        return new Published(restored, records);
    }

    /**
     * Publishes the rows that differ from what was last published. Within one intent, only the VMs and
     * migrations the state's journal names since the last publication are compared (a move costs the
     * time of the move, not of 100,000 VMs); otherwise every row is. A location row's OpenFlow port is the
     * one known when its location last changed; a port number unknown now does not erase the one published for
     * the same location (its NVE is not connected yet, or any more).
     *
     * @param fabric the intent (a VM's VNI, MAC and addresses)
     * @param state the mobility state
     * @param ofports the OpenFlow port of a location's port on its NVE, or null when unknown
     * @return done when the rows are committed
     */
    public synchronized CompletableFuture<Void> publish(final FabricSnapshot fabric, final MobilityState state,
            final Function<VmLocation, @Nullable Long> ofports) {
        final var previous = lastState;
        final var changes = previous == null || fabric != lastFabric ? null : state.changesSince(previous).orElse(null);
        final Collection<VmId> vms;
        final Collection<String> ids;
        if (changes != null) {
            vms = changes.vms();
            ids = changes.migrations();
        } else {
            final var allVms = new HashSet<>(locations.keySet());
            allVms.addAll(state.locations().keySet());
            vms = allVms;
            final var allIds = new HashSet<>(migrations.keySet());
            allIds.addAll(state.migrations().keySet());
            ids = allIds;
        }
        lastFabric = fabric;
        lastState = state;

        final var writes = new Writes();
        for (var vm : vms) {
            compareLocation(fabric, state, vm, ofports, writes);
        }
        for (var id : ids) {
            compareMigration(state, id, writes);
        }
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return chain.writeCommitted(tx -> {
            writes.deletes().forEach(vm -> tx.delete(LogicalDatastoreType.OPERATIONAL, locationPath(vm)));
            writes.puts().forEach(row -> tx.put(LogicalDatastoreType.OPERATIONAL,
                locationPath(new VmId(row.getId().getValue())), row));
            writes.migrationDeletes().forEach(id -> tx.delete(LogicalDatastoreType.OPERATIONAL, migrationPath(id)));
            writes.migrationPuts().forEach(migration -> tx.put(LogicalDatastoreType.OPERATIONAL,
                migrationPath(migration.id()), MobilityRows.migrationRow(migration)));
        });
    }

    private void compareLocation(final FabricSnapshot fabric, final MobilityState state, final VmId id,
            final Function<VmLocation, @Nullable Long> ofports, final Writes writes) {
        final var location = state.location(id).orElse(null);
        final var vm = fabric.vm(id).orElse(null);
        if (location == null || vm == null) {
            if (locations.remove(id) != null) {
                writes.deletes().add(id);
            }
            return;
        }
        final var known = locations.get(id);
        final var ofport = ofports.apply(location);
        final var row = new LocationRow(location, ofport == null && known != null
            && known.location().equals(location) ? known.ofport() : ofport,
            gatewayChoice(fabric).gatewaysFor(vm.vni(), location.nve()));
        if (!row.equals(locations.put(id, row))) {
            writes.puts().add(MobilityRows.locationRow(vm, location, row.ofport(), row.gateways()));
        }
    }

    /** The gateway choices of a snapshot, indexed once per snapshot. */
    private GatewayChoice gatewayChoice(final FabricSnapshot fabric) {
        final var known = gateways;
        if (known != null && known.isOf(fabric)) {
            return known;
        }
        final var made = GatewayChoice.of(fabric);
        gateways = made;
        return made;
    }

    private void compareMigration(final MobilityState state, final String id, final Writes writes) {
        final var migration = state.migration(id).orElse(null);
        if (migration == null) {
            if (migrations.remove(id) != null) {
                writes.migrationDeletes().add(id);
            }
        } else if (!migration.equals(migrations.put(id, migration))) {
            writes.migrationPuts().add(migration);
        }
    }

    private static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation>
            locationPath(final VmId vm) {
        return DataObjectIdentifier.builder(State.class)
            .child(org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation.class,
                new VmLocationKey(new ObjectId(vm.value())))
            .build();
    }

    private static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration>
            migrationPath(final String id) {
        return DataObjectIdentifier.builder(State.class)
            .child(org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration.class, new MigrationKey(id))
            .build();
    }

    /**
     * After a failed chain nothing is known about what reached the datastore: the next publication
     * rewrites every row (rows of removed entries are deleted by the publication that removes them,
     * so they are deleted again here).
     */
    private synchronized void forgetPublished() {
        final var staleLocations = List.copyOf(locations.keySet());
        final var staleMigrations = List.copyOf(migrations.keySet());
        locations.clear();
        migrations.clear();
        lastState = null;
        chain.write(tx -> deleteAll(tx, staleLocations, staleMigrations));
    }

    private static void deleteAll(final WriteTransaction tx, final List<VmId> vms, final List<String> ids) {
        vms.forEach(vm -> tx.delete(LogicalDatastoreType.OPERATIONAL, locationPath(vm)));
        ids.forEach(id -> tx.delete(LogicalDatastoreType.OPERATIONAL, migrationPath(id)));
    }

    /**
     * Closes the chain. The rows stay: where the VMs are and how their migrations went remains true while the
     * NVA is down, and the next run restores them.
     */
    @Override
    public synchronized void close() {
        chain.close();
    }

    @Override
    public String toString() {
        return "MobilityStatePublisher{" + locations.size() + " locations, " + migrations.size() + " migrations}";
    }
}
