package io.incident.parsers.pprof;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.incident.model.Diagnostics;
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
import java.nio.charset.StandardCharsets;

/**
 * Reads profile.proto with the generated classes, one top-level field at a time, so that a big profile can be
 * cancelled between its samples, and so that the string table is decoded as Go's pprof does:
 * as bytes, with invalid UTF-8 replaced rather than rejected (the generated proto3 parser would refuse the file).
 * Every nested message (Sample, Location, Function...) is parsed by its generated parser.
 */
final class ProfileDecoder {
    private static final ExtensionRegistryLite NO_EXTENSIONS = ExtensionRegistryLite.getEmptyRegistry();
    private static final int CANCEL_STEP = 4096;

    private ProfileDecoder() {
    }

    /** Decodes the whole message; {@code sizeLimit} bounds the bytes read. */
    static Profile decode(InputStream in, long sizeLimit, ReadContext ctx, Diagnostics diagnostics)
            throws IOException, LimitExceededException {
        CodedInputStream input = CodedInputStream.newInstance(in, 1 << 16);
        int limit = (int) Math.min(Integer.MAX_VALUE, sizeLimit);
        input.setSizeLimit(limit);
        Profile.Builder p = Profile.newBuilder();
        int records = 0;
        while (true) {
            int tag = input.readTag();
            if (tag == 0) {
                if (input.getTotalBytesRead() >= limit) {
                    // CodedInputStream reports the size limit at a field boundary as a clean end of input.
                    throw new LimitExceededException(ctx.name(), "byte " + limit, "maxDecompressedBytes", limit,
                            "profile size");
                }
                break;
            }
            if (!readField(input, tag, p, diagnostics)) {
                input.skipField(tag);
            }
            if (++records % CANCEL_STEP == 0) {
                ctx.cancellation().check();
            }
        }
        return p.build();
    }

    /** Reads one known field into the builder; false for an unknown field or an unexpected wire type. */
    private static boolean readField(CodedInputStream in, int tag, Profile.Builder p, Diagnostics diagnostics)
            throws IOException {
        int field = WireFormat.getTagFieldNumber(tag);
        switch (WireFormat.getTagWireType(tag)) {
            case WireFormat.WIRETYPE_LENGTH_DELIMITED:
                return readDelimited(in, field, p, diagnostics);
            case WireFormat.WIRETYPE_VARINT:
                if (field == Profile.COMMENT_FIELD_NUMBER) {
                    p.addComment(in.readInt64());
                    return true;
                }
                return readScalar(in, field, p);
            default:
                return false;
        }
    }

    private static boolean readDelimited(CodedInputStream in, int field, Profile.Builder p, Diagnostics diagnostics)
            throws IOException {
        switch (field) {
            case Profile.SAMPLE_TYPE_FIELD_NUMBER -> p.addSampleType(in.readMessage(ValueType.parser(), NO_EXTENSIONS));
            case Profile.SAMPLE_FIELD_NUMBER -> p.addSample(in.readMessage(Sample.parser(), NO_EXTENSIONS));
            case Profile.MAPPING_FIELD_NUMBER -> p.addMapping(in.readMessage(Mapping.parser(), NO_EXTENSIONS));
            case Profile.LOCATION_FIELD_NUMBER -> p.addLocation(in.readMessage(Location.parser(), NO_EXTENSIONS));
            case Profile.FUNCTION_FIELD_NUMBER -> p.addFunction(in.readMessage(Function.parser(), NO_EXTENSIONS));
            case Profile.STRING_TABLE_FIELD_NUMBER -> {
                ByteString bytes = in.readBytes();
                if (bytes.isValidUtf8()) {
                    p.addStringTable(bytes.toStringUtf8());
                } else {
                    diagnostics.info("invalid-utf8-string", "string_table[" + p.getStringTableCount() + "]",
                            "a string that is not valid UTF-8 (" + bytes.size() + " bytes); shown with U+FFFD for the"
                                    + " bad bytes");
                    p.addStringTable(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
                }
            }
            case Profile.PERIOD_TYPE_FIELD_NUMBER -> p.setPeriodType(p.getPeriodType().toBuilder()
                    .mergeFrom(in.readMessage(ValueType.parser(), NO_EXTENSIONS)).build());
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

    private static boolean readScalar(CodedInputStream in, int field, Profile.Builder p) throws IOException {
        switch (field) {
            case Profile.DROP_FRAMES_FIELD_NUMBER -> p.setDropFrames(in.readInt64());
            case Profile.KEEP_FRAMES_FIELD_NUMBER -> p.setKeepFrames(in.readInt64());
            case Profile.TIME_NANOS_FIELD_NUMBER -> p.setTimeNanos(in.readInt64());
            case Profile.DURATION_NANOS_FIELD_NUMBER -> p.setDurationNanos(in.readInt64());
            case Profile.PERIOD_FIELD_NUMBER -> p.setPeriod(in.readInt64());
            case Profile.DEFAULT_SAMPLE_TYPE_FIELD_NUMBER -> p.setDefaultSampleType(in.readInt64());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether a protobuf error came from the size limit rather than from bad bytes. */
    static boolean isSizeLimit(InvalidProtocolBufferException e) {
        return String.valueOf(e.getMessage()).contains("size limit");
    }
}
