/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The data plane as the rest of NVA sees it, without OpenFlow wire types: what switches punt to the NVA
 * ({@link PacketIn}), what they report ({@link FlowExpiry}, {@link PortChange}), what the NVA sends back
 * ({@link PacketOut} through a {@link PacketSender}), the dispatch of packet-ins by {@link PacketKind} to
 * the handlers that answer them ({@link PacketInDispatcher}), and the re-synchronisation of the switches'
 * flow tables ({@link NveProgramming}). The southbound
 * ({@code org.nvo3.nva.impl.southbound}) translates between these records and Loxi; nothing here
 * imports Loxi.
 */
package org.nvo3.nva.impl.dataplane;
