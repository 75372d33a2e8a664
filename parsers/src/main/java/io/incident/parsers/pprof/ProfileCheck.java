package io.incident.parsers.pprof;

import io.incident.parsers.util.LongIntMap;
import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.SampleOrBuilder;

/**
 * The invariants pprof's decoder and {@code Profile.CheckValid()} enforce, so the model conversion can trust every id
 * and index: string_table[0] is "", every string index is in range, ids are nonzero and unique, every sample location
 * and line function resolves, every sample has one value per sample type. A location's mapping_id that resolves to
 * nothing is tolerated (pprof leaves the mapping unset) and counted as a warning. Everything but the samples is
 * checked at once after reading; each sample is checked by {@link #sample} as the model visits it, in file order, so
 * the first bad sample is the one named, as when all were checked first.
 */
final class ProfileCheck {
    /** Location ids below this are looked up in an array: producers number locations from 1. */
    private static final int SMALL_IDS = 1 << 16;

    private final String file;
    private final ProfileData p;
    private final int strings;
    private Tables tables;
    /** Location index + 1 of each small id, 0 for none. */
    private int[] locationOfSmallId;
    private int[] sampleLocations = new int[64];

    /** The resolved tables: id to index in the profile's repeated fields. */
    record Tables(LongIntMap mappings, LongIntMap locations, LongIntMap functions) {
    }

    private ProfileCheck(String file, ProfileData p) {
        this.file = file;
        this.p = p;
        this.strings = p.stringCount();
    }

    /** Checks everything but the samples; {@link #sample} checks those. */
    static ProfileCheck check(String file, ProfileData p, Diagnostics diagnostics) throws ArtifactException {
        ProfileCheck check = new ProfileCheck(file, p);
        check.tables = check.run(diagnostics);
        return check;
    }

    Tables tables() {
        return tables;
    }

    private ArtifactException malformed(String what) {
        return new ArtifactException(file, "", "malformed profile: " + what);
    }

    private boolean isString(long index) {
        return index >= 0 && index < strings;
    }

    private void str(long index, String what) throws ArtifactException {
        if (!isString(index)) {
            throw malformed(what + " refers to string " + index + " outside the string table (" + strings + " entries)");
        }
    }

    private void type(long type, long unit, String what) throws ArtifactException {
        str(type, what + " type");
        str(unit, what + " unit");
    }

    private Tables run(Diagnostics diagnostics) throws ArtifactException {
        if (strings == 0 || !p.string(0).isEmpty()) {
            throw malformed("string_table[0] must be the empty string");
        }
        for (int i = 0; i < p.sampleTypeCount(); i++) {
            type(p.sampleTypeType(i), p.sampleTypeUnit(i), "sample_type[" + i + "]");
        }
        type(p.periodType(), p.periodUnit(), "period_type");
        str(p.dropFrames(), "drop_frames");
        str(p.keepFrames(), "keep_frames");
        str(p.defaultSampleType(), "default_sample_type");
        for (long c : p.comments()) {
            str(c, "comment");
        }
        LongIntMap mappings = new LongIntMap(p.mappingCount());
        for (int i = 0; i < p.mappingCount(); i++) {
            long id = p.mappingId(i);
            unique(mappings, id, i, "mapping");
            str(p.mappingFilename(i), "mapping " + id + " filename");
            str(p.mappingBuildId(i), "mapping " + id + " build_id");
        }
        LongIntMap functions = new LongIntMap(p.functionCount());
        for (int i = 0; i < p.functionCount(); i++) {
            long id = p.functionId(i);
            unique(functions, id, i, "function");
            str(p.functionName(i), "function " + id + " name");
            str(p.functionSystemName(i), "function " + id + " system_name");
            str(p.functionFilename(i), "function " + id + " filename");
        }
        LongIntMap locations = checkLocations(functions, mappings, diagnostics);
        if (p.sampleTypeCount() == 0 && p.sampleCount() != 0) {
            throw malformed("missing sample type information");
        }
        return new Tables(mappings, locations, functions);
    }

    private LongIntMap checkLocations(LongIntMap functions, LongIntMap mappings, Diagnostics diagnostics)
            throws ArtifactException {
        LongIntMap locations = new LongIntMap(p.locationCount());
        for (int i = 0; i < p.locationCount(); i++) {
            long id = p.locationId(i);
            unique(locations, id, i, "location");
            long mapping = p.locationMapping(i);
            if (mapping != 0 && !mappings.containsKey(mapping)) {
                diagnostics.warn("pprof.dangling-mapping", "location " + Long.toUnsignedString(id),
                        "mapping_id " + Long.toUnsignedString(mapping) + " names no mapping; left unmapped");
            }
            for (int k = p.lineStart(i); k < p.lineStart(i + 1); k++) {
                if (!functions.containsKey(p.lineFunction(k))) {
                    throw malformed("location id: " + Long.toUnsignedString(id) + " has a line with function id "
                            + Long.toUnsignedString(p.lineFunction(k)) + " that names no function");
                }
            }
        }
        return locations;
    }

    /**
     * Checks sample i, in the order pprof does (its value count, its location ids, its labels' strings), and returns
     * the index of each of its locations, in the sample's order, in an array reused by the next call.
     */
    int[] sample(int i, SampleOrBuilder s) throws ArtifactException {
        int values = s.getValueCount();
        if (values != p.sampleTypeCount()) {
            throw malformed("mismatch: sample " + i + " has " + values + " values vs. " + p.sampleTypeCount()
                    + " types");
        }
        int n = s.getLocationIdCount();
        if (n > sampleLocations.length) {
            sampleLocations = new int[Math.max(n, sampleLocations.length * 2)];
        }
        if (locationOfSmallId == null) {
            locationOfSmallId = smallIds();
        }
        for (int k = 0; k < n; k++) {
            long id = s.getLocationId(k);
            int location = id >= 0 && id < locationOfSmallId.length ? locationOfSmallId[(int) id] - 1
                    : tables.locations().get(id);
            if (location < 0) {
                throw malformed("sample " + i + " refers to location id " + Long.toUnsignedString(id)
                        + " that names no location");
            }
            sampleLocations[k] = location;
        }
        for (int k = 0, labels = s.getLabelCount(); k < labels; k++) {
            Label l = s.getLabel(k);
            // The message is built only for a bad label: a merged profile has a label or more on every sample.
            if (!isString(l.getKey()) || !isString(l.getStr()) || !isString(l.getNumUnit())) {
                str(l.getKey(), "sample " + i + " label key");
                str(l.getStr(), "sample " + i + " label str");
                str(l.getNumUnit(), "sample " + i + " label num_unit");
            }
        }
        return sampleLocations;
    }

    /** The array lookup of small location ids, as long as the largest small id, so a profile of few ids pays little. */
    private int[] smallIds() {
        long max = 0;
        for (int i = 0; i < p.locationCount(); i++) {
            long id = p.locationId(i);
            if (id > 0 && id < SMALL_IDS) {
                max = Math.max(max, id);
            }
        }
        int[] index = new int[(int) max + 1];
        for (int i = 0; i < p.locationCount(); i++) {
            long id = p.locationId(i);
            if (id > 0 && id < SMALL_IDS) {
                index[(int) id] = i + 1;
            }
        }
        return index;
    }

    private void unique(LongIntMap ids, long id, int index, String what) throws ArtifactException {
        if (id == 0) {
            throw malformed("found " + what + " with reserved ID=0");
        }
        if (ids.putIfAbsent(id, index) != LongIntMap.MISSING) {
            throw malformed("multiple " + what + "s with same id: " + Long.toUnsignedString(id));
        }
    }
}
