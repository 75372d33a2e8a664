package io.incident.parsers.pprof;

import io.incident.parsers.util.LongIntMap;
import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;

/**
 * The invariants pprof's decoder and {@code Profile.CheckValid()} enforce, checked once after reading so the model
 * conversion can trust every id and index: string_table[0] is "", every string index is in range, ids are nonzero and
 * unique, every sample location and line function resolves, every sample has one value per sample type. A location's
 * mapping_id that resolves to nothing is tolerated (pprof leaves the mapping unset) and counted as a warning.
 */
final class ProfileCheck {
    private final String file;
    private final ProfileData p;
    private final int strings;

    /**
     * The resolved tables: id to index in the profile's repeated fields, and the location index of each sample
     * location key ({@link ProfileData#sampleLocationKey}), resolved here once per distinct id.
     */
    record Tables(LongIntMap mappings, LongIntMap locations, LongIntMap functions, int[] locationOfKey) {
    }

    private ProfileCheck(String file, ProfileData p) {
        this.file = file;
        this.p = p;
        this.strings = p.stringCount();
    }

    static Tables check(String file, ProfileData p, Diagnostics diagnostics) throws ArtifactException {
        return new ProfileCheck(file, p).run(diagnostics);
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
        return new Tables(mappings, locations, functions, checkSamples(locations));
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

    private int[] checkSamples(LongIntMap locations) throws ArtifactException {
        int types = p.sampleTypeCount();
        if (types == 0 && p.sampleCount() != 0) {
            throw malformed("missing sample type information");
        }
        int[] locationOfKey = new int[p.locationKeyCount()];
        boolean dangling = false;
        for (int key = 0; key < locationOfKey.length; key++) {
            locationOfKey[key] = locations.get(p.keyedLocationId(key));
            dangling |= locationOfKey[key] == LongIntMap.MISSING;
        }
        for (int i = 0; i < p.sampleCount(); i++) {
            int values = p.valueStart(i + 1) - p.valueStart(i);
            if (values != types) {
                throw malformed("mismatch: sample " + i + " has " + values + " values vs. " + types + " types");
            }
            // Each distinct id is resolved above; the samples' millions of ids are walked only to name a bad one.
            for (int k = p.locationStart(i); dangling && k < p.locationStart(i + 1); k++) {
                int key = p.sampleLocationKey(k);
                if (locationOfKey[key] == LongIntMap.MISSING) {
                    throw malformed("sample " + i + " refers to location id "
                            + Long.toUnsignedString(p.keyedLocationId(key)) + " that names no location");
                }
            }
            for (int k = p.labelStart(i); k < p.labelStart(i + 1); k++) {
                // The message is built only for a bad label: a merged profile has a label or more on every sample.
                if (!isString(p.labelKey(k)) || !isString(p.labelStr(k)) || !isString(p.labelNumUnit(k))) {
                    str(p.labelKey(k), "sample " + i + " label key");
                    str(p.labelStr(k), "sample " + i + " label str");
                    str(p.labelNumUnit(k), "sample " + i + " label num_unit");
                }
            }
        }
        return locationOfKey;
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
