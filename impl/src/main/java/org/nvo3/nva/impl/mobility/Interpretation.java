/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import static java.util.Objects.requireNonNull;

/**
 * What a punted packet says about VM locations.
 */
public sealed interface Interpretation {
    /**
     * The packet claims a declared VM is at the port it came from.
     *
     * @param request the claim, to be decided
     */
    record Claim(MoveRequest request) implements Interpretation {
        public Claim {
            requireNonNull(request);
        }
    }

    /**
     * The packet claims an identity it cannot have: it is dropped, counted and logged.
     *
     * @param reason what is wrong with it
     */
    record Spoof(String reason) implements Interpretation {
        public Spoof {
            requireNonNull(reason);
        }
    }

    /**
     * The packet says nothing about locations (or nothing certain).
     *
     * @param why why it is ignored, for the debug log
     */
    record Ignored(String why) implements Interpretation {
        public Ignored {
            requireNonNull(why);
        }
    }
}
