package io.incident.parsers.pprof;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.incident.model.Diagnostics;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads profile.proto field by field into {@link ProfileData}'s columns, without a message object per sample, label or
 * location. The message is read into one array first (at most maxDecompressedBytes), so that a first walk over its
 * top-level fields can size the biggest column, and decoding an array is cheaper than a stream. It is decoded one
 * top-level field at a time, so that a big profile can be cancelled between its samples, and the string table is
 * decoded as Go's pprof does, as bytes with invalid UTF-8 replaced rather than rejected (the generated proto3 parser
 * would refuse the file). Nested messages follow the generated parsers' rules, which the golden and bad
 * input tests pin down: a later scalar wins, repeated scalars come packed or not, a field with another wire type than
 * its declared one is skipped as unknown, and an end-group tag that closes nothing is an error.
 */
final class ProfileDecoder {
    private static final int CANCEL_STEP = 4096;
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private final CodedInputStream in;
    private final ProfileData p = new ProfileData();

    private ProfileDecoder(CodedInputStream in) {
        this.in = in;
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
        ProfileDecoder d = new ProfileDecoder(input);
        d.p.reserveSampleLocations(sampleBytes(bytes));
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
        return d.p;
    }

    /** The whole stream, read straight into one array of its known length when there is one. */
    private static byte[] readAll(InputStream stream, int limit, long expectedBytes, ReadContext ctx)
            throws IOException, LimitExceededException {
        byte[] bytes = new byte[expectedBytes > 0 && expectedBytes <= limit ? (int) expectedBytes : 0];
        int n = stream.readNBytes(bytes, 0, bytes.length);
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

    /**
     * The bytes of all samples, a bound on how many location ids they hold (each takes a byte or more), found by
     * stepping over the top-level fields; a malformed field ends the walk, for the decoding to report.
     */
    private static int sampleBytes(byte[] bytes) {
        CodedInputStream scan = CodedInputStream.newInstance(bytes);
        long total = 0;
        try {
            for (int tag; (tag = scan.readTag()) != 0; ) {
                if (tag == (2 << 3 | DELIMITED)) {
                    int length = scan.readRawVarint32();
                    scan.skipRawBytes(length);
                    total += length;
                } else if (!scan.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            // The decoding proper reads the same bytes and reports what is wrong with them.
        }
        return (int) Math.min(total, bytes.length);
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

    private boolean readDelimited(int field, Diagnostics diagnostics) throws IOException {
        switch (field) {
            case 1 -> {
                long[] type = valueType();
                p.addSampleType(type[0], type[1]);
            }
            case 2 -> sample();
            case 3 -> mapping();
            case 4 -> location();
            case 5 -> function();
            case 6 -> string(diagnostics);
            case 11 -> {
                long[] type = valueType();
                p.mergePeriodType(type[0], type[1]);
            }
            case 13 -> {
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
            case 7 -> p.dropFrames(in.readInt64());
            case 8 -> p.keepFrames(in.readInt64());
            case 9 -> p.timeNanos(in.readInt64());
            case 10 -> p.durationNanos(in.readInt64());
            case 12 -> p.period(in.readInt64());
            case 13 -> p.addComment(in.readInt64());
            case 14 -> p.defaultSampleType(in.readInt64());
            default -> {
                return false;
            }
        }
        return true;
    }

    private void string(Diagnostics diagnostics) throws IOException {
        ByteString bytes = in.readBytes();
        if (bytes.isValidUtf8()) {
            p.addString(bytes.toStringUtf8());
        } else {
            diagnostics.info("invalid-utf8-string", "string_table[" + p.stringCount() + "]",
                    "a string that is not valid UTF-8 (" + bytes.size() + " bytes); shown with U+FFFD for the"
                            + " bad bytes");
            p.addString(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
    }

    /** Enters a length-delimited message: returns the limit to restore with {@link #end}. */
    private int begin() throws IOException {
        return in.pushLimit(in.readRawVarint32());
    }

    /**
     * The next tag inside the current message, 0 at its end. A tag no case took is skipped here: the caller's switch
     * passes it on as {@code unknown}, as the generated parsers hand unknown fields to the unknown-field set.
     */
    private int next(int unknown) throws IOException {
        if (unknown != 0 && !in.skipField(unknown)) {
            return 0;
        }
        return in.readTag();
    }

    /** Leaves a message: it must have ended at its length, not at a stray end-group tag. */
    private void end(int limit) throws InvalidProtocolBufferException {
        in.checkLastTagWas(0);
        in.popLimit(limit);
    }

    /** A ValueType: {type, unit}. */
    private long[] valueType() throws IOException {
        int limit = begin();
        long type = 0;
        long unit = 0;
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> type = in.readInt64();
                case 2 << 3 | VARINT -> unit = in.readInt64();
                default -> unknown = t;
            }
        }
        end(limit);
        return new long[] {type, unit};
    }

    private void sample() throws IOException {
        int limit = begin();
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> p.addSampleLocation(in.readUInt64());
                case 1 << 3 | DELIMITED -> {
                    int packed = begin();
                    while (in.getBytesUntilLimit() > 0) {
                        p.addSampleLocation(in.readUInt64());
                    }
                    in.popLimit(packed);
                }
                case 2 << 3 | VARINT -> p.addSampleValue(in.readInt64());
                case 2 << 3 | DELIMITED -> {
                    int packed = begin();
                    while (in.getBytesUntilLimit() > 0) {
                        p.addSampleValue(in.readInt64());
                    }
                    in.popLimit(packed);
                }
                case 3 << 3 | DELIMITED -> label();
                default -> unknown = t;
            }
        }
        end(limit);
        p.endSample();
    }

    private void label() throws IOException {
        int limit = begin();
        long key = 0;
        long str = 0;
        long num = 0;
        long numUnit = 0;
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> key = in.readInt64();
                case 2 << 3 | VARINT -> str = in.readInt64();
                case 3 << 3 | VARINT -> num = in.readInt64();
                case 4 << 3 | VARINT -> numUnit = in.readInt64();
                default -> unknown = t;
            }
        }
        end(limit);
        p.addLabel(key, str, num, numUnit);
    }

    /** A Mapping: only id, filename and build_id are used; its addresses and flags are skipped. */
    private void mapping() throws IOException {
        int limit = begin();
        long id = 0;
        long filename = 0;
        long buildId = 0;
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> id = in.readUInt64();
                case 5 << 3 | VARINT -> filename = in.readInt64();
                case 6 << 3 | VARINT -> buildId = in.readInt64();
                default -> unknown = t;
            }
        }
        end(limit);
        p.addMapping(id, filename, buildId);
    }

    private void location() throws IOException {
        int limit = begin();
        long id = 0;
        long mapping = 0;
        long address = 0;
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> id = in.readUInt64();
                case 2 << 3 | VARINT -> mapping = in.readUInt64();
                case 3 << 3 | VARINT -> address = in.readUInt64();
                case 4 << 3 | DELIMITED -> line();
                default -> unknown = t;
            }
        }
        end(limit);
        p.endLocation(id, mapping, address);
    }

    private void line() throws IOException {
        int limit = begin();
        long function = 0;
        long line = 0;
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> function = in.readUInt64();
                case 2 << 3 | VARINT -> line = in.readInt64();
                default -> unknown = t;
            }
        }
        end(limit);
        p.addLine(function, line);
    }

    private void function() throws IOException {
        int limit = begin();
        long id = 0;
        long name = 0;
        long systemName = 0;
        long filename = 0;
        int unknown = 0;
        for (int t; (t = next(unknown)) != 0; ) {
            unknown = 0;
            switch (t) {
                case 1 << 3 | VARINT -> id = in.readUInt64();
                case 2 << 3 | VARINT -> name = in.readInt64();
                case 3 << 3 | VARINT -> systemName = in.readInt64();
                case 4 << 3 | VARINT -> filename = in.readInt64();
                default -> unknown = t;
            }
        }
        end(limit);
        p.addFunction(id, name, systemName, filename);
    }

    /** Whether a protobuf error came from the size limit rather than from bad bytes. */
    static boolean isSizeLimit(InvalidProtocolBufferException e) {
        return String.valueOf(e.getMessage()).contains("size limit");
    }
}
