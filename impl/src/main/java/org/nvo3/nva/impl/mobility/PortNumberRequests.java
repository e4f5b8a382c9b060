/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.PortName;

/**
 * Where an orchestrator's requested OpenFlow port numbers go (migrate-vm's {@code ofport}: the number the hypervisor
 * asked Open vSwitch to give the port it is about to add).
 */
@FunctionalInterface
public interface PortNumberRequests {
    /** Takes none. */
    PortNumberRequests NONE = (nve, port, ofport) -> { };

    /**
     * Takes the number requested for a port an NVE does not describe yet.
     *
     * @param nve the NVE
     * @param port the port's name
     * @param ofport the requested OpenFlow port number
     */
    void requested(NveId nve, PortName port, long ofport);
}
