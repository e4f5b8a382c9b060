/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.T0;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM3;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM4;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.Before;
import org.junit.Test;
import org.nvo3.nva.api.DatapathId;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.MigrationState;
import org.nvo3.nva.api.MoveTrigger;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.impl.dataplane.PacketOut;
import org.nvo3.nva.impl.dataplane.PacketSender;
import org.nvo3.nva.impl.dataplane.PortChange;
import org.nvo3.nva.impl.dataplane.PortChangeKind;
import org.nvo3.nva.impl.flow.FlowScope;

/**
 * Port-named moves on the mobility service with the real flow compiler's changed scopes: a port named as exactly
 * one VM's declared port appearing on another NVE moves that VM (trigger port-added) and re-programs the old and
 * the new NVE first, then the other NVEs of its VNI, in the VM's scope only; the name on the VM's own NVE, a name
 * no VM or several VMs declare, move nothing; a VM announced onto an NVE and port moves when that port appears
 * there (trigger orchestrator), before a VM that declares the name. The data plane handler hands port-status
 * additions and deletions to the service.
 */
public class PortNamedMovesTest {
    private static final PortName VM2_TAP = new PortName("vm2-eth0");
    private static final Detection DETECTION = new Detection(1_000, "port-status ADDED vm2-eth0 on n3");

    private final List<String> events = new ArrayList<>();
    private final RecordingNves nves = new RecordingNves(events, true);
    private MobilityService service;
    private MobilityDataplaneHandler handler;

    @Before
    public void start() {
        final var clock = Clock.fixed(T0, ZoneOffset.UTC);
        final var wired = MobilityFabric.wire(clock, nves);
        service = wired.service();
        final PacketSender sender = new PacketSender() {
            @Override
            public CompletableFuture<Void> send(final DatapathId datapathId, final PacketOut packet) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> send(final NveId nve, final PacketOut packet) {
                return CompletableFuture.completedFuture(null);
            }
        };
        handler = new MobilityDataplaneHandler(service, nves, sender, wired.source(), clock, (nve, count) -> { });
        service.fabricChanged(fabric());
        nves.clear();
    }

    @Test
    public void aPortNamedAsAVmsDeclaredPortOnAnotherNveMovesThatVm() {
        final var outcome = service.portAdded(N3, VM2_TAP, DETECTION).orElseThrow();

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        final var location = service.current().state().location(VM2).orElseThrow();
        assertEquals(N3, location.nve());
        assertEquals(VM2_TAP, location.port());
        assertEquals(MoveTrigger.PORT_ADDED, location.learnedFrom());
        final var migration = service.current().state().migration(outcome.migration().id()).orElseThrow();
        assertEquals(MoveTrigger.PORT_ADDED, migration.trigger());
        assertEquals(N2, migration.fromNve());
        assertEquals(N3, migration.toNve());
        // the programming was acknowledged at once: converged, with the port-status as its detection
        assertEquals(MigrationState.CONVERGED, migration.state());
        assertEquals(DETECTION.by(), migration.timeline().detectedBy());
        // the old and the new NVE first; n1 hosts vm2's VNI and is re-pointed; the VM's scope only
        assertEquals(List.of(N2, N3, N1), nves.nves());
        final var vm2Scope = new FlowScope.OfVm(VM2);
        assertTrue(nves.programmed.toString(), nves.programmed.stream()
            .allMatch(programmed -> programmed.scopes().contains(vm2Scope)));
        final var atN1 = nves.programmed.get(2).scopes();
        assertEquals("n1 re-compiles vm2 only: " + atN1, Set.of(vm2Scope), atN1.scopes());
        assertTrue("the old NVE starts redirecting", service.current().state().redirect(VM2, N2).isPresent());
    }

    @Test
    public void theNameOnTheVmsOwnNveChangesNothing() {
        final var before = service.current();

        final var outcome = service.portAdded(N2, VM2_TAP, DETECTION).orElseThrow();

        assertEquals(MoveVerdict.UNCHANGED, outcome.verdict());
        assertSame("the same view", before, service.current());
        assertEquals(List.of(), nves.programmed);
        assertTrue(service.current().state().migrations().isEmpty());
    }

    @Test
    public void aNameNoVmDeclaresMovesNothing() {
        final var before = service.current();

        assertEquals(Optional.empty(), service.portAdded(N3, new PortName("tap-nobody"), DETECTION));
        assertSame(before, service.current());
        assertEquals(List.of(), nves.programmed);
    }

    @Test
    public void aNameTwoVmsDeclareMovesNeither() {
        // vm4 is placed on n3 and declares vm1's tap name too
        final var fabric = fabric();
        final var vms = new HashMap<>(fabric.vms());
        final var vm4 = vms.get(VM4);
        vms.put(VM4, new Vm(VM4, vm4.vni(), vm4.mac(), vm4.ips(), N3, new PortName("vm1-eth0")));
        service.fabricChanged(new FabricSnapshot(fabric.settings(), fabric.nves(), fabric.networks(), vms));
        nves.clear();
        final var before = service.current();

        assertEquals(Optional.empty(), service.portAdded(N2, new PortName("vm1-eth0"), DETECTION));

        assertSame(before, service.current());
        assertEquals(List.of(), nves.programmed);
        assertEquals(N1, service.current().fabric().vm(VM1).orElseThrow().nve());
        assertTrue(service.current().state().location(VM1).isEmpty());
        assertTrue(service.current().state().location(VM4).isEmpty());
        // the name the intent no longer declares twice moves its one VM again
        service.fabricChanged(fabric);
        assertEquals(MoveVerdict.MOVED, service.portAdded(N2, new PortName("vm1-eth0"), DETECTION)
            .orElseThrow().verdict());
        assertEquals(N2, service.current().state().location(VM1).orElseThrow().nve());
    }

    @Test
    public void anAnnouncedVmMovesWhenItsTargetPortAppearsAsAnOrchestratorMove() {
        // announced onto n3 on a port named as vm3's: the announcement decides, not the declared name
        final var announced = service.announce(VM2, N3, new PortName("vm3-eth0"));
        assertEquals("", announced.refusal());
        nves.clear();

        assertEquals("the port elsewhere is not the announced one", Optional.empty(),
            service.portAdded(N2, new PortName("tap-nobody"), DETECTION));
        final var outcome = service.portAdded(N3, new PortName("vm3-eth0"), DETECTION).orElseThrow();

        assertEquals(MoveVerdict.MOVED, outcome.verdict());
        final var location = service.current().state().location(VM2).orElseThrow();
        assertEquals(N3, location.nve());
        assertEquals(new PortName("vm3-eth0"), location.port());
        assertEquals(MoveTrigger.ORCHESTRATOR, location.learnedFrom());
        assertEquals("vm3 stays where the intent placed it", Optional.empty(),
            service.current().state().location(VM3));
        assertEquals(announced.migration().id(), outcome.migration().id());
        assertEquals(List.of(N2, N3), nves.nves().subList(0, 2));
    }

    @Test
    public void theHandlerHandsPortAdditionsAndDeletionsToTheService() {
        final var n3 = fabric().nve(N3).orElseThrow().datapathId();
        handler.portChanged(new PortChange(n3, N3, PortChangeKind.MODIFIED, 9, "vm2-eth0", true, 900));
        assertTrue("a modified port moves nothing", service.current().state().location(VM2).isEmpty());

        handler.portChanged(new PortChange(n3, N3, PortChangeKind.ADDED, 9, "vm2-eth0", true, 1_000));

        final var location = service.current().state().location(VM2).orElseThrow();
        assertEquals(N3, location.nve());
        assertEquals(MoveTrigger.PORT_ADDED, location.learnedFrom());
        final var migration = service.current().state().migrations().values().iterator().next();
        assertTrue(migration.timeline().detectedBy(), migration.timeline().detectedBy().contains("vm2-eth0"));

        // an announced move takes effect when the VM's old port goes
        assertEquals("", service.announce(VM1, N2, new PortName("vm1-new")).refusal());
        final var n1 = fabric().nve(N1).orElseThrow().datapathId();
        handler.portChanged(new PortChange(n1, N1, PortChangeKind.DELETED, 5, "vm1-eth0", false, 2_000));
        final var vm1 = service.current().state().location(VM1).orElseThrow();
        assertEquals(N2, vm1.nve());
        assertEquals(MoveTrigger.ORCHESTRATOR, vm1.learnedFrom());
    }
}
