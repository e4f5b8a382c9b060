/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * The kinds of configuration entry in fabric.
 */
public enum IntentKind {
    SETTINGS,
    NVE,
    VIRTUAL_NETWORK,
    VM,
    ROUTING_DOMAIN
}
