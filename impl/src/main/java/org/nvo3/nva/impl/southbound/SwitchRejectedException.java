/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

/**
 * A switch answered a request with an OpenFlow error.
 */
public final class SwitchRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final SwitchError error;

    SwitchRejectedException(final String switchName, final SwitchError error) {
        super(switchName + " rejected the request: " + error);
        this.error = requireNonNull(error);
    }

    /**
     * Returns what the switch reported.
     *
     * @return the error
     */
    public SwitchError error() {
        return error;
    }
}
