/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.state;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;

/**
 * Writes instants as YANG date-and-time (RFC 3339, UTC).
 */
public final class YangTime {
    private YangTime() {
        // no instances
    }

    public static DateAndTime of(final Instant instant) {
        return new DateAndTime(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
}
