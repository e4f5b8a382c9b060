/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * A VXLAN network identifier: 24 bits, 0 reserved.
 *
 * @param value the VNI, 1..16777215
 */
public record Vni(int value) implements Comparable<Vni> {
    public static final int MAX = 0xFFFFFF;

    public Vni {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("VNI " + value + " is outside 1.." + MAX);
        }
    }

    public static Vni of(final long value) {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("VNI " + value + " is outside 1.." + MAX);
        }
        return new Vni((int) value);
    }

    @Override
    public int compareTo(final Vni other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
