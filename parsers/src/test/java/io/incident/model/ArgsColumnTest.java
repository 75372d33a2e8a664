package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sets kept end to end in blocks: sets across block ends, a set longer than a block, and freezing. */
class ArgsColumnTest {
    @Test
    void setsCrossingBlockEndsReadBackWhole() {
        Args args = new Args();
        List<int[]> added = new ArrayList<>();
        // Sets of 6 and 8 ints do not divide a block, so sets land across the ends of the blocks, three of them.
        int[] reused = new int[8];
        for (int i = 0; i < Args.BLOCK * 3 / 7 + 10; i++) {
            for (int k = 0; k < 6; k++) {
                reused[k] = i * 6 + k;
            }
            int id = i % 2 == 0 ? args.add(reused, 6) : args.add(reused.clone());
            added.add(java.util.Arrays.copyOf(reused, i % 2 == 0 ? 6 : 8));
            assertEquals(i + 1, id);
        }
        Args frozen = args.freeze();
        for (int i = 0; i < added.size(); i++) {
            assertArrayEquals(added.get(i), frozen.pairs(i + 1), "set " + (i + 1));
        }
        assertEquals(0, frozen.pairs(0).length);
        assertThrows(IndexOutOfBoundsException.class, () -> frozen.pairs(added.size() + 1));
    }

    @Test
    void aSetLongerThanABlockAndAddingAfterFreezing() {
        StringTable strings = new StringTable();
        int k = strings.intern("k");
        int v = strings.intern("v");
        Args args = new Args();
        int[] big = new int[Args.BLOCK * 2 + 100];
        for (int i = 0; i < big.length; i += 2) {
            big[i] = k;
            big[i + 1] = i % 4 == 0 ? v : k;
        }
        int small = args.add(k, v);
        int huge = args.add(big);
        Args frozen = args.freeze();
        int later = args.add(v, k);
        assertArrayEquals(big, frozen.pairs(huge));
        assertEquals(java.util.Map.of("k", "v"), frozen.resolve(small, strings));
        assertEquals(3, frozen.size(), "a set added to the builder after freezing is not in the frozen table");
        assertEquals(java.util.Map.of("v", "k"), args.resolve(later, strings));
        assertArrayEquals(big, Args.ofFrozen(List.of(new int[0], new int[] {k, v}, big)).pairs(2));
    }

    @Test
    void validationFindsAStringIdPastTheTable() {
        Source.Builder b = Source.builder(new SourceInfo("x", SourceKind.STRACE, 0, ""), ClockKind.RELATIVE);
        b.args().add(b.intern("k"), b.intern("v"));
        b.args().add(b.intern("k"), 77);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("model invariant broken: arg set 2 refers to string 77", e.getMessage());
    }
}
