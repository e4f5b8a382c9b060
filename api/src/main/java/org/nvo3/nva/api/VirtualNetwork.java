/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

/**
 * A tenant's virtual network, identified by its VNI.
 *
 * @param vni the VNI
 * @param name a display name, possibly empty
 * @param tenant the owning tenant, possibly empty
 * @param mode L2 (bridged) or L3 (routed)
 */
public record VirtualNetwork(Vni vni, String name, String tenant, OverlayMode mode) {
    public VirtualNetwork {
        requireNonNull(vni);
        requireNonNull(name);
        requireNonNull(tenant);
        requireNonNull(mode);
    }
}
