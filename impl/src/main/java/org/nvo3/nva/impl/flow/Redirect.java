/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;

/**
 * A running redirect: the VM's old NVE {@code from} sends packets still arriving for the VM over the
 * overlay on to wherever the VM is placed now (not to a fixed NVE: after a second move the redirect
 * follows). The redirect's flow has a hard timeout; the switch reports its removal, and
 * {@link FlowCompiler#redirectCookie} tells which redirect a removed flow was.
 *
 * @param vm the VM that moved
 * @param from the NVE it moved away from
 * @param hardTimeoutSeconds how long the switch keeps the redirect flow, 1..65535
 */
public record Redirect(VmId vm, NveId from, int hardTimeoutSeconds) {
    public Redirect {
        requireNonNull(vm);
        requireNonNull(from);
        FieldValues.inRange("redirect hard timeout", hardTimeoutSeconds, 1, 0xFFFF);
    }
}
