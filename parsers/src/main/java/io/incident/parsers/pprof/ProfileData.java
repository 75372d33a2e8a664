package io.incident.parsers.pprof;

import io.incident.model.Columns;
import io.incident.parsers.util.LongIntMap;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Mapping;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.SampleOrBuilder;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded profile.proto as columns of primitives, the fields the check and the model use: a merged profile of a busy
 * service has a hundred thousand samples of forty locations each, and the generated message classes cost an object per
 * sample, per label and per location list, most of the read's time and memory. Repeated fields of a message are
 * flattened: row i of a nested list spans {@code [start(i), end(i))} of its flat column, the ends kept with a leading
 * 0. Ids and string indexes stay as the file's unsigned 64-bit values; {@link ProfileCheck} validates them.
 */
final class ProfileData {
    private final List<String> strings = new ArrayList<>();
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

    private final Columns.Ints sampleLocationEnds = ints0();
    /**
     * Sample location ids, each as a key: the index of its id among the distinct ids in first-seen order. Ids are
     * 64-bit and come before the locations they name; a profile has millions of them but only thousands of distinct
     * ones, so an int key per id halves the biggest column, and the check resolves each distinct id once.
     */
    private final Columns.Ints sampleLocationKey = new Columns.Ints();
    private final Columns.Longs keyedLocationId = new Columns.Longs();
    private final Columns.Ints keyUses = new Columns.Ints();
    private final LongIntMap keyOfLocationId = new LongIntMap();
    /** Key + 1 of each small id, 0 when unseen: producers number locations from 1, so most ids skip the hash. */
    private final int[] keyOfSmallId = new int[1 << 12];
    private final Columns.Ints sampleValueEnds = ints0();
    private final Columns.Longs sampleValue = new Columns.Longs();
    private final Columns.Ints sampleLabelEnds = ints0();
    private final Columns.Longs labelKey = new Columns.Longs();
    private final Columns.Longs labelStr = new Columns.Longs();
    private final Columns.Longs labelNum = new Columns.Longs();
    private final Columns.Longs labelNumUnit = new Columns.Longs();

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
        p.getSampleList().forEach(d::addSample);
        return d;
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

    /** A sample's ids, values and labels, read by index so that no id is boxed. */
    void addSample(SampleOrBuilder s) {
        for (int i = 0, n = s.getLocationIdCount(); i < n; i++) {
            addSampleLocation(s.getLocationId(i));
        }
        for (int i = 0, n = s.getValueCount(); i < n; i++) {
            addSampleValue(s.getValue(i));
        }
        for (int i = 0, n = s.getLabelCount(); i < n; i++) {
            Label l = s.getLabel(i);
            addLabel(l.getKey(), l.getStr(), l.getNum(), l.getNumUnit());
        }
        endSample();
    }

    void addString(String s) {
        strings.add(s);
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

    /** Location ids, values and labels of the sample being read; {@link #endSample} closes it. */
    void addSampleLocation(long id) {
        boolean small = id >= 0 && id < keyOfSmallId.length;
        int key = small ? keyOfSmallId[(int) id] - 1 : keyOfLocationId.get(id);
        if (key < 0) {
            key = keyedLocationId.size();
            keyedLocationId.add(id);
            keyUses.add(0);
            if (small) {
                keyOfSmallId[(int) id] = key + 1;
            } else {
                keyOfLocationId.putIfAbsent(id, key);
            }
        }
        keyUses.set(key, keyUses.get(key) + 1);
        sampleLocationKey.add(key);
    }

    /** Room for {@code more} sample location ids, when the input bounds how many there can be. */
    void reserveSampleLocations(int more) {
        sampleLocationKey.reserve(more);
    }

    void addSampleValue(long v) {
        sampleValue.add(v);
    }

    void addLabel(long key, long str, long num, long numUnit) {
        labelKey.add(key);
        labelStr.add(str);
        labelNum.add(num);
        labelNumUnit.add(numUnit);
    }

    void endSample() {
        sampleLocationEnds.add(sampleLocationKey.size());
        sampleValueEnds.add(sampleValue.size());
        sampleLabelEnds.add(labelKey.size());
    }

    int stringCount() {
        return strings.size();
    }

    String string(int i) {
        return strings.get(i);
    }

    String[] strings() {
        return strings.toArray(new String[0]);
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
        return sampleLocationEnds.size() - 1;
    }

    /** Location keys of sample i span {@code [locationStart(i), locationStart(i + 1))} of {@link #sampleLocationKey}. */
    int locationStart(int sample) {
        return sampleLocationEnds.get(sample);
    }

    int sampleLocationKey(int k) {
        return sampleLocationKey.get(k);
    }

    /** How many distinct ids the samples name: keys run from 0 to this. */
    int locationKeyCount() {
        return keyedLocationId.size();
    }

    long keyedLocationId(int key) {
        return keyedLocationId.get(key);
    }

    /** How many times the samples name this key's location. */
    int keyUses(int key) {
        return keyUses.get(key);
    }

    int valueStart(int sample) {
        return sampleValueEnds.get(sample);
    }

    long sampleValue(int k) {
        return sampleValue.get(k);
    }

    int labelStart(int sample) {
        return sampleLabelEnds.get(sample);
    }

    long labelKey(int k) {
        return labelKey.get(k);
    }

    long labelStr(int k) {
        return labelStr.get(k);
    }

    long labelNum(int k) {
        return labelNum.get(k);
    }

    long labelNumUnit(int k) {
        return labelNumUnit.get(k);
    }
}
