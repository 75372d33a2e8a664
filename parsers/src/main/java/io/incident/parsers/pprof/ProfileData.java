package io.incident.parsers.pprof;

import io.incident.model.Columns;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Mapping;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.SampleOrBuilder;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A decoded profile.proto: every field but the samples as columns of primitives, and the samples as a source that
 * visits them in file order. A merged profile of a busy service has a hundred thousand samples of forty locations
 * each; they are checked and turned into stacks one at a time, as they are visited, so no column holds their millions
 * of location ids. Repeated fields of a message are flattened: row i of a nested list spans {@code [start(i), end(i))}
 * of its flat column, the ends kept with a leading 0. Ids and string indexes stay as the file's unsigned 64-bit values;
 * {@link ProfileCheck} validates them.
 */
final class ProfileData {
    /**
     * The string table. A merged profile has a string per label value, a hundred thousand of them, which the model
     * mostly never shows, so the decoder leaves each in the encoded bytes ({@link #spans}: offset and length) and it
     * is made on first use; the legacy readers give strings made already.
     */
    private String[] strings = new String[64];
    private final Columns.Longs spans = new Columns.Longs();
    private byte[] encoded;
    private final Columns.Longs comments = new Columns.Longs();
    private final Columns.Longs sampleTypeType = new Columns.Longs();
    private final Columns.Longs sampleTypeUnit = new Columns.Longs();
    private long periodType;
    private long periodUnit;
    private long period;
    private long dropFrames;
    private long keepFrames;
    private long timeNanos;
    private long durationNanos;
    private long defaultSampleType;
    private long inputBytes;

    private final Columns.Longs mappingId = new Columns.Longs();
    private final Columns.Longs mappingFilename = new Columns.Longs();
    private final Columns.Longs mappingBuildId = new Columns.Longs();

    private final Columns.Longs functionId = new Columns.Longs();
    private final Columns.Longs functionName = new Columns.Longs();
    private final Columns.Longs functionSystemName = new Columns.Longs();
    private final Columns.Longs functionFilename = new Columns.Longs();

    private final Columns.Longs locationId = new Columns.Longs();
    private final Columns.Longs locationMapping = new Columns.Longs();
    private final Columns.Longs locationAddress = new Columns.Longs();
    private final Columns.Ints lineEnds = ints0();
    private final Columns.Longs lineFunction = new Columns.Longs();
    private final Columns.Longs lineNumber = new Columns.Longs();

    private int sampleCount;
    private long sampleBytes;
    private SampleSource samples = visitor -> { };

    private static Columns.Ints ints0() {
        Columns.Ints ends = new Columns.Ints();
        ends.add(0);
        return ends;
    }

    /** The columns of a profile the legacy readers built as generated messages. */
    static ProfileData of(Profile p) {
        ProfileData d = new ProfileData();
        p.getStringTableList().forEach(d::addString);
        p.getCommentList().forEach(d::addComment);
        for (ValueType t : p.getSampleTypeList()) {
            d.addSampleType(t.getType(), t.getUnit());
        }
        d.mergePeriodType(p.getPeriodType().getType(), p.getPeriodType().getUnit());
        d.period(p.getPeriod());
        d.dropFrames(p.getDropFrames());
        d.keepFrames(p.getKeepFrames());
        d.timeNanos(p.getTimeNanos());
        d.durationNanos(p.getDurationNanos());
        d.defaultSampleType(p.getDefaultSampleType());
        p.getMappingList().forEach(d::addMapping);
        p.getFunctionList().forEach(d::addFunction);
        p.getLocationList().forEach(d::addLocation);
        long bytes = 0;
        for (Sample s : p.getSampleList()) {
            bytes += s.getSerializedSize();
        }
        d.samples(p.getSampleCount(), bytes, visitor -> {
            for (int i = 0; i < p.getSampleCount(); i++) {
                Sample s = p.getSample(i);
                visitor.sample(i, s, s.getSerializedSize());
            }
        });
        return d;
    }

    /** The samples in file order; they are read only when visited. */
    interface SampleSource {
        void forEach(SampleVisitor visitor) throws IOException, ArtifactException;
    }

    /** One sample, {@code encodedBytes} long in the file; the message is only valid during the call. */
    interface SampleVisitor {
        void sample(int index, SampleOrBuilder sample, int encodedBytes) throws ArtifactException;
    }

    /** How many samples there are, their encoded size in all, and how to visit them. */
    void samples(int count, long encodedBytes, SampleSource source) {
        sampleCount = count;
        sampleBytes = encodedBytes;
        samples = source;
    }

    SampleSource samples() {
        return samples;
    }

    /** The encoded size of all samples, which bounds how many location ids they hold (each takes a byte or more). */
    long sampleBytes() {
        return sampleBytes;
    }

    void addMapping(Mapping m) {
        addMapping(m.getId(), m.getFilename(), m.getBuildId());
    }

    void addFunction(Function f) {
        addFunction(f.getId(), f.getName(), f.getSystemName(), f.getFilename());
    }

    void addLocation(Location l) {
        for (int i = 0, n = l.getLineCount(); i < n; i++) {
            Line ln = l.getLine(i);
            addLine(ln.getFunctionId(), ln.getLine());
        }
        endLocation(l.getId(), l.getMappingId(), l.getAddress());
    }

    void addString(String s) {
        String[] table = room();
        table[spans.size()] = s;
        spans.add(-1);
    }

    /** A string still in {@code bytes}, the encoded profile every such string of this profile is in. */
    void addString(byte[] bytes, int offset, int length) {
        encoded = bytes;
        room();
        spans.add((long) offset << 32 | length);
    }

    private String[] room() {
        if (spans.size() == strings.length) {
            strings = java.util.Arrays.copyOf(strings, strings.length * 2);
        }
        return strings;
    }

    void addComment(long string) {
        comments.add(string);
    }

    void addSampleType(long type, long unit) {
        sampleTypeType.add(type);
        sampleTypeUnit.add(unit);
    }

    /** A repeated period_type merges as protobuf merges messages: a later nonzero field wins. */
    void mergePeriodType(long type, long unit) {
        if (type != 0) {
            periodType = type;
        }
        if (unit != 0) {
            periodUnit = unit;
        }
    }

    void period(long v) {
        period = v;
    }

    void dropFrames(long v) {
        dropFrames = v;
    }

    void keepFrames(long v) {
        keepFrames = v;
    }

    void timeNanos(long v) {
        timeNanos = v;
    }

    void durationNanos(long v) {
        durationNanos = v;
    }

    void defaultSampleType(long v) {
        defaultSampleType = v;
    }

    /** The size of the encoded profile, which bounds what its model may reserve; 0 when not decoded from bytes. */
    void inputBytes(long v) {
        inputBytes = v;
    }

    long inputBytes() {
        return inputBytes;
    }

    void addMapping(long id, long filename, long buildId) {
        mappingId.add(id);
        mappingFilename.add(filename);
        mappingBuildId.add(buildId);
    }

    void addFunction(long id, long name, long systemName, long filename) {
        functionId.add(id);
        functionName.add(name);
        functionSystemName.add(systemName);
        functionFilename.add(filename);
    }

    /** A line of the location being read; {@link #endLocation} closes it. */
    void addLine(long function, long line) {
        lineFunction.add(function);
        lineNumber.add(line);
    }

    void endLocation(long id, long mapping, long address) {
        locationId.add(id);
        locationMapping.add(mapping);
        locationAddress.add(address);
        lineEnds.add(lineFunction.size());
    }

    int stringCount() {
        return spans.size();
    }

    /**
     * String i of the table, which must be an index the check accepted. Bytes that are not UTF-8 read with U+FFFD in
     * their place, as pprof shows them.
     */
    String string(long i) {
        int k = (int) i;
        String s = strings[k];
        if (s == null) {
            long span = spans.get(k);
            s = new String(encoded, (int) (span >>> 32), (int) span, StandardCharsets.UTF_8);
            strings[k] = s;
        }
        return s;
    }

    long[] comments() {
        return comments.toArray();
    }

    int sampleTypeCount() {
        return sampleTypeType.size();
    }

    long sampleTypeType(int i) {
        return sampleTypeType.get(i);
    }

    long sampleTypeUnit(int i) {
        return sampleTypeUnit.get(i);
    }

    long periodType() {
        return periodType;
    }

    long periodUnit() {
        return periodUnit;
    }

    long period() {
        return period;
    }

    long dropFrames() {
        return dropFrames;
    }

    long keepFrames() {
        return keepFrames;
    }

    long timeNanos() {
        return timeNanos;
    }

    long durationNanos() {
        return durationNanos;
    }

    long defaultSampleType() {
        return defaultSampleType;
    }

    int mappingCount() {
        return mappingId.size();
    }

    long mappingId(int i) {
        return mappingId.get(i);
    }

    long mappingFilename(int i) {
        return mappingFilename.get(i);
    }

    long mappingBuildId(int i) {
        return mappingBuildId.get(i);
    }

    int functionCount() {
        return functionId.size();
    }

    long functionId(int i) {
        return functionId.get(i);
    }

    long functionName(int i) {
        return functionName.get(i);
    }

    long functionSystemName(int i) {
        return functionSystemName.get(i);
    }

    long functionFilename(int i) {
        return functionFilename.get(i);
    }

    int locationCount() {
        return locationId.size();
    }

    long locationId(int i) {
        return locationId.get(i);
    }

    long locationMapping(int i) {
        return locationMapping.get(i);
    }

    long locationAddress(int i) {
        return locationAddress.get(i);
    }

    /** Lines of location i span {@code [lineStart(i), lineStart(i + 1))} of {@link #lineFunction}. */
    int lineStart(int location) {
        return lineEnds.get(location);
    }

    long lineFunction(int k) {
        return lineFunction.get(k);
    }

    long lineNumber(int k) {
        return lineNumber.get(k);
    }

    int sampleCount() {
        return sampleCount;
    }
}
