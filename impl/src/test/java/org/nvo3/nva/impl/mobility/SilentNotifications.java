/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import java.util.List;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.Vm;

/**
 * Notifications nobody listens to, for tests that check recorded state instead.
 */
public final class SilentNotifications implements MobilityNotifications {
    @Override
    public void vmMoved(final Migration migration) {
        // nobody listens
    }

    @Override
    public void duplicateAddress(final Vm vm, final List<NveId> nves) {
        // nobody listens
    }
}
