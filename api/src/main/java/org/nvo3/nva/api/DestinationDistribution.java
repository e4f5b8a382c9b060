/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * Which remote destinations an NVE is given flows for (fabric/settings destination-distribution).
 */
public enum DestinationDistribution {
    /** Every placed VM of every VNI the NVE hosts, proactively. */
    PUSH,
    /**
     * The NVE's own VMs proactively; a remote VM only after the NVE asked for it (a miss punted to the NVA),
     * with an idle timeout. Needs unknown-destination pull.
     */
    ON_DEMAND
}
