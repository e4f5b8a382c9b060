/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

/**
 * A configuration entry NVA refuses to act on, and why. The entry stays in the configuration; it
 * is acted on as soon as the conflict is resolved.
 *
 * @param kind the kind of entry
 * @param id its key (NVE id, VNI or VM id)
 * @param reason a sentence an operator can act on
 */
public record IntentProblem(IntentKind kind, String id, String reason) {
    public IntentProblem {
        requireNonNull(kind);
        requireNonNull(id);
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an intent problem needs a reason");
        }
    }
}
