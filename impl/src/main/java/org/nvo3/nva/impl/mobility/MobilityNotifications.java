/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.List;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;

/**
 * Where the mobility service announces what happened (the YANG notifications vm-moved and
 * duplicate-address).
 */
public interface MobilityNotifications {
    /**
     * A VM moved and every affected NVE acknowledged.
     *
     * @param migration the converged migration
     */
    void vmMoved(Migration migration);

    /**
     * Duplicate-address detection froze a VM.
     *
     * @param vm the VM
     * @param nves the NVEs it was claimed at within the window, the frozen location first
     */
    void duplicateAddress(Vm vm, List<NveId> nves);
}
