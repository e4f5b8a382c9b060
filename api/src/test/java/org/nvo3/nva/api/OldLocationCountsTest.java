/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import org.junit.Test;

public class OldLocationCountsTest {
    @Test
    public void countsAddUp() {
        assertEquals(new OldLocationCounts(3, 1), OldLocationCounts.NONE.plus(new OldLocationCounts(1, 1))
            .plus(new OldLocationCounts(1, 0)).plus(new OldLocationCounts(1, 0)));
    }

    @Test
    public void moreErrorsThanPacketsOrNegativeCountsAreRefused() {
        final var ex = assertThrows(IllegalArgumentException.class, () -> new OldLocationCounts(1, 2));
        assertEquals("old-location counts need 0 <= icmp-unreachable-sent <= packets, not 2 of 1", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OldLocationCounts(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OldLocationCounts(1, -1));
    }

    @Test
    public void aMigrationGetsItsCountsWhenItsRedirectExpiresAndLosesThemWhenItMovesAgain() {
        final var at = Instant.parse("2026-11-22T10:00:00Z");
        final var converged = Migration.start("vm1@1", new VmId("vm1"), new NveId("n1"), new NveId("n2"),
            MoveTrigger.RARP, MigrationState.ANNOUNCED, at, "").moving(new NveId("n1"), MoveTrigger.RARP, at,
            at.plusSeconds(5)).converged(at);
        assertEquals(OldLocationCounts.NONE, converged.oldLocation());

        final var expired = converged.redirectExpired(4, new OldLocationCounts(3, 2));
        assertEquals(MigrationState.REDIRECT_EXPIRED, expired.state());
        assertEquals(new OldLocationCounts(3, 2), expired.oldLocation());
        assertEquals(new OldLocationCounts(3, 2), expired.withState(MigrationState.FAILED, "why").oldLocation());
        assertEquals(OldLocationCounts.NONE, expired.moving(new NveId("n2"), MoveTrigger.RARP, at, null)
            .oldLocation());
    }
}
