/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;


import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.N2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM1;
import static org.nvo3.nva.impl.mobility.MobilityFabric.VM2;
import static org.nvo3.nva.impl.mobility.MobilityFabric.fabric;

import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * A forwarding state's redirects: one VM has at most one redirect per old NVE, whatever their durations.
 */
public class ForwardingStateRedirectsTest {
    @Test
    public void redirectsOfOneDurationFromDistinctPlacesAreKept() {
        final var redirects = Set.of(new Redirect(VM1, N1, 30), new Redirect(VM1, N2, 30), new Redirect(VM2, N1, 30));

        assertEquals(redirects, new ForwardingState(fabric(), Map.of(), Map.of(), redirects).redirects());
    }

    @Test
    public void twoRedirectsOfOneVmFromOneNveAreRefused() {
        final var redirects = Set.of(new Redirect(VM1, N1, 30), new Redirect(VM1, N1, 60), new Redirect(VM2, N1, 30));

        final var refused = assertThrows(IllegalArgumentException.class,
            () -> new ForwardingState(fabric(), Map.of(), Map.of(), redirects));
        assertEquals(true, refused.getMessage().contains("VM vm1 has two redirects from n1"));
    }
}
