/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * Which NVEs have an OpenFlow session with NVA right now.
 */
public interface NveConnections {
    /**
     * Tells whether the switch of a fabric/nve entry is connected and bound to it.
     *
     * @param nve the NVE
     * @return true when connected
     */
    boolean isConnected(NveId nve);
}
