package io.incident.parsers.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The reused lists change how much the generated parser allocates, never what it reads. */
class ReusedSampleListsTest {
    @Test
    void theGeneratedBuilderKeepsItsListsWhereWeLookForThem() {
        assertTrue(ReusedSampleLists.active(), "protoc renamed Sample.Builder's repeated fields: samples are parsed "
                + "with a fresh list each again (see ReusedSampleLists)");
    }

    @Test
    void samplesOfEveryLengthReadAsTheGeneratedMessageReadsThem() throws Exception {
        Random random = new Random(7);
        List<byte[]> encoded = new ArrayList<>();
        // Long then short, so a reused list that is not emptied would show its old tail; past the lists' first capacity.
        for (int length : new int[] {300, 1, 0, 40, 257, 3, 1000, 2}) {
            Sample.Builder s = Sample.newBuilder();
            LongStream.range(0, length).forEach(i -> s.addLocationId(1 + random.nextInt(1 << 20)));
            for (int v = 0; v < length % 5; v++) {
                s.addValue(random.nextLong());
            }
            if (length % 2 == 1) {
                s.addLabel(Label.newBuilder().setKey(3).setStr(4));
            }
            encoded.add(s.build().toByteArray());
        }
        // The same ids as repeated unpacked varints (field 1, wire type 0), which proto3 parsers must also accept.
        ByteArrayOutputStream unpacked = new ByteArrayOutputStream();
        for (long id : new long[] {5, 300, 70000}) {
            unpacked.write(8);
            writeVarint(unpacked, id);
        }
        encoded.add(unpacked.toByteArray());

        Sample.Builder reused = Sample.newBuilder();
        ReusedSampleLists lists = new ReusedSampleLists();
        for (byte[] bytes : encoded) {
            reused.clear();
            lists.install(reused);
            reused.mergeFrom(CodedInputStream.newInstance(bytes), ExtensionRegistryLite.getEmptyRegistry());
            Sample expected = Sample.parseFrom(bytes);
            assertEquals(expected.getLocationIdCount(), reused.getLocationIdCount());
            for (int i = 0; i < expected.getLocationIdCount(); i++) {
                assertEquals(expected.getLocationId(i), reused.getLocationId(i), "location_id[" + i + "]");
            }
            assertEquals(expected.getValueList(), valuesOf(reused));
            assertEquals(expected.getLabelList(), reused.getLabelList());
        }
    }

    private static List<Long> valuesOf(Sample.Builder b) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < b.getValueCount(); i++) {
            out.add(b.getValue(i));
        }
        return out;
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
