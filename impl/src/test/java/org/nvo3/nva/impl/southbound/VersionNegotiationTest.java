/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

public class VersionNegotiationTest {
    @Test
    public void ourHelloOffersOnlyOpenFlow13() {
        final var hello = VersionNegotiation.ourHello(1);

        assertEquals(OFVersion.OF_13, hello.getVersion());
        assertEquals(Optional.of(OFVersion.OF_13), VersionNegotiation.negotiate(hello));
    }

    @Test
    public void newerSwitchThatAlsoSpeaks13Agrees() {
        assertEquals(Optional.of(OFVersion.OF_13), VersionNegotiation.negotiate(hello(OFVersion.OF_15,
            1 << 1 | 1 << 4 | 1 << 6)));
    }

    @Test
    public void newerSwitchWithout13Refuses() {
        assertEquals(Optional.empty(), VersionNegotiation.negotiate(hello(OFVersion.OF_15, 1 << 5 | 1 << 6)));
    }

    @Test
    public void newerSwitchWithoutBitmapAgreesOnTheLowerVersion() {
        final var hello = OFFactories.getFactory(OFVersion.OF_14).buildHello().setElements(List.of()).build();

        assertEquals(Optional.of(OFVersion.OF_13), VersionNegotiation.negotiate(hello));
    }

    @Test
    public void olderSwitchRefuses() {
        assertEquals(Optional.empty(), VersionNegotiation.negotiate(
            OFFactories.getFactory(OFVersion.OF_10).buildHello().build()));
        assertEquals(Optional.empty(), VersionNegotiation.negotiate(
            OFFactories.getFactory(OFVersion.OF_12).buildHello().build()));
    }

    private static OFHello hello(final OFVersion version, final long bitmap) {
        final var factory = OFFactories.getFactory(version);
        return factory.buildHello()
            .setElements(List.of(factory.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(bitmap))).build()))
            .build();
    }
}
