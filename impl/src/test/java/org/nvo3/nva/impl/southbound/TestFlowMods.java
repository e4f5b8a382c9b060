/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Small OpenFlow 1.3 flow-mods for connection-layer tests (the real flow model lives elsewhere).
 */
final class TestFlowMods {
    static final OFFactory FACTORY = OFFactories.getFactory(OFVersion.OF_13);

    private TestFlowMods() {
        // static factories only
    }

    static Match inPort(final int port) {
        return FACTORY.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(port)).build();
    }

    static List<OFInstruction> outputTo(final int port) {
        return List.of(FACTORY.instructions().applyActions(List.of(FACTORY.actions().output(OFPort.of(port),
            0xFFFF))));
    }

    static OFFlowMod add(final int table, final int priority, final Match match, final long cookie,
            final List<OFInstruction> instructions) {
        return FACTORY.buildFlowAdd()
            .setTableId(TableId.of(table))
            .setPriority(priority)
            .setMatch(match)
            .setCookie(U64.of(cookie))
            .setInstructions(instructions)
            .build();
    }

    static OFFlowMod addNotifyingRemoval(final int table, final int priority, final Match match, final long cookie) {
        return FACTORY.buildFlowAdd()
            .setTableId(TableId.of(table))
            .setPriority(priority)
            .setMatch(match)
            .setCookie(U64.of(cookie))
            .setInstructions(outputTo(1))
            .setFlags(Set.of(OFFlowModFlags.SEND_FLOW_REM))
            .build();
    }

    static OFFlowMod modifyStrict(final int table, final int priority, final Match match,
            final List<OFInstruction> instructions) {
        return FACTORY.buildFlowModifyStrict()
            .setTableId(TableId.of(table))
            .setPriority(priority)
            .setMatch(match)
            .setInstructions(instructions)
            .build();
    }

    static OFFlowMod deleteStrict(final int table, final int priority, final Match match) {
        return FACTORY.buildFlowDeleteStrict()
            .setTableId(TableId.of(table))
            .setPriority(priority)
            .setMatch(match)
            .setOutPort(OFPort.ANY)
            .build();
    }

    static OFFlowMod deleteByCookie(final long cookie, final long mask) {
        return FACTORY.buildFlowDelete()
            .setTableId(TableId.ALL)
            .setMatch(FACTORY.matchWildcardAll())
            .setCookie(U64.of(cookie))
            .setCookieMask(U64.of(mask))
            .setOutPort(OFPort.ANY)
            .build();
    }
}
