/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nvo3.nva.impl.flow.FlowMatchField.EthType;
import org.nvo3.nva.impl.flow.FlowMatchField.Icmpv6Type;
import org.nvo3.nva.impl.flow.FlowMatchField.IpProto;

/**
 * The OpenFlow 1.3 match prerequisites (specification table 12) for the fields NVA uses: a switch
 * refuses a match whose prerequisites are missing, so NVA refuses it first.
 */
final class MatchPrerequisites {
    /**
     * One prerequisite: the match must also hold {@code needs} with one of {@code values}.
     */
    private record Rule(MatchField needs, Set<Integer> values, String meaning) {
    }

    private static final Rule IPV4 = new Rule(MatchField.ETH_TYPE, Set.of(EthType.IPV4), "IPv4");
    private static final Rule IPV6 = new Rule(MatchField.ETH_TYPE, Set.of(EthType.IPV6), "IPv6");
    private static final Rule ARP = new Rule(MatchField.ETH_TYPE, Set.of(EthType.ARP), "ARP");
    private static final Rule ICMPV6 = new Rule(MatchField.IP_PROTO, Set.of(IpProto.ICMPV6), "ICMPv6");
    private static final Map<MatchField, List<Rule>> RULES = Map.of(
        MatchField.IP_PROTO, List.of(new Rule(MatchField.ETH_TYPE, Set.of(EthType.IPV4, EthType.IPV6),
            "IPv4 or IPv6")),
        MatchField.IPV4_DST, List.of(IPV4),
        MatchField.ARP_OP, List.of(ARP),
        MatchField.ARP_SPA, List.of(ARP),
        MatchField.ARP_TPA, List.of(ARP),
        MatchField.IPV6_DST, List.of(IPV6),
        MatchField.ICMPV6_TYPE, List.of(IPV6, ICMPV6),
        MatchField.IPV6_ND_TARGET, List.of(new Rule(MatchField.ICMPV6_TYPE,
            Set.of(Icmpv6Type.NEIGHBOR_SOLICITATION, Icmpv6Type.NEIGHBOR_ADVERTISEMENT),
            "a neighbour solicitation or advertisement")));

    private MatchPrerequisites() {
        // no instances
    }

    /**
     * Checks every field's prerequisites.
     *
     * @param fields the match's fields by field
     * @throws IllegalArgumentException naming the first field whose prerequisite is missing or different
     */
    static void check(final Map<MatchField, FlowMatchField> fields) {
        for (var field : fields.keySet()) {
            for (var rule : RULES.getOrDefault(field, List.of())) {
                final var present = fields.get(rule.needs());
                if (present == null || !rule.values().contains(valueOf(present))) {
                    throw new IllegalArgumentException("match field " + field.ovsName() + " needs "
                        + format(rule.needs(), rule.values()) + " (" + rule.meaning() + "), but the match has "
                        + (present == null ? "no " + rule.needs().ovsName()
                            : format(rule.needs(), Set.of(valueOf(present)))));
                }
            }
        }
    }

    private static int valueOf(final FlowMatchField field) {
        return switch (field) {
            case EthType ethType -> ethType.value();
            case IpProto ipProto -> ipProto.value();
            case Icmpv6Type icmpv6Type -> icmpv6Type.value();
            default -> throw new IllegalStateException("no prerequisite is stated on " + field.field());
        };
    }

    private static String format(final MatchField field, final Set<Integer> values) {
        final var text = values.stream().sorted()
            .map(value -> field == MatchField.ETH_TYPE ? String.format(Locale.ROOT, "0x%04x", value)
                : Integer.toString(value))
            .toList();
        return field.ovsName() + "=" + String.join(" or ", text);
    }
}
