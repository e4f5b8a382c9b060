/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;

/**
 * Where a VM is, as the flows are compiled: the NVE hosting it and, when known, its port there.
 *
 * @param nve the NVE
 * @param port the VM's OVS port on that NVE, or null until it is known
 */
public record Placement(NveId nve, @Nullable PortName port) {
    public Placement {
        requireNonNull(nve);
    }
}
