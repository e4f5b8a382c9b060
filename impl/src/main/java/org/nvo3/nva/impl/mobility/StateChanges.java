/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.Set;
import org.nvo3.nva.api.VmId;

/**
 * What changed between two mobility states of one history: the VMs whose location, move times,
 * announcement or redirects changed, and the migration records that changed. Possibly more than changed,
 * never fewer.
 *
 * @param vms the VMs
 * @param migrations the migration ids
 */
public record StateChanges(Set<VmId> vms, Set<String> migrations) {
    public StateChanges {
        vms = Set.copyOf(vms);
        migrations = Set.copyOf(migrations);
    }
}
