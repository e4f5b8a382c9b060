/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.packet;

import java.util.function.Supplier;

/**
 * A frame could not be decoded: it is truncated, has a wrong length or field, or a bad checksum. The
 * message says precisely what is wrong; the caller logs it together with the switch the frame came from.
 */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedPacketException(final String message) {
        super(message);
    }

    MalformedPacketException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds a packet record from decoded fields, turning the record's own validation failure into a
     * malformed packet: the record's compact constructor stays the one place its rules are written.
     *
     * @param construction calls the record's constructor
     * @return the record
     * @throws MalformedPacketException if the constructor rejected the fields
     */
    static <T> T ifValid(final Supplier<T> construction) throws MalformedPacketException {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException(e.getMessage(), e);
        }
    }
}
