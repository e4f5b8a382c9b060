/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nvo3.nva.impl.flow.FlowDiff;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.FlowModification;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.ver13.OFFactoryVer13;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Translates NVA's flows to OpenFlow 1.3 flow-mods. Every modify and delete is strict and carries the
 * flow's cookie with a full mask, so it can only ever touch that one flow. Each message gets the next xid
 * of Loxi's OpenFlow 1.3 factory; the connection may assign its own.
 */
public final class FlowModTranslator {
    private static final OFFactory FACTORY = OFFactoryVer13.INSTANCE;

    private FlowModTranslator() {
        // no instances
    }

    /**
     * Returns the flow-mods that carry out a diff, in the order to send them: deletes, modifications,
     * adds (a barrier follows them).
     *
     * @param diff the diff
     * @return the flow-mods
     */
    public static List<OFFlowMod> flowMods(final FlowDiff diff) {
        final var flowMods = new ArrayList<OFFlowMod>(diff.size());
        diff.deletes().forEach(entry -> flowMods.add(delete(entry)));
        diff.modifies().forEach(modification -> flowMods.add(modify(modification)));
        diff.adds().forEach(entry -> flowMods.add(add(entry)));
        return flowMods;
    }

    /**
     * Builds the OFPFC_ADD that installs a flow (or replaces the flow with its key).
     *
     * @param entry the flow
     * @return the flow-mod
     */
    public static OFFlowMod add(final FlowEntry entry) {
        return withContent(FACTORY.buildFlowAdd(), entry);
    }

    /**
     * Fills what an ADD and a MODIFY_STRICT of one flow share: its key, cookie, instructions,
     * timeouts and flags.
     */
    private static OFFlowMod withContent(final OFFlowMod.Builder builder, final FlowEntry entry) {
        return builder
            .setTableId(TableId.of(entry.table().id()))
            .setPriority(entry.priority())
            .setMatch(MatchTranslator.toLoxi(entry.match(), FACTORY))
            .setCookie(U64.of(entry.cookie().value()))
            .setInstructions(FlowInstructions.of(entry).toLoxi(FACTORY))
            .setIdleTimeout(entry.idleTimeout())
            .setHardTimeout(entry.hardTimeout())
            .setFlags(flags(entry))
            .setBufferId(OFBufferId.NO_BUFFER)
            .setOutPort(OFPort.ANY)
            .setOutGroup(OFGroup.ANY)
            .build();
    }

    /**
     * Builds what changes an installed flow into the desired one: OFPFC_MODIFY_STRICT when only its
     * instructions change, otherwise an OFPFC_ADD that replaces it (an OpenFlow 1.3 modify keeps the
     * installed timeouts and flags).
     *
     * @param modification the installed and desired versions
     * @return the flow-mod
     */
    public static OFFlowMod modify(final FlowModification modification) {
        final var entry = modification.desired();
        if (!modification.instructionsOnly()) {
            return add(entry);
        }
        return withContent(FACTORY.buildFlowModifyStrict().setCookieMask(U64.NO_MASK), entry);
    }

    /**
     * Builds the OFPFC_DELETE_STRICT that removes one NVA flow.
     *
     * @param entry the flow
     * @return the flow-mod
     */
    public static OFFlowMod delete(final FlowEntry entry) {
        return deleteStrict(TableId.of(entry.table().id()), entry.priority(),
            MatchTranslator.toLoxi(entry.match(), FACTORY), U64.of(entry.cookie().value()));
    }

    /**
     * Builds the OFPFC_DELETE_STRICT that removes a flow NVA did not install (or no longer recognises),
     * exactly as the switch reported it.
     *
     * @param foreign the flow as the switch reported it
     * @return the flow-mod
     */
    public static OFFlowMod deleteForeign(final OFFlowStatsEntry foreign) {
        return deleteStrict(foreign.getTableId(), foreign.getPriority(), foreign.getMatch(), foreign.getCookie());
    }

    private static OFFlowMod deleteStrict(final TableId table, final int priority,
            final org.projectfloodlight.openflow.protocol.match.Match match, final U64 cookie) {
        return FACTORY.buildFlowDeleteStrict()
            .setTableId(table)
            .setPriority(priority)
            .setMatch(match)
            .setCookie(cookie)
            .setCookieMask(U64.NO_MASK)
            .setBufferId(OFBufferId.NO_BUFFER)
            .setOutPort(OFPort.ANY)
            .setOutGroup(OFGroup.ANY)
            .build();
    }

    private static Set<OFFlowModFlags> flags(final FlowEntry entry) {
        return entry.notifyOnRemoval() ? EnumSet.of(OFFlowModFlags.SEND_FLOW_REM)
            : EnumSet.noneOf(OFFlowModFlags.class);
    }
}
