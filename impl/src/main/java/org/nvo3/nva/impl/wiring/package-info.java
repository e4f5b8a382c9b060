/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The OSGi DS wiring of VM mobility into the running NVA ({@link org.nvo3.nva.impl.wiring.MobilityComponent}):
 * the mobility service joined to the southbound's data plane, the published state and the RPCs. It sits
 * above the mobility, state and rpc packages, so that mobility imports neither; nothing imports this package.
 */
package org.nvo3.nva.impl.wiring;
