package io.incident.parsers.fuzz;

import io.incident.testing.Corpus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fuzz targets' corpus seeds, replayed in every test run: each seed whole and cut at a third and at two thirds, so
 * the contract (a model or the documented error, nothing else) holds on real files and on their truncations. Skips
 * when the shared corpus is absent.
 */
class FuzzSeedReplayTest {
    static Stream<Arguments> seeds() {
        Corpus.assume();
        Map<String, List<FuzzSeeds.Seed>> all = FuzzSeeds.fromCorpus();
        return all.entrySet().stream().flatMap(t -> t.getValue().stream()
                .map(s -> Arguments.of(t.getKey(), s.name(), s.data())));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("seeds")
    void readerKeepsItsContract(String target, String name, byte[] data) {
        FuzzTargets.run(target, data);
        FuzzTargets.run(target, Arrays.copyOf(data, data.length / 3));
        FuzzTargets.run(target, Arrays.copyOf(data, data.length * 2 / 3));
    }
}
