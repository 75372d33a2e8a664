package io.incident.parsers.pprof;

import com.google.protobuf.InvalidProtocolBufferException;
import io.incident.model.ClockKind;
import io.incident.model.Diagnostics;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.Inputs;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.ReadContext;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Pattern;

/** Go pprof profiles: profile.proto (gzipped or plain) and the legacy text formats go tool pprof still reads. */
public final class PprofReader implements FormatReader {
    /** First lines of the legacy text profiles written by runtime/pprof with debug=1. */
    private static final Pattern LEGACY_TEXT = Pattern.compile(
            "^(heap profile:\\s*\\d+:\\s*\\d+\\s*\\[\\s*\\d+:\\s*\\d+\\s*\\]\\s*@|--- contention:|--- mutex:"
                    + "|--- contentionz |--- threadz |threadcreate profile: total \\d+|--- heapz )");

    @Override
    public SourceKind kind() {
        return SourceKind.PPROF;
    }

    @Override
    public boolean recognizes(Head head) {
        return looksLikeProfileProto(head) || looksLikeLegacyCpu(head) || LEGACY_TEXT.matcher(head.text()).lookingAt();
    }

    /**
     * The legacy binary CPU profile of gperftools and Go before 1.9: a header of five words {0, 3, version (0, or 1 from Java profilers), period, 0}, in
     * 32- or 64-bit words of either byte order.
     */
    static boolean looksLikeLegacyCpu(Head head) {
        for (int word : new int[] {4, 8}) {
            for (boolean little : new boolean[] {true, false}) {
                if (head.length() >= 5 * word && legacyWord(head, 0, word, little) == 0
                        && legacyWord(head, 1, word, little) == 3 && legacyWord(head, 2, word, little) <= 1
                        && legacyWord(head, 3, word, little) > 0 && legacyWord(head, 4, word, little) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long legacyWord(Head head, int index, int word, boolean little) {
        long v = 0;
        for (int i = 0; i < word; i++) {
            int b = head.byteAt(index * word + (little ? word - 1 - i : i));
            v = (v << 8) | b;
        }
        return v;
    }

    /**
     * Walks the protobuf fields in the head: every tag must be a field of the Profile message with its declared wire
     * type (profile.proto), lengths must stay inside the file, and the first string must be the empty string pprof
     * reserves at index 0.
     */
    static boolean looksLikeProfileProto(Head head) {
        byte[] b = head.bytes();
        int pos = 0;
        int fields = 0;
        boolean sawString = false;
        long consumedLimit = head.gzipped() ? Long.MAX_VALUE : head.fileSize();
        while (pos < b.length) {
            long[] tag = varint(b, pos);
            if (tag == null) {
                break;
            }
            int field = (int) (tag[0] >>> 3);
            int wire = (int) (tag[0] & 7);
            pos = (int) tag[1];
            if (!validField(field, wire)) {
                return false;
            }
            if (wire == 0) {
                long[] v = varint(b, pos);
                if (v == null) {
                    break;
                }
                pos = (int) v[1];
            } else {
                long[] len = varint(b, pos);
                if (len == null) {
                    break;
                }
                long end = len[1] + len[0];
                if (len[0] < 0 || len[0] > Integer.MAX_VALUE) {
                    return false;
                }
                if (end > consumedLimit) {
                    // A truncated profile still starts like one: count the field and stop walking.
                    fields++;
                    break;
                }
                if (field == 6 && !sawString) {
                    if (len[0] != 0) {
                        return false;
                    }
                    sawString = true;
                }
                if (end > b.length) {
                    fields++;
                    break;
                }
                pos = (int) end;
            }
            fields++;
        }
        boolean wholeFileSeen = !head.gzipped() && b.length == head.fileSize() && pos == b.length;
        return fields >= 3 || (wholeFileSeen && fields >= 1 && sawString);
    }

    private static boolean validField(int field, int wire) {
        switch (field) {
            case 1, 2, 3, 4, 5, 6, 11:
                return wire == 2;
            case 7, 8, 9, 10, 12, 14:
                return wire == 0;
            case 13:
                return wire == 0 || wire == 2;
            default:
                return false;
        }
    }

    /** Decodes a varint at pos: {value, next position}, or null when the head ends inside it. */
    static long[] varint(byte[] b, int pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= b.length) {
                return null;
            }
            int x = b[pos++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return new long[] {v, pos};
            }
        }
        return new long[] {-1, pos};
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        try (InputStream in = Inputs.open(context)) {
            return read(in, context, isGzip(context) ? -1 : Files.size(context.file()));
        } catch (IOException e) {
            throw wrap(context, e);
        }
    }

    private static boolean isGzip(ReadContext ctx) throws IOException {
        try (InputStream in = Files.newInputStream(ctx.file())) {
            byte[] magic = in.readNBytes(2);
            return Inputs.isGzip(magic, magic.length);
        }
    }

    /**
     * Reads a profile from a stream (already gunzipped when the file was gzip), the core the tests feed in chunks.
     * {@code totalBytes} is the stream's length for progress, -1 when unknown.
     */
    Source read(InputStream raw, ReadContext ctx, long totalBytes) throws ArtifactException {
        Source.Builder builder = Source.builder(ctx.info(), ClockKind.RELATIVE);
        try {
            ProgressStream counted = new ProgressStream(raw, ctx.progress(), totalBytes);
            BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
            in.mark(Head.SIZE);
            byte[] head = in.readNBytes(Head.SIZE);
            in.reset();
            if (head.length == 0) {
                throw new ArtifactException(ctx.name(), "byte 0", "empty input file: expected a pprof profile");
            }
            ProfileData profile = parse(in, head, totalBytes, ctx, builder.diagnostics());
            counted.finish();
            ProfileCheck check = ProfileCheck.check(ctx.name(), profile, builder.diagnostics());
            try {
                return ProfileModel.toSource(profile, check, builder, ctx);
            } catch (InvalidProtocolBufferException e) {
                // A sample that the first walk framed but whose own bytes are bad.
                throw protobufError(ctx, e);
            }
        } catch (IOException e) {
            throw wrap(ctx, e);
        } catch (java.util.concurrent.CancellationException e) {
            // Cancellation is not a reading error: let the import see it as such.
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof java.util.concurrent.CancellationException c) {
                throw c;
            }
            throw new ArtifactException(ctx.name(), "", "unreadable pprof profile: " + e, e);
        }
    }

    private static ProfileData parse(InputStream in, byte[] head, long totalBytes, ReadContext ctx,
                                     Diagnostics diagnostics)
            throws IOException, ArtifactException {
        Head h = new Head(head, false, Long.MAX_VALUE);
        if (looksLikeLegacyCpu(h)) {
            return ProfileData.of(LegacyCpu.parse(ctx.name(), in, head, ctx));
        }
        if (looksLikeLegacyText(h)) {
            return ProfileData.of(LegacyText.parse(ctx.name(),
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ctx));
        }
        try {
            return ProfileDecoder.decode(in, ctx.limits().maxDecompressedBytes(), totalBytes, ctx, diagnostics);
        } catch (InvalidProtocolBufferException e) {
            throw protobufError(ctx, e);
        }
    }

    private static ArtifactException protobufError(ReadContext ctx, InvalidProtocolBufferException e) {
        if (ProfileDecoder.isSizeLimit(e)) {
            return new LimitExceededException(ctx.name(), "", "maxDecompressedBytes",
                    ctx.limits().maxDecompressedBytes(), "profile size");
        }
        return new ArtifactException(ctx.name(), "", "unrecognized profile format: not a profile.proto message ("
                + e.getMessage() + ") nor a legacy profile", e);
    }

    /** A legacy text profile: its first line that is not blank or a comment is one of the known headers. */
    static boolean looksLikeLegacyText(Head head) {
        for (String line : head.lines(64)) {
            if (!LegacyText.isSpaceOrComment(line)) {
                return LEGACY_TEXT.matcher(line.trim()).lookingAt() || LegacyText.HEAP_HEADER.matcher(line).lookingAt()
                        || line.trim().matches("\\S+ profile: total \\d+") || line.trim().startsWith("--- Thread ");
            }
        }
        return false;
    }

    private static ArtifactException wrap(ReadContext ctx, IOException e) {
        if (e instanceof Inputs.LimitIOException limit) {
            return limit.limit();
        }
        if (e instanceof java.io.EOFException || String.valueOf(e.getMessage()).contains("Unexpected end of ZLIB")) {
            return new ArtifactException(ctx.name(), "", "truncated input: the compressed or binary stream ends early ("
                    + e.getMessage() + ")", e);
        }
        return new ArtifactException(ctx.name(), "", "cannot read pprof profile: " + e, e);
    }
}
