/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.directory;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentProblem;

/**
 * The outcome of validating intent: what NVA acts on, and what it refuses with reasons.
 *
 * @param snapshot the accepted, conflict-free directory
 * @param problems the refused entries, sorted by kind and id
 */
public record ValidatedFabric(FabricSnapshot snapshot, List<IntentProblem> problems) {
    public ValidatedFabric {
        requireNonNull(snapshot);
        problems = List.copyOf(problems);
    }
}
