/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.PullDemands;

/**
 * What the NVA has learned about VM locations, as one immutable value: the learned locations, each VM's
 * recent move times (for duplicate-address detection), open announcements, migration records and the
 * redirects still active at old NVEs. Every change returns a new state.
 */
public final class MobilityState {
    /** No VM learned, nothing announced, no migration. */
    public static final MobilityState EMPTY = new MobilityState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        PullDemands.NONE);

    /** A redirect is identified by its VM and its old NVE: a later move away from the same NVE replaces it. */
    private record RedirectKey(VmId vm, NveId from) {
    }

    private final ImmutableMap<VmId, VmLocation> locations;
    private final ImmutableMap<VmId, List<Instant>> moveTimes;
    private final ImmutableMap<VmId, Announcement> announcements;
    private final ImmutableMap<String, Migration> migrations;
    private final ImmutableMap<RedirectKey, ActiveRedirect> redirects;
    private final PullDemands demands;

    private MobilityState(final Map<VmId, VmLocation> locations, final Map<VmId, List<Instant>> moveTimes,
            final Map<VmId, Announcement> announcements, final Map<String, Migration> migrations,
            final Map<RedirectKey, ActiveRedirect> redirects, final PullDemands demands) {
        this.locations = ImmutableMap.copyOf(locations);
        this.moveTimes = ImmutableMap.copyOf(moveTimes);
        this.announcements = ImmutableMap.copyOf(announcements);
        this.migrations = ImmutableMap.copyOf(migrations);
        this.redirects = ImmutableMap.copyOf(redirects);
        this.demands = demands;
    }

    public Map<VmId, VmLocation> locations() {
        return locations;
    }

    public Optional<VmLocation> location(final VmId vm) {
        return Optional.ofNullable(locations.get(vm));
    }

    /**
     * Returns the VM's move times, oldest first.
     *
     * @param vm the VM
     * @return the times of its accepted moves still remembered
     */
    public List<Instant> moveTimes(final VmId vm) {
        return moveTimes.getOrDefault(vm, List.of());
    }

    public Map<VmId, Announcement> announcements() {
        return announcements;
    }

    public Optional<Announcement> announcement(final VmId vm) {
        return Optional.ofNullable(announcements.get(vm));
    }

    public Map<String, Migration> migrations() {
        return migrations;
    }

    public Optional<Migration> migration(final String id) {
        return Optional.ofNullable(migrations.get(id));
    }

    public Collection<ActiveRedirect> redirects() {
        return redirects.values();
    }

    public Optional<ActiveRedirect> redirect(final VmId vm, final NveId from) {
        return Optional.ofNullable(redirects.get(new RedirectKey(vm, from)));
    }

    /**
     * Returns the remote VMs NVEs pulled (destination-distribution on-demand).
     *
     * @return the demands
     */
    public PullDemands demands() {
        return demands;
    }

    /**
     * Offers a location: it replaces the known one only when its sequence is higher, so a late or
     * stale update is fenced out.
     *
     * @param update the proposed location
     * @return the new state, or empty when the update is stale
     */
    public Optional<MobilityState> offer(final VmLocation update) {
        final var current = locations.get(update.vm());
        if (current != null && !current.isSupersededBy(update.sequence())) {
            return Optional.empty();
        }
        return Optional.of(withLocation(update));
    }

    MobilityState withLocation(final VmLocation location) {
        return new MobilityState(put(locations, location.vm(), location), moveTimes, announcements, migrations,
            redirects, demands);
    }

    MobilityState withoutLocation(final VmId vm) {
        return new MobilityState(remove(locations, vm), remove(moveTimes, vm), remove(announcements, vm),
            migrations, redirects, demands);
    }

    MobilityState withMoveTimes(final VmId vm, final List<Instant> times) {
        return new MobilityState(locations, times.isEmpty() ? remove(moveTimes, vm)
            : put(moveTimes, vm, ImmutableList.copyOf(times)), announcements, migrations, redirects, demands);
    }

    MobilityState withAnnouncement(final Announcement announcement) {
        return new MobilityState(locations, moveTimes, put(announcements, announcement.vm(), announcement),
            migrations, redirects, demands);
    }

    MobilityState withoutAnnouncement(final VmId vm) {
        return announcements.containsKey(vm) ? new MobilityState(locations, moveTimes, remove(announcements, vm),
            migrations, redirects, demands) : this;
    }

    MobilityState withMigration(final Migration migration) {
        return new MobilityState(locations, moveTimes, announcements, put(migrations, migration.id(), migration),
            redirects, demands);
    }

    MobilityState withRedirect(final ActiveRedirect redirect) {
        return new MobilityState(locations, moveTimes, announcements, migrations,
            put(redirects, new RedirectKey(redirect.vm(), redirect.from()), redirect), demands);
    }

    MobilityState withoutRedirect(final VmId vm, final NveId from) {
        final var key = new RedirectKey(vm, from);
        return redirects.containsKey(key) ? new MobilityState(locations, moveTimes, announcements, migrations,
            remove(redirects, key), demands) : this;
    }

    MobilityState withDemands(final PullDemands changed) {
        return changed.equals(demands) ? this
            : new MobilityState(locations, moveTimes, announcements, migrations, redirects, changed);
    }

    private static <K, V> Map<K, V> put(final Map<K, V> map, final K key, final V value) {
        return edit(map, copy -> copy.put(key, value));
    }

    private static <K, V> Map<K, V> remove(final Map<K, V> map, final K key) {
        return map.containsKey(key) ? edit(map, copy -> copy.remove(key)) : map;
    }

    private static <K, V> Map<K, V> edit(final Map<K, V> map, final Consumer<Map<K, V>> change) {
        final var copy = new HashMap<>(map);
        change.accept(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "MobilityState{locations=" + locations.size() + ", announcements=" + announcements.size()
            + ", migrations=" + migrations.size() + ", redirects=" + redirects.size() + ", demanding NVEs="
            + demands.byNve().size() + "}";
    }

}
