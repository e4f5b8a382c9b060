/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static java.util.Objects.requireNonNull;

import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.Vni;

/**
 * The part of an NVE's compiled flows a flow belongs to; every flow the compiler emits for an NVE belongs
 * to exactly one scope of it, so a change to the forwarding state can be applied to an NVE by re-compiling
 * only the scopes it touches ({@link FlowCompiler#changedScopes}, {@link FlowCompiler#compileScopes}).
 */
public sealed interface FlowScope {
    /** The NVE's own flows: its table-miss flows. */
    record OfNve() implements FlowScope {
        /** The one instance. */
        public static final OfNve INSTANCE = new OfNve();

        @Override
        public String toString() {
            return "nve";
        }
    }

    /**
     * A hosted VNI's flows. A network's: its admission from the VXLAN port, its ARP/RARP/ND punts and, for an L3
     * network, its gateway MAC's flow. A routing domain's: its routes to the external prefixes of its gateway
     * NVEs and, at a gateway NVE, the external port's admission, the VNI's admission from the VXLAN port, its
     * punts and its gateway MAC's flow.
     *
     * @param vni the VNI
     */
    record OfVni(Vni vni) implements FlowScope {
        public OfVni {
            requireNonNull(vni);
        }

        @Override
        public String toString() {
            return "vni " + vni;
        }
    }

    /**
     * A VM's flows at the NVE: its admission from its port when it is local, its L2_DESTINATION flow, and
     * the redirect of it when the NVE is its old NVE.
     *
     * @param vm the VM
     */
    record OfVm(VmId vm) implements FlowScope {
        public OfVm {
            requireNonNull(vm);
        }

        @Override
        public String toString() {
            return "vm " + vm;
        }
    }
}
