/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.dataplane;

/**
 * A packet could not be sent: the switch (or the switch bound to the NVE) is not connected.
 */
public final class NotConnectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotConnectedException(final String message) {
        super(message);
    }
}
