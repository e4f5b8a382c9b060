/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Optional;
import org.nvo3.nva.api.NveId;

/**
 * Maps a removed flow back to the redirect it implemented (the flow compiler knows the redirect flows'
 * cookies).
 */
@FunctionalInterface
public interface RedirectFlows {
    /**
     * Finds the redirect whose flow this was.
     *
     * @param view the current intent and mobility state
     * @param nve the NVE the flow was removed from
     * @param tableId the flow's table
     * @param cookie the flow's cookie
     * @return the redirect, or empty when the flow was not a redirect of the current state
     */
    Optional<ActiveRedirect> redirectOf(MobilityService.View view, NveId nve, int tableId, long cookie);
}
