/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.intent;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.BiConsumer;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.IntentProblem;
import org.opendaylight.mdsal.binding.api.DataObjectDeleted;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataObjectModified;
import org.opendaylight.mdsal.binding.api.DataObjectWritten;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Nve;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.RoutingDomain;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Settings;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.VirtualNetwork;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.fabric.Vm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to CONFIGURATION {@code fabric} and applies each change to the {@link IntentDraft}, entry by
 * entry, then hands the whole intent and the entries that could not be read to {@code sink}.
 */
public final class FabricIntentListener implements DataTreeChangeListener<Fabric> {
    private static final Logger LOG = LoggerFactory.getLogger(FabricIntentListener.class);

    private final IntentDraft draft = new IntentDraft();
    private final BiConsumer<FabricIntent, List<IntentProblem>> sink;

    public FabricIntentListener(final BiConsumer<FabricIntent, List<IntentProblem>> sink) {
        this.sink = requireNonNull(sink);
    }

    @Override
    public void onInitialData() {
        sink.accept(draft.intent(), draft.malformed());
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Fabric>> changes) {
        for (var change : changes) {
            apply(change.getRootNode());
        }
        sink.accept(draft.intent(), draft.malformed());
    }

    private void apply(final DataObjectModification<Fabric> root) {
        switch (root) {
            case DataObjectDeleted<Fabric> deleted -> draft.replaceAll(null);
            case DataObjectWritten<Fabric> written -> draft.replaceAll(written.dataAfter());
            case DataObjectModified<Fabric> modified -> applyChildren(modified);
        }
    }

    private void applyChildren(final DataObjectModified<Fabric> fabric) {
        final var settings = fabric.getModifiedChildContainer(Settings.class);
        if (settings != null) {
            draft.ensureSettings(switch (settings) {
                case DataObjectDeleted<Settings> deleted -> null;
                case DataObjectModification.WithDataAfter<Settings> present -> present.dataAfter();
            });
        }
        for (var nve : fabric.getModifiedChildren(Nve.class)) {
            switch (nve) {
                case DataObjectDeleted<Nve> deleted ->
                    draft.removeNve(nve.coerceKeyStep(Nve.class).key().getId().getValue());
                case DataObjectModification.WithDataAfter<Nve> present -> draft.ensureNve(present.dataAfter());
            }
        }
        for (var network : fabric.getModifiedChildren(VirtualNetwork.class)) {
            switch (network) {
                case DataObjectDeleted<VirtualNetwork> deleted -> draft.removeNetwork(
                    network.coerceKeyStep(VirtualNetwork.class).key().getVni().getValue().longValue());
                case DataObjectModification.WithDataAfter<VirtualNetwork> present ->
                    draft.ensureNetwork(present.dataAfter());
            }
        }
        for (var vm : fabric.getModifiedChildren(Vm.class)) {
            switch (vm) {
                case DataObjectDeleted<Vm> deleted ->
                    draft.removeVm(vm.coerceKeyStep(Vm.class).key().getId().getValue());
                case DataObjectModification.WithDataAfter<Vm> present -> draft.ensureVm(present.dataAfter());
            }
        }
        for (var domain : fabric.getModifiedChildren(RoutingDomain.class)) {
            switch (domain) {
                case DataObjectDeleted<RoutingDomain> deleted ->
                    draft.removeRoutingDomain(domain.coerceKeyStep(RoutingDomain.class).key().getName().getValue());
                case DataObjectModification.WithDataAfter<RoutingDomain> present ->
                    draft.ensureRoutingDomain(present.dataAfter());
            }
        }
        LOG.debug("Applied fabric modification {}", fabric);
    }
}
