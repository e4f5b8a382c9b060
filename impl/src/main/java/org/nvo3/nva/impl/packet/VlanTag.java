/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

/**
 * An IEEE 802.1Q tag's control information.
 *
 * @param priority the priority code point, 0..7
 * @param dropEligible the drop eligible indicator
 * @param vlanId the VLAN identifier, 0..4095 (0: priority tag only)
 */
public record VlanTag(int priority, boolean dropEligible, int vlanId) {
    private static final int DEI_BIT = 0x1000;
    private static final int VID_MASK = 0x0FFF;

    public VlanTag {
        if (priority < 0 || priority > 7) {
            throw new IllegalArgumentException("802.1Q priority " + priority + " is outside 0..7");
        }
        if (vlanId < 0 || vlanId > VID_MASK) {
            throw new IllegalArgumentException("802.1Q VLAN id " + vlanId + " is outside 0..4095");
        }
    }

    /**
     * Reads the 16-bit tag control information as it is on the wire.
     *
     * @param tci the TCI, 0..0xffff
     * @return the tag
     */
    public static VlanTag fromTci(final int tci) {
        if (tci < 0 || tci > 0xFFFF) {
            throw new IllegalArgumentException("802.1Q TCI " + tci + " is wider than 16 bits");
        }
        return new VlanTag(tci >>> 13, (tci & DEI_BIT) != 0, tci & VID_MASK);
    }

    /**
     * Returns the 16-bit tag control information as it is on the wire.
     *
     * @return the TCI
     */
    public int tci() {
        return priority << 13 | (dropEligible ? DEI_BIT : 0) | vlanId;
    }
}
