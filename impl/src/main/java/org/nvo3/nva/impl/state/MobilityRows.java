/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import java.util.Collection;
import java.util.HashSet;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmLocation;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MacAddress;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MigrationState;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.MoveTrigger;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.ObjectId;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.PortName;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Vni;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocationBuilder;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocationKey;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Turns mobility records into the rows of OPERATIONAL state/vm-location and state/migration.
 */
final class MobilityRows {
    private MobilityRows() {
        // no instances
    }

    static org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.VmLocation locationRow(final Vm vm,
            final VmLocation location, final @Nullable Long ofport, final Collection<NveId> gateways) {
        final var ips = new HashSet<IpAddressNoZone>();
        vm.ips().forEach(ip -> ips.add(YangAddresses.of(ip)));
        final var port = location.port();
        return new VmLocationBuilder()
            .withKey(new VmLocationKey(new ObjectId(vm.id().value())))
            .setVni(new Vni(Uint32.valueOf(vm.vni().value())))
            .setMac(new MacAddress(vm.mac().toString()))
            .setIp(ips)
            .setNve(new ObjectId(location.nve().value()))
            .setPort(port == null ? null : new PortName(port.value()))
            .setOfport(ofport == null ? null : Uint32.valueOf(ofport))
            .setSequence(Uint64.valueOf(location.sequence()))
            .setLearnedFrom(trigger(location.learnedFrom()))
            .setSince(YangTime.of(location.since()))
            .setFrozen(location.frozen())
            .setGatewayNve(gateways.isEmpty() ? null
                : gateways.stream().map(nve -> new ObjectId(nve.value())).collect(Collectors.toSet()))
            .build();
    }

    static org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Migration migrationRow(
            final Migration migration) {
        final var from = migration.fromNve();
        final var convergedAt = migration.convergedAt();
        final var until = migration.redirectUntil();
        final boolean expired = migration.state() == org.nvo3.nva.api.MigrationState.REDIRECT_EXPIRED;
        // the old NVE's packets reached NVA only with old-location-policy icmp-unreachable
        final boolean oldLocation = expired && migration.oldLocation().packets() > 0;
        return new MigrationBuilder()
            .withKey(new MigrationKey(migration.id()))
            .setVm(new ObjectId(migration.vm().value()))
            .setFromNve(from == null ? null : new ObjectId(from.value()))
            .setToNve(new ObjectId(migration.toNve().value()))
            .setTrigger(trigger(migration.trigger()))
            .setState(state(migration.state()))
            .setDetectedAt(YangTime.of(migration.detectedAt()))
            .setConvergedAt(convergedAt == null ? null : YangTime.of(convergedAt))
            .setConvergenceMicros(convergenceMicros(migration))
            .setRedirectUntil(until == null ? null : YangTime.of(until))
            .setRedirectedPackets(expired ? Uint64.valueOf(migration.redirectedPackets()) : null)
            .setOldLocationPackets(oldLocation ? Uint64.valueOf(migration.oldLocation().packets()) : null)
            .setIcmpUnreachableSent(oldLocation ? Uint64.valueOf(migration.oldLocation().icmpUnreachableSent())
                : null)
            .setReason(migration.reason().isEmpty() ? null : migration.reason())
            .setTimeline(TimelineRows.row(migration.timeline()))
            .build();
    }

    /** The monotonic convergence of the timeline when there is one, else the wall-clock one. */
    private static @Nullable Uint64 convergenceMicros(final Migration migration) {
        if (migration.convergedAt() == null) {
            return null;
        }
        final var monotonic = migration.timeline().convergedMicros();
        return monotonic != null ? Uint64.valueOf(monotonic)
            : migration.convergence().map(took -> Uint64.valueOf(took.toNanos() / 1_000)).orElse(null);
    }

    static MoveTrigger trigger(final org.nvo3.nva.api.MoveTrigger trigger) {
        return switch (trigger) {
            case ORCHESTRATOR -> MoveTrigger.Orchestrator;
            case GRATUITOUS_ARP -> MoveTrigger.GratuitousArp;
            case UNSOLICITED_NA -> MoveTrigger.UnsolicitedNa;
            case RARP -> MoveTrigger.Rarp;
            case TRAFFIC -> MoveTrigger.Traffic;
            case PORT_ADDED -> MoveTrigger.PortAdded;
        };
    }

    private static MigrationState state(final org.nvo3.nva.api.MigrationState state) {
        return switch (state) {
            case ANNOUNCED -> MigrationState.Announced;
            case CONVERGING -> MigrationState.Converging;
            case CONVERGED -> MigrationState.Converged;
            case REDIRECT_EXPIRED -> MigrationState.RedirectExpired;
            case REJECTED -> MigrationState.Rejected;
            case FAILED -> MigrationState.Failed;
        };
    }
}
