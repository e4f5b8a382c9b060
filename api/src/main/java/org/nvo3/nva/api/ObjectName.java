/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

import java.util.regex.Pattern;

/**
 * The syntax shared by NVE ids, VM ids and port names (YANG typedefs object-id and port-name).
 */
final class ObjectName {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ObjectName() {
        // no instances
    }

    static String check(final String what, final String value, final int maxLength) {
        if (value.isEmpty() || value.length() > maxLength || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1.." + maxLength
                + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }
}
