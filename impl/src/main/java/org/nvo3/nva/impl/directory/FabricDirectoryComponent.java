/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.nvo3.nva.api.FabricDirectory;
import org.nvo3.nva.api.FabricIntent;
import org.nvo3.nva.api.FabricSnapshot;
import org.nvo3.nva.api.IntentProblem;
import org.nvo3.nva.api.Subscription;
import org.nvo3.nva.impl.intent.FabricIntentListener;
import org.nvo3.nva.impl.state.RejectedIntentPublisher;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.nvo3.nva.rev261121.Fabric;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVA directory: listens to the orchestrator's intent, validates it, keeps the current
 * immutable snapshot for look-ups and publishes what it refuses to OPERATIONAL state.
 */
@Component(service = FabricDirectory.class, immediate = true)
public final class FabricDirectoryComponent implements FabricDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FabricDirectoryComponent.class);

    private final AtomicReference<ValidatedFabric> current =
        new AtomicReference<>(new ValidatedFabric(FabricSnapshot.EMPTY, List.of()));
    private final List<Consumer<FabricSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final RejectedIntentPublisher publisher;
    private final Registration registration;

    @Activate
    public FabricDirectoryComponent(@Reference final DataBroker broker) {
        this(broker, Clock.systemUTC());
    }

    public FabricDirectoryComponent(final DataBroker broker, final Clock clock) {
        publisher = new RejectedIntentPublisher(broker, clock);
        registration = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
            DataObjectIdentifier.builder(Fabric.class).build(), new FabricIntentListener(this::accept));
        LOG.info("NVA directory started");
    }

    private void accept(final FabricIntent intent, final List<IntentProblem> malformed) {
        final var validated = IntentValidator.validate(intent, current.get().snapshot());
        final var problems = new ArrayList<>(malformed);
        problems.addAll(validated.problems());
        problems.sort(Comparator.comparing(IntentProblem::kind).thenComparing(IntentProblem::id));
        final var published = new ValidatedFabric(validated.snapshot(), problems);
        current.set(published);
        publisher.publish(problems);
        for (var subscriber : subscribers) {
            tell(subscriber, published.snapshot());
        }
        LOG.debug("Directory now {} with {} refused entries", published.snapshot(), problems.size());
    }

    @Override
    public Subscription subscribe(final Consumer<FabricSnapshot> listener) {
        subscribers.add(listener);
        tell(listener, current.get().snapshot());
        return () -> subscribers.remove(listener);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void tell(final Consumer<FabricSnapshot> subscriber, final FabricSnapshot snapshot) {
        try {
            subscriber.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.warn("Directory subscriber {} failed on {}", subscriber, snapshot, e);
        }
    }

    @Override
    public FabricSnapshot snapshot() {
        return current.get().snapshot();
    }

    @Override
    public List<IntentProblem> problems() {
        return current.get().problems();
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
        publisher.close();
        LOG.info("NVA directory stopped");
    }
}
