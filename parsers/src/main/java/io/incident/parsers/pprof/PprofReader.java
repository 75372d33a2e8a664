package io.incident.parsers.pprof;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;
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
        throw new ArtifactException(context.name(), "", "pprof reading is not in this build yet");
    }
}
