/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

/**
 * The connection to a switch closed before it answered a request.
 */
public final class SwitchDisconnectedException extends Exception {
    private static final long serialVersionUID = 1L;

    SwitchDisconnectedException(final String message) {
        super(message);
    }

    SwitchDisconnectedException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
