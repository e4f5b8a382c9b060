/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.Optional;
import org.nvo3.nva.api.DestinationDistribution;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;
import org.nvo3.nva.impl.flow.ForwardingIndex.PlacedVm;

/**
 * Destination-distribution on-demand, for the compiler and {@link ChangedScopes}: an NVE gets a destination
 * flow for each of its own VMs, and for a remote VM only when it demanded it ({@link ForwardingState#demands()});
 * such a pulled flow has the fabric's pull-idle-seconds as idle timeout and reports its removal. With
 * {@code push} every NVE hosting a VNI gets every placed VM of it, demands or not.
 *
 * <p>So in on-demand mode a VM's flows exist only at its own NVE, at the NVEs that demanded it and at the
 * old NVEs of its redirects: a change of the VM affects those NVEs only, not every NVE hosting its VNI.
 */
public final class OnDemandDestinations {
    private OnDemandDestinations() {
        // no instances
    }

    /**
     * Tells whether a state's fabric distributes destinations on demand.
     *
     * @param state the state
     * @return true for on-demand
     */
    public static boolean onDemand(final ForwardingState state) {
        return state.fabric().settings().destinationDistribution() == DestinationDistribution.ON_DEMAND;
    }

    /**
     * Returns the cookie a pulled destination flow for a VM has at any NVE: it depends on the VM's VNI and
     * MAC only, so the switch's flow-removed message maps back to the demand.
     *
     * @param vm the VM
     * @return the cookie
     */
    public static FlowCookie cookie(final Vm vm) {
        return new FlowKey(PipelineTable.L2_DESTINATION, FlowCompiler.PRIORITY,
            FlowMatch.of(TunnelId.of(vm.vni()), new EthDst(vm.mac()))).cookie();
    }

    /**
     * Finds the VM whose pulled flow an NVE removed.
     *
     * @param state the forwarding state
     * @param nve the NVE
     * @param tableId the removed flow's table
     * @param cookie the removed flow's cookie
     * @return the VM the NVE demanded and whose flow that was; empty when it was no pulled flow
     */
    public static Optional<VmId> demandOf(final ForwardingState state, final NveId nve, final int tableId,
            final long cookie) {
        if (tableId != PipelineTable.L2_DESTINATION.id()) {
            return Optional.empty();
        }
        for (var id : state.demands().demandedBy(nve)) {
            final var vm = state.fabric().vms().get(id);
            if (vm != null && cookie(vm).value() == cookie) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** Whether an NVE gets a destination flow for a placed VM of a VNI it hosts. */
    static boolean distributes(final ForwardingState state, final NveId nve, final PlacedVm placed) {
        return !onDemand(state) || placed.placement().nve().equals(nve)
            || state.demands().contains(nve, placed.vm().id());
    }

    /** Gives a destination flow towards a remote VM its idle timeout and removal notice in on-demand mode. */
    static FlowEntry remote(final ForwardingState state, final FlowEntry flow) {
        if (!onDemand(state)) {
            return flow;
        }
        return new FlowEntry(flow.table(), flow.priority(), flow.match(), flow.actions(), flow.gotoTable(),
            flow.meterId(), state.fabric().settings().pullIdleSeconds(), flow.hardTimeout(), true);
    }

    /** Whether the settings that decide every NVE's destination flows differ. */
    static boolean settingsDiffer(final ForwardingState before, final ForwardingState after) {
        final var old = before.fabric().settings();
        final var now = after.fabric().settings();
        return old.destinationDistribution() != now.destinationDistribution()
            || onDemand(after) && old.pullIdleSeconds() != now.pullIdleSeconds();
    }
}
