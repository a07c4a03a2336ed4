package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Version keys in version order ({@code 1 < 1.1 < 2 < 10}), so the rules find the lowest or highest one, or
 * the ones below a version, in O(log n) instead of parsing and sorting every planned version per command.
 * A snapshot holds it as the list of keys in order.
 */
final class VersionSet implements Iterable<String> {

    private final NavigableSet<Version> versions = new TreeSet<>();

    VersionSet() {
    }

    @JsonCreator
    static VersionSet of(List<String> keys) {
        VersionSet set = new VersionSet();
        keys.forEach(set::add);
        return set;
    }

    @JsonValue
    List<String> keys() {
        return versions.stream().map(Version::key).toList();
    }

    int size() {
        return versions.size();
    }

    void add(String key) {
        versions.add(Version.parse(key));
    }

    void remove(String key) {
        versions.remove(Version.parse(key));
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The highest version, or null. */
    Version last() {
        return versions.isEmpty() ? null : versions.last();
    }

    /** The keys below {@code version} in ascending order; a view, so taking the first few costs O(log n + few). */
    Iterable<String> below(Version version) {
        return () -> keysOf(versions.headSet(version, false).iterator());
    }

    @Override
    public Iterator<String> iterator() {
        return keysOf(versions.iterator());
    }

    private static Iterator<String> keysOf(Iterator<Version> it) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                return it.next().key();
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionSet other && versions.equals(other.versions);
    }

    @Override
    public int hashCode() {
        return versions.hashCode();
    }

    @Override
    public String toString() {
        return keys().toString();
    }
}
