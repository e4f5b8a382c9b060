/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The answer to a directory look-up: the VM and, when it is placed, its NVE.
 *
 * @param vm the VM
 * @param nve the NVE it is on, or null when its location is not known yet
 */
public record DirectoryEntry(Vm vm, @Nullable Nve nve) {
    public DirectoryEntry {
        requireNonNull(vm);
    }
}
