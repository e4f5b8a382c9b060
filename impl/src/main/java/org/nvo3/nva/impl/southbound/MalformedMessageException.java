/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import io.netty.handler.codec.DecoderException;

/**
 * A switch sent bytes that are not an OpenFlow message: its connection cannot be trusted any more.
 */
final class MalformedMessageException extends DecoderException {
    private static final long serialVersionUID = 1L;

    MalformedMessageException(final String message) {
        super(message);
    }

    MalformedMessageException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
