/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * A pure codec for the Ethernet frames NVA receives from and sends to its NVEs: ARP, RARP and IPv6
 * neighbour discovery, the packets by which VMs announce themselves and ask for addresses.
 * {@link FrameParser#parse(byte[])} turns a punted frame into one {@link Packet} record or a
 * {@link MalformedPacketException} with the reason; {@link ArpFrames}, {@link RarpFrames} and
 * {@link NeighborDiscoveryFrames} build the answers and announcements NVA sends with a packet-out, and
 * {@link DestinationUnreachableFrames} the ICMP errors an L3 network's gateway sends for a host it cannot reach.
 * Nothing here knows Loxi or OpenDaylight: only bytes and the api's address records.
 */
package org.nvo3.nva.impl.packet;
