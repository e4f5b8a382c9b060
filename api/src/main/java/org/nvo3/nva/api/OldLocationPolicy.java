/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.api;

/**
 * What the old NVE of a moved VM does with packets still sent to it during the redirect window
 * (draft-ietf-nvo3-vmm section 4.4).
 */
public enum OldLocationPolicy {
    /** Re-encapsulate them towards the VM's new NVE. */
    REDIRECT,
    /** Drop and count them. */
    DROP,
    /** Send them to the NVA, which answers the sender with ICMP destination unreachable and counts them. */
    ICMP_UNREACHABLE
}
