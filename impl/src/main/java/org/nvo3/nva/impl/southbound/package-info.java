/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The OpenFlow 1.3 southbound, connection layer: the TCP (optionally TLS) server NVEs connect to,
 * OpenFlow framing, the per-switch handshake, keep-alive and request/reply matching, and the
 * registry of connected switches by datapath id; the binding of switches to fabric/nve, flow sync
 * and the punt meter. This is the only package that speaks Loxi ({@code org.projectfloodlight.openflow});
 * what it hands to the rest of NVA is NVA's own types: {@link org.nvo3.nva.impl.dataplane} records for
 * packet-ins, flow removals, port changes and packet-outs, {@link SwitchPort},
 * {@link org.nvo3.nva.api.DatapathId}.
 */
package org.nvo3.nva.impl.southbound;
