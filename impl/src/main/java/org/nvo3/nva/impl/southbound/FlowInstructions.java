/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.impl.flow.FlowAction;
import org.nvo3.nva.impl.flow.FlowEntry;
import org.nvo3.nva.impl.flow.PipelineTable;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.types.TableId;

/**
 * The instruction part of a flow in NVA's terms (meter, apply-actions, goto-table), and its translation
 * to and from Loxi instructions.
 *
 * @param actions the apply-actions list
 * @param gotoTable the goto-table target, or null
 * @param meterId the meter, or null
 */
record FlowInstructions(List<FlowAction> actions, @Nullable PipelineTable gotoTable, @Nullable Long meterId) {
    FlowInstructions {
        actions = List.copyOf(actions);
    }

    static FlowInstructions of(final FlowEntry entry) {
        return new FlowInstructions(entry.actions(), entry.gotoTable(), entry.meterId());
    }

    /**
     * Builds the instructions in the order OpenFlow 1.3 executes them: meter, apply-actions, goto-table.
     * An empty action list is left out, as Open vSwitch reports it.
     *
     * @param factory the OpenFlow 1.3 factory
     * @return the instructions
     */
    List<OFInstruction> toLoxi(final OFFactory factory) {
        final var instructions = factory.instructions();
        final var result = new ArrayList<OFInstruction>(3);
        if (meterId != null) {
            result.add(instructions.meter(meterId));
        }
        if (!actions.isEmpty()) {
            result.add(instructions.applyActions(ActionTranslator.toLoxi(actions, factory)));
        }
        if (gotoTable != null) {
            result.add(instructions.gotoTable(TableId.of(gotoTable.id())));
        }
        return result;
    }

    /**
     * Reads the instructions a switch reported, in any order.
     *
     * @param instructions the Loxi instructions
     * @return the same instructions in NVA's terms
     * @throws IllegalArgumentException if an instruction is not one NVA uses or appears twice
     */
    static FlowInstructions fromLoxi(final List<OFInstruction> instructions) {
        List<FlowAction> actions = null;
        PipelineTable gotoTable = null;
        Long meterId = null;
        for (var instruction : instructions) {
            switch (instruction) {
                case OFInstructionApplyActions apply -> {
                    once(actions, instruction);
                    actions = ActionTranslator.fromLoxi(apply.getActions());
                }
                case OFInstructionGotoTable gotoInstruction -> {
                    once(gotoTable, instruction);
                    final int id = gotoInstruction.getTableId().getValue();
                    gotoTable = PipelineTable.byId(id).orElseThrow(
                        () -> new IllegalArgumentException("goto-table " + id + " leaves NVA's pipeline"));
                }
                case OFInstructionMeter meter -> {
                    once(meterId, instruction);
                    meterId = meter.getMeterId();
                }
                default -> throw new IllegalArgumentException("instruction " + instruction.getType()
                    + " is not one NVA uses");
            }
        }
        return new FlowInstructions(actions == null ? List.of() : actions, gotoTable, meterId);
    }

    private static void once(final @Nullable Object previous, final OFInstruction instruction) {
        if (previous != null) {
            throw new IllegalArgumentException("instruction " + instruction.getType() + " appears twice");
        }
    }
}
