/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.ExternalGateway;
import org.nvo3.nva.api.RoutingDomain;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.nvo3.nva.impl.flow.FlowMatchField.EthDst;
import org.nvo3.nva.impl.flow.FlowMatchField.InPort;
import org.nvo3.nva.impl.flow.FlowMatchField.TunnelId;

/**
 * A gateway NVE's own flows for the routing domain it is the NVO3 gateway of, besides the domain's routes
 * ({@link ExternalRoutes}): packets from the external port are admitted into the domain's VNI; packets in the
 * domain's VNI are admitted from the VXLAN port (other NVEs' packets to external prefixes); the external router's
 * ARP and neighbour discovery go to the NVA, as a VM's do; and a packet to the domain's gateway MAC in the
 * domain's VNI continues at {@code L3_HOST_ROUTE}, where host routes take it to a VM and external routes out of
 * the external port.
 */
final class GatewayFlows {
    private GatewayFlows() {
        // no instances
    }

    /**
     * The flows of a routing domain's VNI at its gateway NVE, but the routes.
     *
     * @param ports the gateway NVE's ports
     * @param tunnel its VXLAN port number, or null when unknown
     * @param domain the routing domain
     * @param gateway the NVE's gateway of that domain
     * @param punterMeter the meter limiting packet-ins, or null
     * @return the external port's admission (while its number is known), the VXLAN admission (likewise), the four
     *     punts and the gateway MAC's flow, in pipeline order
     */
    static List<FlowEntry> of(final NvePorts ports, final @Nullable Long tunnel, final RoutingDomain domain,
            final ExternalGateway gateway, final @Nullable Long punterMeter) {
        final var flows = new ArrayList<FlowEntry>();
        final var external = ports.ofport(gateway.externalPort());
        if (external != null) {
            flows.add(externalAdmission(external, domain));
        }
        if (tunnel != null) {
            flows.add(FlowCompiler.tunnelAdmission(tunnel, domain.vni()));
        }
        FlowCompiler.addPunts(domain.vni(), punterMeter, flows);
        flows.add(toRouting(domain));
        return flows;
    }

    /** Admits everything from the external port into the domain's VNI. */
    static FlowEntry externalAdmission(final long external, final RoutingDomain domain) {
        return FlowEntry.of(PipelineTable.CLASSIFY, FlowCompiler.PRIORITY, FlowMatch.of(new InPort(external)),
            List.of(SetTunnelId.of(domain.vni())), PipelineTable.ARP_ND_RESPONDER);
    }

    /** Sends packets to the gateway MAC in the domain's VNI on to routing (the VNI stays). */
    static FlowEntry toRouting(final RoutingDomain domain) {
        return FlowEntry.of(PipelineTable.L2_DESTINATION, RoutingFlows.GATEWAY_PRIORITY,
            FlowMatch.of(TunnelId.of(domain.vni()), new EthDst(domain.gatewayMac())), List.of(),
            PipelineTable.L3_HOST_ROUTE);
    }
}
