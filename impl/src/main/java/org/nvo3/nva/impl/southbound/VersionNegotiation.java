/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import java.util.List;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

/**
 * OpenFlow version negotiation (OpenFlow 1.3.5, 6.3.1) for a controller that speaks only 1.3: both
 * sides send HELLO; with version bitmaps on both sides the highest common version wins, otherwise
 * the lower of the two header versions.
 */
final class VersionNegotiation {
    static final OFVersion VERSION = OFVersion.OF_13;
    static final OFFactory FACTORY = OFFactories.getFactory(VERSION);

    private static final int BITMAP_WORD_BITS = 32;

    private VersionNegotiation() {
        // static functions only
    }

    /**
     * Returns NVA's HELLO: version 1.3 in the header and a bitmap that names 1.3 alone.
     *
     * @param xid the transaction id
     * @return the HELLO
     */
    static OFHello ourHello(final long xid) {
        final var bitmap = FACTORY.buildHelloElemVersionbitmap()
            .setBitmaps(List.of(U32.of(1L << VERSION.getWireVersion())))
            .build();
        return FACTORY.buildHello().setXid(xid).setElements(List.of(bitmap)).build();
    }

    /**
     * Negotiates against the switch's HELLO.
     *
     * @param peer the switch's HELLO
     * @return OpenFlow 1.3, or empty when the switch does not speak it
     */
    static Optional<OFVersion> negotiate(final OFHello peer) {
        if (peer.getVersion().compareTo(VERSION) < 0) {
            return Optional.empty();
        }
        final var bitmaps = peer.getElements().stream()
            .filter(OFHelloElemVersionbitmap.class::isInstance)
            .map(OFHelloElemVersionbitmap.class::cast)
            .findFirst();
        if (bitmaps.isEmpty()) {
            // No bitmap: the switch speaks its header version and, by the rules, everything below.
            return Optional.of(VERSION);
        }
        final int wire = VERSION.getWireVersion();
        final var words = bitmaps.orElseThrow().getBitmaps();
        final int word = wire / BITMAP_WORD_BITS;
        final boolean supported = word < words.size()
            && (words.get(word).getValue() & 1L << wire % BITMAP_WORD_BITS) != 0;
        return supported ? Optional.of(VERSION) : Optional.empty();
    }
}
