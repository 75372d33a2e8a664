package io.incident.parsers.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ClockKind;
import io.incident.model.Diagnostic;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.Limits;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import io.incident.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad inputs, each with the exact error, and small profiles made with the generated builders. */
class PprofBadInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pprof/fuzz/google-pprof_fuzz_7e3c9248|line 2: parsing sample 0 0 @ 0: second value must be non-zero",
        "pprof/fuzz/google-pprof_fuzz_corpus_empty|byte 0: empty input file: expected a pprof profile",
        "pprof/made_goleak_threadcreate_debug1.txt|line 2: malformed profile format: expected 'N @ 0x...', found: 6 @",
        "pprof/malformed/derived_truncated_cpu.pb|unrecognized profile format: not a profile.proto message",
        "pprof/malformed/derived_truncated_cpu.pb.gz|truncated input: the compressed or binary stream ends early",
        "pprof/pyroscope_dotnet-pprof-3.pb.gz|malformed profile: found function with reserved ID=0"})
    void corpusFilesGoToolPprofRejects(String file, String message) throws IOException {
        Corpus.assume();
        ArtifactException e = assertThrows(ArtifactException.class, () -> PprofTesting.read(Corpus.root().resolve(file)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void truncatedGzipMadeHere() throws IOException {
        Corpus.assume();
        byte[] whole = Files.readAllBytes(Corpus.root().resolve("pprof/parca_fib.pb.gz"));
        Path cut = write("cut.pb.gz", Arrays.copyOf(whole, whole.length / 2));
        ArtifactException e = assertThrows(ArtifactException.class, () -> PprofTesting.read(cut));
        assertTrue(e.getMessage().contains("truncated input"), e.getMessage());
    }

    @Test
    void gzipBombFailsWithTheDecompressedSizeLimit() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(Profile.newBuilder().addStringTable("").build().toByteArray());
            byte[] comments = new byte[1 << 20];
            for (int i = 0; i < comments.length; i += 2) {
                comments[i] = (byte) (Profile.COMMENT_FIELD_NUMBER << 3);
            }
            for (int i = 0; i < 32; i++) {
                out.write(comments);
            }
        }
        Path bomb = write("bomb.pb.gz", gz.toByteArray());
        Limits small = new Limits(Limits.DEFAULT.maxRecordBytes(), Limits.DEFAULT.maxLineBytes(),
                Limits.DEFAULT.maxStackDepth(), 8 << 20, Limits.DEFAULT.maxCompressionRatio(), 10);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> PprofTesting.read(bomb, small));
        assertEquals("maxDecompressedBytes", e.setting());
    }

    @Test
    void danglingLocationIdIsMalformed() throws IOException {
        Profile p = base().addSample(Sample.newBuilder().addLocationId(1).addLocationId(99).addValue(5)).build();
        ArtifactException e = assertThrows(ArtifactException.class, () -> PprofTesting.read(write("dangling.pb", p)));
        assertEquals("malformed profile: sample 0 refers to location id 99 that names no location", e.expected());
    }

    @Test
    void valueCountMustMatchSampleTypes() throws IOException {
        Profile p = base().addSample(Sample.newBuilder().addLocationId(1).addValue(5).addValue(6)).build();
        ArtifactException e = assertThrows(ArtifactException.class, () -> PprofTesting.read(write("values.pb", p)));
        assertEquals("malformed profile: mismatch: sample 0 has 2 values vs. 1 types", e.expected());
    }

    @Test
    void stringIndexOutOfRangeIsMalformed() throws IOException {
        Profile p = base().setDropFrames(77).build();
        ArtifactException e = assertThrows(ArtifactException.class, () -> PprofTesting.read(write("strings.pb", p)));
        assertEquals("malformed profile: drop_frames refers to string 77 outside the string table (7 entries)",
                e.expected());
    }

    @Test
    void truncatedLegacyCpuProfile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(3).putInt(0).putInt(10000).putInt(0).putInt(1).putInt(5).putInt(0x401000);
        ArtifactException e = assertThrows(ArtifactException.class, () -> PprofTesting.read(write("cpu.prof",
                b.array())));
        assertEquals("byte 32: legacy CPU profile ends inside a sample record", e.getMessage().substring(
                e.getMessage().indexOf("byte ")));
    }

    @Test
    void inlinedLinesBecomeFramesCallerFirstAndWindowSpanGivesTheTimeRange() throws Exception {
        Profile p = base()
                .addLocation(Location.newBuilder().setId(2).setAddress(0x2000)
                        .addLine(Line.newBuilder().setFunctionId(2).setLine(7))
                        .addLine(Line.newBuilder().setFunctionId(1).setLine(3)))
                .addSample(Sample.newBuilder().addLocationId(2).addLocationId(1).addValue(4)
                        .addLabel(Label.newBuilder().setKey(5).setStr(6)))
                .setTimeNanos(1_700_000_000_000_000_000L).setDurationNanos(30_000_000_000L).addComment(4).setDropFrames(3)
                .setPeriodType(ValueType.newBuilder().setType(1).setUnit(2)).setPeriod(10_000_000).build();
        Source s = PprofTesting.read(write("inline.pb", p));
        SampleTrack samples = (SampleTrack) s.tracks().get(0);
        List<String> frames = Arrays.stream(s.stacks().framesRootFirst(samples.stack(0)))
                .mapToObj(f -> s.label(s.stacks().frameFunction(f)) + ":" + s.stacks().frameLine(f)).toList();
        assertEquals(List.of("main:1", "main:3", "inlined:7"), frames);
        assertEquals("worker-1", s.label(samples.thread(0)));
        SpanTrack window = (SpanTrack) s.tracks().get(1);
        assertEquals("CPU profile, 30 s", s.label(window.label(0)));
        assertEquals(ClockKind.ABSOLUTE_UTC, s.clockKind());
        assertEquals(1_700_000_030_000_000_000L, s.maxTime());
        assertEquals("{period=10000000, period_type=cpu/nanoseconds, mappings=0, comments=inlined, drop_frames=main}",
                s.argsOf(window.args(0)).toString());
    }

    /**
     * Strings that are not UTF-8 are shown with U+FFFD and counted in a diagnostic that names the first; a label key is
     * told by its string (pprof keys labels by string), so the preferred thread key wins over one listed first.
     */
    @Test
    void badUtf8IsReplacedAndThreadLabelsAreKeyedByTheirStrings() throws Exception {
        Profile p = base()
                .addStringTable("f#(x") // 7, made "f\xC3(x" below
                .addStringTable("goroutine") // 8
                .addStringTable("17") // 9
                .addStringTable("w#!") // 10, made "w\xFF!" below
                .addFunction(Function.newBuilder().setId(3).setName(7))
                .addLocation(Location.newBuilder().setId(3).setAddress(0x3000)
                        .addLine(Line.newBuilder().setFunctionId(3).setLine(9)))
                .addSample(Sample.newBuilder().addLocationId(3).addLocationId(1).addValue(5)
                        .addLabel(Label.newBuilder().setKey(8).setStr(9))
                        .addLabel(Label.newBuilder().setKey(5).setStr(10)))
                .addSample(Sample.newBuilder().addLocationId(1).addValue(6)
                        .addLabel(Label.newBuilder().setKey(8).setStr(9)))
                .build();
        // The generated builder takes only UTF-8, so the bad bytes are put in the encoded profile.
        byte[] bytes = p.toByteArray();
        replace(bytes, "f#(x", new byte[] {'f', (byte) 0xC3, '(', 'x'});
        replace(bytes, "w#!", new byte[] {'w', (byte) 0xFF, '!'});
        Source s = PprofTesting.read(write("utf8.pb", bytes));
        SampleTrack samples = (SampleTrack) s.tracks().get(0);
        int leaf = s.stacks().framesRootFirst(samples.stack(0))[1];
        assertEquals("f\uFFFD(x", s.label(s.stacks().frameFunction(leaf)));
        assertEquals("w\uFFFD!", s.label(samples.thread(0)), "thread_name is preferred to goroutine");
        assertEquals("17", s.label(samples.thread(1)));
        Diagnostic bad = s.diagnostics().stream().filter(d -> d.name().equals("invalid-utf8-string")).findFirst()
                .orElseThrow();
        assertEquals(2, bad.count());
        assertEquals("string_table[7]", bad.firstWhere());
    }

    @Test
    void danglingMappingIdIsAWarningAsInPprof() throws Exception {
        Profile p = base().setLocation(0, Location.newBuilder().setId(1).setMappingId(9).setAddress(0x1000)
                .addLine(Line.newBuilder().setFunctionId(1).setLine(1))).build();
        Source s = PprofTesting.read(write("mapping.pb", p));
        assertEquals(1, s.diagnostics().size());
        assertEquals("pprof.dangling-mapping", s.diagnostics().get(0).name());
        assertInstanceOf(SampleTrack.class, s.tracks().get(0));
    }

    /** A valid one-sample CPU profile: location 1 in function "main". */
    private static Profile.Builder base() {
        return Profile.newBuilder()
                .addAllStringTable(List.of("", "cpu", "nanoseconds", "main", "inlined", "thread_name", "worker-1"))
                .addSampleType(ValueType.newBuilder().setType(1).setUnit(2))
                .addFunction(Function.newBuilder().setId(1).setName(3))
                .addFunction(Function.newBuilder().setId(2).setName(4))
                .addLocation(Location.newBuilder().setId(1).setAddress(0x1000)
                        .addLine(Line.newBuilder().setFunctionId(1).setLine(1)));
    }

    /** Overwrites the one place {@code ascii} is in {@code bytes} with {@code with}, of the same length. */
    private static void replace(byte[] bytes, String ascii, byte[] with) {
        byte[] find = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + find.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + find.length, find, 0, find.length)) {
                System.arraycopy(with, 0, bytes, i, with.length);
                return;
            }
        }
        throw new AssertionError(ascii + " not in the encoded profile");
    }

    private Path write(String name, Profile p) throws IOException {
        return write(name, p.toByteArray());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
