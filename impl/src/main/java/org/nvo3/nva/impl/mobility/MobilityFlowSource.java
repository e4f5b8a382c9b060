/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.flow.DesiredFlowSource;
import org.nvo3.nva.impl.flow.FlowCompiler;
import org.nvo3.nva.impl.flow.NvePorts;
import org.nvo3.nva.impl.flow.NveScopes;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.nvo3.nva.impl.flow.Redirect;
import org.nvo3.nva.impl.flow.ScopedFlows;

/**
 * Feeds the flow compiler from the mobility service: every NVE's desired flows are compiled from the
 * forwarding state ({@link ForwardingStates}) of the service's current view, with the NVE's ports.
 */
public final class MobilityFlowSource implements DesiredFlowSource, RedirectFlows {
    private final ForwardingStates states;
    private final Supplier<MobilityService.View> views;

    /**
     * Creates the source.
     *
     * @param states the forwarding states of the views, with the connected NVEs' ports
     * @param views the mobility service's current view
     */
    public MobilityFlowSource(final ForwardingStates states, final Supplier<MobilityService.View> views) {
        this.states = requireNonNull(states);
        this.views = requireNonNull(views);
    }

    @Override
    public ScopedFlows desired(final NveId nve, final NvePorts nvePorts, final @Nullable Long punterMeter,
            final NveScopes scopes) {
        states.portsOf(nve, nvePorts);
        final var view = views.get();
        if (view.fabric().nve(nve).isEmpty()) {
            return ScopedFlows.EMPTY;
        }
        return FlowCompiler.compileScopes(states.stateAt(view, nve), nve, punterMeter, scopes);
    }

    @Override
    public NveScopes portChangeScopes(final NveId nve, final NvePorts before, final NvePorts after) {
        final var view = views.get();
        return view.fabric().nve(nve).isEmpty() ? NveScopes.NONE : states.portChangeScopes(view, nve, before, after);
    }

    @Override
    public Optional<ActiveRedirect> redirectOf(final MobilityService.View view, final NveId nve, final int tableId,
            final long cookie) {
        if (tableId != PipelineTable.REDIRECT.id()) {
            return Optional.empty();
        }
        final var state = states.stateOf(view);
        for (var redirect : view.state().redirects()) {
            if (redirect.from().equals(nve)) {
                final var flow = new Redirect(redirect.vm(), redirect.from(),
                    view.fabric().settings().redirectSeconds());
                final var flowCookie = FlowCompiler.redirectCookie(state, flow);
                if (flowCookie.isPresent() && flowCookie.orElseThrow().value() == cookie) {
                    return Optional.of(redirect);
                }
            }
        }
        return Optional.empty();
    }
}
