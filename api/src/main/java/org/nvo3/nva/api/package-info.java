/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * NVA's own vocabulary: immutable domain records (VNI, MAC, NVE, VM, location, migration) and the
 * service interfaces the rest of NVA speaks in. Nothing here knows YANG bindings or OpenFlow.
 */
@org.eclipse.jdt.annotation.NonNullByDefault
package org.nvo3.nva.api;
