package io.incident.parsers.pcap;

import io.incident.model.Args;
import io.incident.model.StringTable;
import java.util.Arrays;

/**
 * Writes one arg set per connection straight as string ids. A capture of 240k connections would otherwise build and
 * intern some twenty strings per connection, most of them numbers already in the table ("4096" bytes, "10" packets):
 * keys are interned once, numbers through a cache of their ids, and the set is added without looking for an equal
 * one, because every connection's set holds its own client endpoint.
 */
final class ArgSetWriter {
    private final StringTable strings;
    private final Args args;
    private final LongIntMap numbers = new LongIntMap();
    private int[] pairs = new int[64];
    private int size;

    ArgSetWriter(StringTable strings, Args args) {
        this.strings = strings;
        this.args = args;
    }

    /** The id of a key, interned once by the caller and kept. */
    int key(String name) {
        return strings.intern(name);
    }

    /** Adds {@code key = value}; a null or empty value is left out, as a missing field. */
    void put(int key, String value) {
        if (value != null && !value.isEmpty()) {
            pair(key, strings.intern(value));
        }
    }

    /** Adds {@code key = } a string already interned. */
    void putId(int key, int valueId) {
        pair(key, valueId);
    }

    void putNumber(int key, long value) {
        int id = numbers.get(value);
        if (id < 0) {
            id = strings.intern(Long.toString(value));
            numbers.put(value, id);
        }
        pair(key, id);
    }

    /** Adds the number unless it is zero (counts that are usually zero stay out of the set). */
    void putCount(int key, long value) {
        if (value != 0) {
            putNumber(key, value);
        }
    }

    private void pair(int key, int value) {
        if (size + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[size++] = key;
        pairs[size++] = value;
    }

    /** Adds the pairs written since the last call as one set and returns its id. */
    int finish() {
        int id = size == 0 ? 0 : args.add(pairs, size);
        size = 0;
        return id;
    }
}
