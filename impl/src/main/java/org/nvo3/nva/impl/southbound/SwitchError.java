/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadActionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadInstructionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadMatchErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFExperimenterErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFFlowModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFGroupModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFMeterModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFPortModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFQueueOpFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFRoleRequestFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFSwitchConfigFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFTableFeaturesFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFTableModFailedErrorMsg;

/**
 * An OpenFlow error a switch reported, reduced to what a log line or a caller needs.
 *
 * @param type the error type, e.g. {@code FLOW_MOD_FAILED}
 * @param code the error code within the type, e.g. {@code TABLE_FULL}
 * @param xid the transaction id of the request the switch refused
 */
public record SwitchError(String type, String code, long xid) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SwitchError {
        requireNonNull(type);
        requireNonNull(code);
    }

    /**
     * Reads an OpenFlow 1.3 error message; each error type carries its code in its own subtype.
     *
     * @param message the error message
     * @return the error
     */
    public static SwitchError of(final OFErrorMsg message) {
        final String code = switch (message) {
            case OFHelloFailedErrorMsg msg -> msg.getCode().name();
            case OFBadRequestErrorMsg msg -> msg.getCode().name();
            case OFBadActionErrorMsg msg -> msg.getCode().name();
            case OFBadInstructionErrorMsg msg -> msg.getCode().name();
            case OFBadMatchErrorMsg msg -> msg.getCode().name();
            case OFFlowModFailedErrorMsg msg -> msg.getCode().name();
            case OFGroupModFailedErrorMsg msg -> msg.getCode().name();
            case OFPortModFailedErrorMsg msg -> msg.getCode().name();
            case OFTableModFailedErrorMsg msg -> msg.getCode().name();
            case OFQueueOpFailedErrorMsg msg -> msg.getCode().name();
            case OFSwitchConfigFailedErrorMsg msg -> msg.getCode().name();
            case OFRoleRequestFailedErrorMsg msg -> msg.getCode().name();
            case OFMeterModFailedErrorMsg msg -> msg.getCode().name();
            case OFTableFeaturesFailedErrorMsg msg -> msg.getCode().name();
            case OFExperimenterErrorMsg msg -> String.format("experimenter 0x%08x subtype %d", msg.getExperimenter(),
                msg.getSubtype());
            default -> "unknown";
        };
        return new SwitchError(message.getErrType().name(), code, message.getXid());
    }

    @Override
    public String toString() {
        return type + "/" + code + " for xid " + xid;
    }
}
