/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * NVA's own model of OpenFlow 1.3 flows: the pipeline declared once as data ({@link PipelineTable}),
 * immutable flow entries validated against it at construction ({@link FlowEntry}), deterministic
 * cookies ({@link FlowCookie}), the pure flow compiler from a {@link ForwardingState} to each NVE's
 * desired flows ({@link FlowCompiler}) and the pure reconciliation diff ({@link FlowDiff}). Nothing here
 * knows Loxi; {@code org.nvo3.nva.impl.southbound} translates these records to and from the wire.
 */
package org.nvo3.nva.impl.flow;
