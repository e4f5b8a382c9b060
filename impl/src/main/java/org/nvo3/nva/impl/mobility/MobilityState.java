/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.mobility;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nvo3.nva.api.Migration;
import org.nvo3.nva.api.NveId;
import org.nvo3.nva.api.VmId;
import org.nvo3.nva.api.VmLocation;
import org.nvo3.nva.impl.flow.PullDemands;
import tech.pantheon.triemap.ImmutableTrieMap;
import tech.pantheon.triemap.TrieMap;

/**
 * What the NVA has learned about VM locations, as one immutable value: the learned locations, each VM's
 * recent move times (for duplicate-address detection), open announcements, migration records and the
 * redirects still active at old NVEs. Every change returns a new state in O(log n): the maps are persistent
 * (snapshots of a trie sharing structure), and a journal of the last changes lets mirrors of the state
 * catch up without comparing it whole ({@link #changesSince}).
 */
public final class MobilityState {
    /** No VM learned, nothing announced, no migration. */
    public static final MobilityState EMPTY = new MobilityState(empty(), empty(), empty(), empty(), empty(),
        empty(), PullDemands.NONE, StateJournal.EMPTY);

    /** A redirect is identified by its VM and its old NVE: a later move away from the same NVE replaces it. */
    private record RedirectKey(VmId vm, NveId from) {
    }

    private final ImmutableTrieMap<VmId, VmLocation> locations;
    private final ImmutableTrieMap<VmId, List<Instant>> moveTimes;
    private final ImmutableTrieMap<VmId, Announcement> announcements;
    private final ImmutableTrieMap<String, Migration> migrations;
    private final ImmutableTrieMap<RedirectKey, ActiveRedirect> redirects;
    private final ImmutableTrieMap<VmId, Long> sequenceFloors;
    private final PullDemands demands;
    private final StateJournal journal;

    private MobilityState(final ImmutableTrieMap<VmId, VmLocation> locations,
            final ImmutableTrieMap<VmId, List<Instant>> moveTimes,
            final ImmutableTrieMap<VmId, Announcement> announcements,
            final ImmutableTrieMap<String, Migration> migrations,
            final ImmutableTrieMap<RedirectKey, ActiveRedirect> redirects,
            final ImmutableTrieMap<VmId, Long> sequenceFloors, final PullDemands demands,
            final StateJournal journal) {
        this.locations = locations;
        this.moveTimes = moveTimes;
        this.announcements = announcements;
        this.migrations = migrations;
        this.redirects = redirects;
        this.sequenceFloors = sequenceFloors;
        this.demands = demands;
        this.journal = journal;
    }

    /**
     * Returns the learned locations: a read-only view, cheap to keep (every state shares structure with
     * the one it was made from).
     *
     * @return the locations by VM
     */
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

    /**
     * Returns the sequence a VM's next move must exceed besides its location's: the highest one its
     * migration records used, when a restart left them above its location (an announced move that never
     * happened), so that migration ids never repeat.
     *
     * @param vm the VM
     * @return the floor, 0 when there is none
     */
    public long sequenceFloor(final VmId vm) {
        return sequenceFloors.getOrDefault(vm, 0L);
    }

    public Collection<ActiveRedirect> redirects() {
        return redirects.values();
    }

    public Optional<ActiveRedirect> redirect(final VmId vm, final NveId from) {
        return Optional.ofNullable(redirects.get(new RedirectKey(vm, from)));
    }

    /**
     * Tells what changed since an earlier state of the same history, in the time of the changes.
     *
     * @param earlier an earlier state this one was made from
     * @return the changes; empty when {@code earlier} is not one of the last {@value StateJournal#CAPACITY}
     *     states this one was made from (then compare everything)
     */
    public Optional<StateChanges> changesSince(final MobilityState earlier) {
        return journal.since(earlier.journal);
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
            redirects, sequenceFloors, demands, journal.append(location.vm(), null));
    }

    MobilityState withoutLocation(final VmId vm) {
        return new MobilityState(remove(locations, vm), remove(moveTimes, vm), remove(announcements, vm),
            migrations, redirects, sequenceFloors, demands, journal.append(vm, null));
    }

    MobilityState withMoveTimes(final VmId vm, final List<Instant> times) {
        return new MobilityState(locations, times.isEmpty() ? remove(moveTimes, vm)
            : put(moveTimes, vm, ImmutableList.copyOf(times)), announcements, migrations, redirects, sequenceFloors,
            demands, journal.append(vm, null));
    }

    MobilityState withAnnouncement(final Announcement announcement) {
        return new MobilityState(locations, moveTimes, put(announcements, announcement.vm(), announcement),
            migrations, redirects, sequenceFloors, demands, journal.append(announcement.vm(), null));
    }

    MobilityState withoutAnnouncement(final VmId vm) {
        return announcements.containsKey(vm) ? new MobilityState(locations, moveTimes, remove(announcements, vm),
            migrations, redirects, sequenceFloors, demands, journal.append(vm, null)) : this;
    }

    MobilityState withMigration(final Migration migration) {
        return new MobilityState(locations, moveTimes, announcements, put(migrations, migration.id(), migration),
            redirects, sequenceFloors, demands, journal.append(migration.vm(), migration.id()));
    }

    MobilityState withRedirect(final ActiveRedirect redirect) {
        return new MobilityState(locations, moveTimes, announcements, migrations,
            put(redirects, new RedirectKey(redirect.vm(), redirect.from()), redirect), sequenceFloors, demands,
            journal.append(redirect.vm(), null));
    }

    MobilityState withoutRedirect(final VmId vm, final NveId from) {
        final var key = new RedirectKey(vm, from);
        return redirects.containsKey(key) ? new MobilityState(locations, moveTimes, announcements, migrations,
            remove(redirects, key), sequenceFloors, demands, journal.append(vm, null)) : this;
    }

    MobilityState withSequenceFloor(final VmId vm, final long floor) {
        return new MobilityState(locations, moveTimes, announcements, migrations, redirects,
            put(sequenceFloors, vm, floor), demands, journal.append(vm, null));
    }

    /**
     * Returns the remote VMs NVEs pulled (destination-distribution on-demand).
     *
     * @return the demands
     */
    public PullDemands demands() {
        return demands;
    }

    MobilityState withDemands(final PullDemands changed) {
        // demands are no VM's location: the journal does not name them
        return changed.equals(demands) ? this
            : new MobilityState(locations, moveTimes, announcements, migrations, redirects, sequenceFloors, changed,
                journal);
    }

    private static <K, V> ImmutableTrieMap<K, V> empty() {
        return TrieMap.<K, V>create().immutableSnapshot();
    }

    private static <K, V> ImmutableTrieMap<K, V> put(final ImmutableTrieMap<K, V> map, final K key, final V value) {
        final var copy = map.mutableSnapshot();
        copy.put(key, value);
        return copy.immutableSnapshot();
    }

    private static <K, V> ImmutableTrieMap<K, V> remove(final ImmutableTrieMap<K, V> map, final K key) {
        if (!map.containsKey(key)) {
            return map;
        }
        final var copy = map.mutableSnapshot();
        copy.remove(key);
        return copy.immutableSnapshot();
    }

    @Override
    public String toString() {
        return "MobilityState{locations=" + locations.size() + ", announcements=" + announcements.size()
            + ", migrations=" + migrations.size() + ", redirects=" + redirects.size() + ", demanding NVEs="
            + demands.byNve().size() + "}";
    }

}
