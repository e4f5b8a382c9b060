/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

/**
 * The OpenFlow 1.3 match fields NVA uses: what a VXLAN L2/L3 NVE needs, nothing more. Declared in
 * ascending OXM field order, which is also the canonical order of the fields in a {@link FlowMatch}
 * and in the cookie encoding.
 */
public enum MatchField {
    IN_PORT(0, "in_port", 4),
    ETH_DST(3, "dl_dst", 6),
    ETH_SRC(4, "dl_src", 6),
    ETH_TYPE(5, "dl_type", 2),
    IP_PROTO(10, "nw_proto", 1),
    IPV4_DST(12, "nw_dst", 4),
    ARP_OP(21, "arp_op", 2),
    ARP_SPA(22, "arp_spa", 4),
    ARP_TPA(23, "arp_tpa", 4),
    IPV6_DST(27, "ipv6_dst", 16),
    ICMPV6_TYPE(29, "icmpv6_type", 1),
    IPV6_ND_TARGET(31, "nd_target", 16),
    TUNNEL_ID(38, "tun_id", 8);

    private final int oxmField;
    private final String ovsName;
    private final int length;

    MatchField(final int oxmField, final String ovsName, final int length) {
        this.oxmField = oxmField;
        this.ovsName = ovsName;
        this.length = length;
    }

    /**
     * Returns the field's number in the OpenFlow basic OXM class (0x8000), a stable code for it.
     *
     * @return the OXM field number
     */
    public int oxmField() {
        return oxmField;
    }

    /**
     * Returns the name ovs-ofctl uses for this field, for logs and documentation.
     *
     * @return the ovs-ofctl field name
     */
    public String ovsName() {
        return ovsName;
    }

    /**
     * Returns the length of the field's value on the wire.
     *
     * @return the OXM payload length in bytes
     */
    public int length() {
        return length;
    }
}
