package io.incident.parsers.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.testing.Corpus;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code #\t0xPC\tfunc+off\tfile:line} comments of Go's debug=1 profiles name the legacy frames: the same server's
 * profile.proto, captured alongside, has the same stacks with the same values.
 */
class PprofLegacySymbolsTest {
    @ParameterizedTest
    @CsvSource({"pprof/made_goleak_heap_debug1.txt, pprof/made_goleak_heap.pb.gz",
        "pprof/made_goleak_allocs_debug1.txt, pprof/made_goleak_allocs.pb.gz"})
    void legacyStacksMatchTheProtoStacks(String legacy, String proto) throws Exception {
        Corpus.assume();
        Map<String, Long> fromLegacy = stacks(PprofTesting.read(Corpus.root().resolve(legacy)));
        Map<String, Long> fromProto = stacks(PprofTesting.read(Corpus.root().resolve(proto)));
        assertFalse(fromLegacy.isEmpty());
        assertEquals(fromProto, fromLegacy);
    }

    @ParameterizedTest
    @CsvSource({"pprof/google-pprof_cppbench.contention, 0xbccc96, cppbench_server_main",
        "pprof/google-pprof_cppbench.heap, 0xc635c7, /home/cppbench_server_main",
        "pprof/google-pprof_cppbench.cpu, 0x7f5e5414e5af, /lib/libpthread-2.15.so"})
    void memoryMapNamesTheBinaryOfAddressFrames(String file, String address, String binary) throws Exception {
        Corpus.assume();
        Source s = PprofTesting.read(Corpus.root().resolve(file));
        String found = null;
        for (int f = 1; f < s.stacks().frameCount(); f++) {
            if (s.label(s.stacks().frameFunction(f)).equals(address)) {
                found = s.label(s.stacks().frameFile(f));
            }
        }
        assertEquals(binary, found);
    }

    /**
     * Root-first function names of each stack with its summed in-use bytes; frames without a symbol (the legacy text
     * leaves out runtime.goexit) are skipped, and so are stacks with nothing in use (the two captures differ only by the
     * allocations of writing the first one).
     */
    private static Map<String, Long> stacks(Source s) {
        SampleTrack t = (SampleTrack) s.tracks().get(0);
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < t.size(); i++) {
            String stack = Arrays.stream(s.stacks().framesRootFirst(t.stack(i)))
                    .mapToObj(f -> s.label(s.stacks().frameFunction(f)))
                    .filter(name -> !name.startsWith("0x") && !name.equals("runtime.goexit"))
                    .collect(Collectors.joining(";"));
            long inuse = t.value(i, t.types().size() - 1);
            if (inuse != 0) {
                out.merge(stack, inuse, Long::sum);
            }
        }
        return out;
    }
}
