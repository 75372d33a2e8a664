package io.incident.parsers.pprof;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Mapping;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads profile.proto into {@link ProfileData}. The Profile message's own fields are taken one at a time, so that a big
 * profile can be cancelled between its samples and the string table is decoded as Go's pprof does, as bytes with
 * invalid UTF-8 replaced rather than rejected (the generated proto3 parser would refuse the file). Every nested message
 * (Sample, Location with its Lines, Function, Mapping, ValueType) is parsed by its class generated from profile.proto
 * and copied into columns at once, so no message outlives its field. The input is read into one array first (at most
 * maxDecompressedBytes), which is walked twice: first for every field but the samples, which are only framed and
 * counted (writers put them before the locations they name, or interleaved with them), then, when the model asks, for
 * the samples alone, so that each is checked and made a stack as it is parsed.
 */
final class ProfileDecoder {
    private static final ExtensionRegistryLite NO_EXTENSIONS = ExtensionRegistryLite.getEmptyRegistry();
    private static final int CANCEL_STEP = 4096;
    private static final int READ_PIECE = 1 << 18;
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private static final int SAMPLE_TAG = Profile.SAMPLE_FIELD_NUMBER << 3 | DELIMITED;

    private final CodedInputStream in;
    /** What {@link #in} reads, from offset 0. */
    private final byte[] bytes;
    private final ProfileData p = new ProfileData();
    private int samples;
    private long sampleBytes;

    private ProfileDecoder(CodedInputStream in, byte[] bytes) {
        this.in = in;
        this.bytes = bytes;
    }

    /**
     * Decodes the whole message; {@code sizeLimit} bounds the bytes read, {@code expectedBytes} is the stream's length
     * when known (a plain file), -1 otherwise.
     */
    static ProfileData decode(InputStream stream, long sizeLimit, long expectedBytes, ReadContext ctx,
                              Diagnostics diagnostics) throws IOException, LimitExceededException {
        byte[] bytes = readAll(stream, (int) Math.min(Integer.MAX_VALUE - 8, sizeLimit), expectedBytes, ctx);
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        input.enableAliasing(true);
        ProfileDecoder d = new ProfileDecoder(input, bytes);
        int records = 0;
        while (true) {
            int tag = input.readTag();
            if (tag == 0) {
                break;
            }
            if (!d.readField(tag, diagnostics)) {
                input.skipField(tag);
            }
            if (++records % CANCEL_STEP == 0) {
                ctx.cancellation().check();
            }
        }
        d.p.inputBytes(input.getTotalBytesRead());
        d.p.samples(d.samples, d.sampleBytes, new Samples(bytes, ctx));
        return d.p;
    }

    /**
     * The second walk over the same bytes, which the first has already framed: it parses only the samples, each by
     * the generated parser into one builder, whose lists every sample reuses, so that a sample makes no builder nor
     * list.
     */
    private static final class Samples implements ProfileData.SampleSource {
        private final byte[] bytes;
        private final ReadContext ctx;

        Samples(byte[] bytes, ReadContext ctx) {
            this.bytes = bytes;
            this.ctx = ctx;
        }

        @Override
        public void forEach(ProfileData.SampleVisitor visitor) throws IOException, ArtifactException {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            input.enableAliasing(true);
            Sample.Builder sample = Sample.newBuilder();
            ReusedSampleLists lists = new ReusedSampleLists();
            int index = 0;
            for (int tag; (tag = input.readTag()) != 0; ) {
                if (tag != SAMPLE_TAG) {
                    input.skipField(tag);
                    continue;
                }
                int start = input.getTotalBytesRead();
                sample.clear();
                lists.install(sample);
                input.readMessage(sample, NO_EXTENSIONS);
                visitor.sample(index, sample, input.getTotalBytesRead() - start);
                if (++index % CANCEL_STEP == 0) {
                    ctx.cancellation().check();
                }
            }
        }
    }

    /** The whole stream, read straight into one array of its known length when there is one. */
    private static byte[] readAll(InputStream stream, int limit, long expectedBytes, ReadContext ctx)
            throws IOException, LimitExceededException {
        byte[] bytes = new byte[expectedBytes > 0 && expectedBytes <= limit ? (int) expectedBytes : 0];
        int n = 0;
        while (n < bytes.length) {
            // In pieces: a file channel copies each read through a native buffer as big as the read.
            int got = stream.read(bytes, n, Math.min(READ_PIECE, bytes.length - n));
            if (got < 0) {
                break;
            }
            n += got;
        }
        byte[] rest = stream.readNBytes(limit - n);
        if (n + rest.length == limit && stream.read() >= 0) {
            throw new LimitExceededException(ctx.name(), "byte " + limit, "maxDecompressedBytes", limit,
                    "profile size");
        }
        if (n == bytes.length && rest.length == 0) {
            return bytes;
        }
        byte[] all = Arrays.copyOf(bytes, n + rest.length);
        System.arraycopy(rest, 0, all, n, rest.length);
        return all;
    }

    /** Reads one known top-level field; false for an unknown field or an unexpected wire type. */
    private boolean readField(int tag, Diagnostics diagnostics) throws IOException {
        int field = WireFormat.getTagFieldNumber(tag);
        switch (WireFormat.getTagWireType(tag)) {
            case DELIMITED:
                return readDelimited(field, diagnostics);
            case VARINT:
                return readScalar(field);
            default:
                return false;
        }
    }

    /** A nested message is parsed by its generated parser and copied into the columns; the message is then dropped. */
    private boolean readDelimited(int field, Diagnostics diagnostics) throws IOException {
        switch (field) {
            case Profile.SAMPLE_TYPE_FIELD_NUMBER -> {
                ValueType type = in.readMessage(ValueType.parser(), NO_EXTENSIONS);
                p.addSampleType(type.getType(), type.getUnit());
            }
            case Profile.SAMPLE_FIELD_NUMBER -> {
                // Framed here and parsed by the second walk, once the tables the samples name are checked.
                int length = in.readRawVarint32();
                in.skipRawBytes(length);
                samples++;
                sampleBytes += length;
            }
            case Profile.MAPPING_FIELD_NUMBER -> p.addMapping(in.readMessage(Mapping.parser(), NO_EXTENSIONS));
            case Profile.LOCATION_FIELD_NUMBER -> p.addLocation(in.readMessage(Location.parser(), NO_EXTENSIONS));
            case Profile.FUNCTION_FIELD_NUMBER -> p.addFunction(in.readMessage(Function.parser(), NO_EXTENSIONS));
            case Profile.STRING_TABLE_FIELD_NUMBER -> string(diagnostics);
            case Profile.PERIOD_TYPE_FIELD_NUMBER -> {
                ValueType type = in.readMessage(ValueType.parser(), NO_EXTENSIONS);
                p.mergePeriodType(type.getType(), type.getUnit());
            }
            case Profile.COMMENT_FIELD_NUMBER -> {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    p.addComment(in.readInt64());
                }
                in.popLimit(limit);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean readScalar(int field) throws IOException {
        switch (field) {
            case Profile.DROP_FRAMES_FIELD_NUMBER -> p.dropFrames(in.readInt64());
            case Profile.KEEP_FRAMES_FIELD_NUMBER -> p.keepFrames(in.readInt64());
            case Profile.TIME_NANOS_FIELD_NUMBER -> p.timeNanos(in.readInt64());
            case Profile.DURATION_NANOS_FIELD_NUMBER -> p.durationNanos(in.readInt64());
            case Profile.PERIOD_FIELD_NUMBER -> p.period(in.readInt64());
            case Profile.COMMENT_FIELD_NUMBER -> p.addComment(in.readInt64());
            case Profile.DEFAULT_SAMPLE_TYPE_FIELD_NUMBER -> p.defaultSampleType(in.readInt64());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A string of the table, left in the input (see {@link ProfileData#string}) once its UTF-8 is checked. */
    private void string(Diagnostics diagnostics) throws IOException {
        int length = in.readRawVarint32();
        int offset = in.getTotalBytesRead(); // the input is one array, read from offset 0
        in.skipRawBytes(length);
        if (!UnsafeByteOperations.unsafeWrap(bytes, offset, length).isValidUtf8()) {
            diagnostics.info("invalid-utf8-string", "string_table[" + p.stringCount() + "]",
                    "a string that is not valid UTF-8 (" + length + " bytes); shown with U+FFFD for the bad bytes");
        }
        p.addString(bytes, offset, length);
    }

    /** Whether a protobuf error came from the size limit rather than from bad bytes. */
    static boolean isSizeLimit(InvalidProtocolBufferException e) {
        return String.valueOf(e.getMessage()).contains("size limit");
    }
}
