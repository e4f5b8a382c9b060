/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;

/**
 * Where VMs were learned to be, as the flow compiler reads them: an immutable map, shared rather than
 * copied (the mobility state's persistent map), which may also tell which VMs changed since an earlier
 * version of itself, so that comparing two forwarding states costs the changes, not every VM.
 */
public interface LearnedLocations {
    /**
     * Returns the locations by VM. The map must not change.
     *
     * @return the locations
     */
    Map<VmId, VmLocation> byVm();

    /**
     * Tells which VMs' locations may differ from those of an earlier version (more, never fewer).
     *
     * @param earlier an earlier version
     * @return the VMs, or empty when this cannot tell (then every VM is compared)
     */
    default Optional<Set<VmId>> changedSince(final LearnedLocations earlier) {
        return Optional.empty();
    }

    /**
     * Wraps a map that is copied first.
     *
     * @param locations the locations by VM
     * @return the locations
     * @throws IllegalArgumentException if a location is filed under another VM
     */
    static LearnedLocations copyOf(final Map<VmId, VmLocation> locations) {
        final var copy = Map.copyOf(locations);
        copy.forEach((vm, location) -> {
            if (!vm.equals(location.vm())) {
                throw new IllegalArgumentException("the location of VM " + location.vm() + " is filed under " + vm);
            }
        });
        return () -> copy;
    }
}
