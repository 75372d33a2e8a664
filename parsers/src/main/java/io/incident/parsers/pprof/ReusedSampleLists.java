package io.incident.parsers.pprof;

import com.google.protobuf.Internal.LongList;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Gives the generated {@link Sample.Builder} the same two mutable lists for every sample, so that its own parsing
 * (unchanged, generated from profile.proto) appends the location ids and values into arrays that are already big
 * enough. Without this, {@code Builder.clear()} resets both repeated fields to the shared empty list, and each sample's
 * ids then grow a fresh list from 10 slots by half again at a time: on a merged CPU profile of 112k samples and 4.3M
 * ids that is 165 MB of short-lived arrays, over half of a cold read's time (JFR allocation and execution samples).
 *
 * <p>The builder keeps the lists in its private fields {@code locationId_} and {@code value_}, the names protoc has
 * given repeated fields for years; the generated parser only appends to a list that reports itself modifiable, and we
 * never call {@code build()}, which would freeze it. If a future protoc names them otherwise, {@link #active()} is
 * false and samples are parsed as before, only slower ({@code ReusedSampleListsTest} fails on that).
 */
final class ReusedSampleLists {
    private static final VarHandle IDS;
    private static final VarHandle VALUES;

    static {
        VarHandle ids = null;
        VarHandle values = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Sample.Builder.class, MethodHandles.lookup());
            ids = lookup.findVarHandle(Sample.Builder.class, "locationId_", LongList.class);
            values = lookup.findVarHandle(Sample.Builder.class, "value_", LongList.class);
        } catch (ReflectiveOperationException | SecurityException e) {
            // Left null: active() is false and samples are parsed with the builder's own lists.
        }
        IDS = ids;
        VALUES = values;
    }

    private final LongList ids = emptyMutable(256);
    private final LongList values = emptyMutable(16);

    /** A mutable list from the generated default instance's empty one: protobuf's own list class, public API only. */
    private static LongList emptyMutable(int capacity) {
        return ((LongList) Sample.getDefaultInstance().getLocationIdList()).mutableCopyWithCapacity(capacity);
    }

    /** Whether the generated builder's fields were found, so that lists are reused. */
    static boolean active() {
        return IDS != null && VALUES != null;
    }

    /** Call right after {@code builder.clear()}: empties the reused lists and puts them in the builder. */
    void install(Sample.Builder builder) {
        if (!active()) {
            return;
        }
        ids.clear();
        values.clear();
        IDS.set(builder, ids);
        VALUES.set(builder, values);
    }
}
