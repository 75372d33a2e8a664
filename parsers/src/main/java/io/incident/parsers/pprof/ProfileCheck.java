package io.incident.parsers.pprof;

import io.incident.parsers.util.LongIntMap;
import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Mapping;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;

/**
 * The invariants pprof's decoder and {@code Profile.CheckValid()} enforce, checked once after reading so the model
 * conversion can trust every id and index: string_table[0] is "", every string index is in range, ids are nonzero and
 * unique, every sample location and line function resolves, every sample has one value per sample type. A location's
 * mapping_id that resolves to nothing is tolerated (pprof leaves the mapping unset) and counted as a warning.
 */
final class ProfileCheck {
    private final String file;
    private final Profile p;
    private final int strings;

    /** The resolved tables: id to index in the profile's repeated fields. */
    record Tables(LongIntMap mappings, LongIntMap locations, LongIntMap functions) {
    }

    private ProfileCheck(String file, Profile p) {
        this.file = file;
        this.p = p;
        this.strings = p.getStringTableCount();
    }

    static Tables check(String file, Profile p, Diagnostics diagnostics) throws ArtifactException {
        return new ProfileCheck(file, p).run(diagnostics);
    }

    private ArtifactException malformed(String what) {
        return new ArtifactException(file, "", "malformed profile: " + what);
    }

    private void str(long index, String what) throws ArtifactException {
        if (index < 0 || index >= strings) {
            throw malformed(what + " refers to string " + index + " outside the string table (" + strings + " entries)");
        }
    }

    private void type(ValueType t, String what) throws ArtifactException {
        str(t.getType(), what + " type");
        str(t.getUnit(), what + " unit");
    }

    private Tables run(Diagnostics diagnostics) throws ArtifactException {
        if (strings == 0 || !p.getStringTable(0).isEmpty()) {
            throw malformed("string_table[0] must be the empty string");
        }
        for (int i = 0; i < p.getSampleTypeCount(); i++) {
            type(p.getSampleType(i), "sample_type[" + i + "]");
        }
        type(p.getPeriodType(), "period_type");
        str(p.getDropFrames(), "drop_frames");
        str(p.getKeepFrames(), "keep_frames");
        str(p.getDefaultSampleType(), "default_sample_type");
        for (long c : p.getCommentList()) {
            str(c, "comment");
        }
        LongIntMap mappings = new LongIntMap(p.getMappingCount());
        for (int i = 0; i < p.getMappingCount(); i++) {
            Mapping m = p.getMapping(i);
            unique(mappings, m.getId(), i, "mapping");
            str(m.getFilename(), "mapping " + m.getId() + " filename");
            str(m.getBuildId(), "mapping " + m.getId() + " build_id");
        }
        LongIntMap functions = new LongIntMap(p.getFunctionCount());
        for (int i = 0; i < p.getFunctionCount(); i++) {
            Function f = p.getFunction(i);
            unique(functions, f.getId(), i, "function");
            str(f.getName(), "function " + f.getId() + " name");
            str(f.getSystemName(), "function " + f.getId() + " system_name");
            str(f.getFilename(), "function " + f.getId() + " filename");
        }
        LongIntMap locations = new LongIntMap(p.getLocationCount());
        for (int i = 0; i < p.getLocationCount(); i++) {
            Location l = p.getLocation(i);
            unique(locations, l.getId(), i, "location");
            if (l.getMappingId() != 0 && !mappings.containsKey(l.getMappingId())) {
                diagnostics.warn("pprof.dangling-mapping", "location " + Long.toUnsignedString(l.getId()),
                        "mapping_id " + Long.toUnsignedString(l.getMappingId()) + " names no mapping; left unmapped");
            }
            for (Line ln : l.getLineList()) {
                if (!functions.containsKey(ln.getFunctionId())) {
                    throw malformed("location id: " + Long.toUnsignedString(l.getId()) + " has a line with function id "
                            + Long.toUnsignedString(ln.getFunctionId()) + " that names no function");
                }
            }
        }
        int types = p.getSampleTypeCount();
        if (types == 0 && p.getSampleCount() != 0) {
            throw malformed("missing sample type information");
        }
        for (int i = 0; i < p.getSampleCount(); i++) {
            Sample s = p.getSample(i);
            if (s.getValueCount() != types) {
                throw malformed("mismatch: sample " + i + " has " + s.getValueCount() + " values vs. " + types + " types");
            }
            for (int k = 0; k < s.getLocationIdCount(); k++) {
                long id = s.getLocationId(k);
                if (!locations.containsKey(id)) {
                    throw malformed("sample " + i + " refers to location id " + Long.toUnsignedString(id)
                            + " that names no location");
                }
            }
            for (Label label : s.getLabelList()) {
                str(label.getKey(), "sample " + i + " label key");
                str(label.getStr(), "sample " + i + " label str");
                str(label.getNumUnit(), "sample " + i + " label num_unit");
            }
        }
        return new Tables(mappings, locations, functions);
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
