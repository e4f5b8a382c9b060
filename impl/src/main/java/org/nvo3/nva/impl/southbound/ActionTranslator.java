/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.List;
import org.nvo3.nva.impl.flow.FlowAction;
import org.nvo3.nva.impl.flow.FlowAction.DecrementTtl;
import org.nvo3.nva.impl.flow.FlowAction.Output;
import org.nvo3.nva.impl.flow.FlowAction.OutputController;
import org.nvo3.nva.impl.flow.FlowAction.OutputInPort;
import org.nvo3.nva.impl.flow.FlowAction.SetEthDst;
import org.nvo3.nva.impl.flow.FlowAction.SetEthSrc;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelDst;
import org.nvo3.nva.impl.flow.FlowAction.SetTunnelId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionDecNwTtl;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthDst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelId;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelIpv4Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelIpv6Dst;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Translates NVA's {@link FlowAction}s to Loxi actions and back. Tunnel endpoints are Nicira
 * extension fields set with an OpenFlow 1.3 set-field: tun_dst (NXM_NX_TUN_IPV4_DST) for an IPv4
 * underlay, tun_ipv6_dst (NXM_NX_TUN_IPV6_DST) for an IPv6 one. A TTL decrement is the standard
 * OFPAT_DEC_NW_TTL, which Open vSwitch reports back as such (not as Nicira's dec_ttl).
 */
final class ActionTranslator {
    /** The max_len of an output to an ordinary port, where it means nothing. */
    private static final int NO_MAX_LENGTH = 0;

    private ActionTranslator() {
        // no instances
    }

    static List<OFAction> toLoxi(final List<FlowAction> actions, final OFFactory factory) {
        return actions.stream().map(action -> toLoxi(action, factory)).toList();
    }

    private static OFAction toLoxi(final FlowAction action, final OFFactory factory) {
        final var actions = factory.actions();
        final var oxms = factory.oxms();
        return switch (action) {
            case Output output -> actions.output(OFPort.of((int) output.port()), NO_MAX_LENGTH);
            case OutputInPort() -> actions.output(OFPort.IN_PORT, NO_MAX_LENGTH);
            case OutputController controller -> actions.output(OFPort.CONTROLLER, controller.maxLength());
            case SetTunnelId tunnelId -> actions.setField(oxms.tunnelId(U64.of(tunnelId.key())));
            case SetTunnelDst tunnelDst -> actions.setField(tunnelDst.address().isIpv6()
                ? oxms.tunnelIpv6Dst(LoxiAddresses.toIpv6(tunnelDst.address()))
                : oxms.tunnelIpv4Dst(LoxiAddresses.toIpv4(tunnelDst.address())));
            case SetEthDst ethDst -> actions.setField(oxms.ethDst(LoxiAddresses.toLoxi(ethDst.mac())));
            case SetEthSrc ethSrc -> actions.setField(oxms.ethSrc(LoxiAddresses.toLoxi(ethSrc.mac())));
            case DecrementTtl() -> actions.decNwTtl();
        };
    }

    /**
     * Reads an action list a switch reported.
     *
     * @param actions the Loxi actions
     * @return the same actions in NVA's terms
     * @throws IllegalArgumentException if an action is not one NVA uses
     */
    static List<FlowAction> fromLoxi(final List<OFAction> actions) {
        return actions.stream().map(ActionTranslator::fromLoxi).toList();
    }

    private static FlowAction fromLoxi(final OFAction action) {
        return switch (action) {
            case OFActionOutput output -> fromOutput(output);
            case OFActionSetField setField -> fromSetField(setField.getField());
            case OFActionDecNwTtl decNwTtl -> new DecrementTtl();
            default -> throw new IllegalArgumentException("action " + action.getType() + " is not one NVA uses");
        };
    }

    private static FlowAction fromOutput(final OFActionOutput output) {
        final var port = output.getPort();
        if (OFPort.IN_PORT.equals(port)) {
            return new OutputInPort();
        }
        if (OFPort.CONTROLLER.equals(port)) {
            return new OutputController(output.getMaxLen());
        }
        return new Output(Integer.toUnsignedLong(port.getPortNumber()));
    }

    private static FlowAction fromSetField(final OFOxm<?> field) {
        if (field.isMasked()) {
            throw new IllegalArgumentException("masked set-field of " + field.getMatchField().getName()
                + " is not one NVA uses");
        }
        return switch (field) {
            case OFOxmTunnelId tunnelId -> new SetTunnelId(tunnelId.getValue().getValue());
            case OFOxmTunnelIpv4Dst tunnelDst -> new SetTunnelDst(LoxiAddresses.fromLoxi(tunnelDst.getValue()));
            case OFOxmTunnelIpv6Dst tunnelDst -> new SetTunnelDst(LoxiAddresses.fromLoxi(tunnelDst.getValue()));
            case OFOxmEthDst ethDst -> new SetEthDst(LoxiAddresses.fromLoxi(ethDst.getValue()));
            case OFOxmEthSrc ethSrc -> new SetEthSrc(LoxiAddresses.fromLoxi(ethSrc.getValue()));
            default -> throw new IllegalArgumentException("set-field of " + field.getMatchField().getName()
                + " is not one NVA uses");
        };
    }
}
