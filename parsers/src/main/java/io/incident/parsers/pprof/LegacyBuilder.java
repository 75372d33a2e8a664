package io.incident.parsers.pprof;

import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Mapping;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a profile.proto message from a legacy profile the way pprof's legacy_profile.go does: one location per distinct
 * address (ids in order of first use), samples in file order, symbols attached to locations when the file has them.
 */
final class LegacyBuilder {
    private final Profile.Builder profile = Profile.newBuilder();
    private final Map<String, Long> strings = new HashMap<>();
    private final Map<Long, Location.Builder> locations = new HashMap<>();
    private final List<Location.Builder> locationOrder = new ArrayList<>();
    private final Map<String, Long> functions = new HashMap<>();
    private final List<Sample.Builder> samples = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();

    LegacyBuilder() {
        str("");
    }

    long str(String s) {
        Long id = strings.get(s);
        if (id == null) {
            id = (long) profile.getStringTableCount();
            profile.addStringTable(s);
            strings.put(s, id);
        }
        return id;
    }

    ValueType type(String type, String unit) {
        return ValueType.newBuilder().setType(str(type)).setUnit(str(unit)).build();
    }

    LegacyBuilder sampleTypes(String... typeUnitPairs) {
        profile.clearSampleType();
        for (int i = 0; i + 1 < typeUnitPairs.length; i += 2) {
            profile.addSampleType(type(typeUnitPairs[i], typeUnitPairs[i + 1]));
        }
        return this;
    }

    LegacyBuilder period(String type, String unit, long period) {
        profile.setPeriodType(type(type, unit)).setPeriod(period);
        return this;
    }

    long period() {
        return profile.getPeriod();
    }

    void durationNanos(long nanos) {
        profile.setDurationNanos(nanos);
    }

    /** The location id of an address, created on first use. */
    long location(long address) {
        Location.Builder loc = locations.get(address);
        if (loc == null) {
            loc = Location.newBuilder().setId(locationOrder.size() + 1L).setAddress(address);
            locations.put(address, loc);
            locationOrder.add(loc);
        }
        return loc.getId();
    }

    boolean hasLocation(long address) {
        return locations.containsKey(address);
    }

    /** Adds a sample; {@code addresses} leaf first, {@code adjust} subtracts one from the given positions on (call sites). */
    Sample.Builder sample(long[] values, List<Long> addresses, int adjustFrom, String numLabel, long numValue) {
        Sample.Builder s = Sample.newBuilder();
        for (long v : values) {
            s.addValue(v);
        }
        for (int i = 0; i < addresses.size(); i++) {
            long a = addresses.get(i);
            s.addLocationId(location(i >= adjustFrom ? a - 1 : a));
        }
        if (numLabel != null) {
            s.addLabel(Label.newBuilder().setKey(str(numLabel)).setNum(numValue));
        }
        samples.add(s);
        return s;
    }

    List<Sample.Builder> samples() {
        return samples;
    }

    /** Gives an address's location symbolic lines (leaf first) unless it already has some; unknown addresses are ignored. */
    void symbolize(long address, List<String[]> funcFileLine, boolean keepAddress) {
        Location.Builder loc = locations.get(address);
        if (loc == null || loc.getLineCount() > 0) {
            return;
        }
        for (String[] f : funcFileLine) {
            loc.addLine(Line.newBuilder().setFunctionId(function(f[0], f[1])).setLine(parseLine(f[2])));
        }
        if (!keepAddress) {
            loc.setAddress(0);
        }
    }

    private static long parseLine(String s) {
        try {
            long n = Long.parseLong(s);
            return Math.max(n, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long function(String name, String file) {
        String key = name + '\0' + file;
        Long id = functions.get(key);
        if (id == null) {
            id = profile.getFunctionCount() + 1L;
            profile.addFunction(Function.newBuilder().setId(id).setName(str(name)).setSystemName(str(name))
                    .setFilename(str(file)));
            functions.put(key, id);
        }
        return id;
    }

    /** Adds a memory mapping of the legacy memory map; locations in its range are attributed to it at build. */
    void mapping(long start, long limit, long offset, String file) {
        mappings.add(Mapping.newBuilder().setId(mappings.size() + 1L).setMemoryStart(start).setMemoryLimit(limit)
                .setFileOffset(offset).setFilename(str(file)).build());
    }

    Profile build() {
        profile.addAllMapping(mappings);
        for (Location.Builder l : locationOrder) {
            for (Mapping m : mappings) {
                if (l.getAddress() != 0 && Long.compareUnsigned(l.getAddress(), m.getMemoryStart()) >= 0
                        && Long.compareUnsigned(l.getAddress(), m.getMemoryLimit()) < 0) {
                    l.setMappingId(m.getId());
                    break;
                }
            }
            profile.addLocation(l);
        }
        for (Sample.Builder s : samples) {
            profile.addSample(s);
        }
        return profile.build();
    }
}
