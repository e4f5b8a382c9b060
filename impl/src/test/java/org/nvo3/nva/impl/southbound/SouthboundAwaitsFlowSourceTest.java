/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.impl.flow.FlowScope;
import org.nvo3.nva.impl.flow.ForwardingState;
import org.nvo3.nva.impl.flow.ReferenceCompiler;
import org.nvo3.nva.impl.flow.ScopedFlows;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.state.Nve;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;

/**
 * The running NVA's southbound: a switch that connects before mobility hands over its flow source (after a
 * controller restart, while the learned state is restored) is not synchronised to the intent alone, which would
 * re-point it to the intent's placements and back; it is synchronised once, to the flow source.
 */
public class SouthboundAwaitsFlowSourceTest extends AbstractSouthboundComponentTest {
    @Override
    protected SouthboundComponent newSouthbound(final OpenFlowServerSettings settings) throws Exception {
        // no punt meter: the switch is ready for its first sync as soon as it connected
        return new SouthboundComponent(getDataBroker(), fixture.directory(), settings, new PuntMeterSettings(0, 0),
            Clock.systemUTC(), false);
    }

    @Test
    public void aSwitchConnectedBeforeTheFlowSourceIsSynchronisedOnlyToIt() throws Exception {
        final var n1 = EmulatedSwitch.builder(clients, southbound.address(), 1).connect();
        try {
            fixture.signal().await("n1 connected", () -> row("n1").map(Nve::getConnected).orElse(false));
            assertNull("not synchronised yet", row("n1").orElseThrow().getLastSync());

            // the flow source: the intent's flows of n1 but one (as if a VM had moved away)
            final var intent = ReferenceCompiler.compile(ForwardingState.ofIntent(fixture.directory().snapshot(),
                Map.of()), new NveId("n1"), null);
            final var desired = intent.subList(1, intent.size());
            final List<NveId> asked = new CopyOnWriteArrayList<>();
            southbound.useFlowSource((nve, ports, meter, scopes) -> {
                asked.add(nve);
                // one scope is enough for a full synchronisation
                return ScopedFlows.of(Map.of(FlowScope.OfNve.INSTANCE, desired));
            });
            fixture.signal().await("n1 synced", () -> row("n1").orElseThrow().getLastSync() != null);
            assertTrue(asked.contains(new NveId("n1")));
            assertEquals("only the flow source's flows were added", desired.size(),
                n1.flowMods(OFFlowModCommand.ADD));
            assertEquals("nothing deleted", 0, n1.flowModsTotal() - desired.size());
            assertEquals(desired.size(), n1.table().flows().size());
        } finally {
            n1.close();
        }
    }
}
