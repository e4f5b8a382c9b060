/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

/**
 * The ethertypes this codec knows.
 */
public final class EtherTypes {
    /** IPv4. */
    public static final int IPV4 = 0x0800;
    /** ARP (RFC 826). */
    public static final int ARP = 0x0806;
    /** An IEEE 802.1Q tag (TPID); the real ethertype follows the tag. */
    public static final int VLAN = 0x8100;
    /** Reverse ARP (RFC 903), which QEMU sends to announce a VM after a live migration. */
    public static final int RARP = 0x8035;
    /** IPv6. */
    public static final int IPV6 = 0x86DD;

    private EtherTypes() {
        // constants only
    }
}
