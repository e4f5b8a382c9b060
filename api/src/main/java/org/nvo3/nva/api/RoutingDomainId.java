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
 * The name of a routing domain (fabric/routing-domain).
 *
 * @param value the name
 */
public record RoutingDomainId(String value) implements Comparable<RoutingDomainId> {
    public RoutingDomainId {
        requireNonNull(value);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a routing domain name is not empty");
        }
    }

    @Override
    public int compareTo(final RoutingDomainId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
