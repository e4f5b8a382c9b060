/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

/**
 * The moment a move was revealed, for its timeline: the monotonic time NVA received the message that
 * revealed it, and what that message was.
 *
 * @param nanos the monotonic ticker's nanoseconds at receipt; 0 when not stamped (the service then stamps
 *     the request's arrival)
 * @param by what it was, e.g. {@code packet-in from nve2 port 3}
 */
public record Detection(long nanos, String by) {
    /** Not stamped. */
    public static final Detection UNSTAMPED = new Detection(0, "");

    public Detection {
        requireNonNull(by);
    }
}
