package io.incident.parsers.goroutine;

import io.incident.model.ModelText;
import io.incident.testing.Corpus;
import io.incident.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Goldens for small corpus files, one per grammar: panic, race, debug=1, Go 1.26 headers, UTF-8 names, elision. */
class GoroutineGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "made_crash_nilptr",
        "made_crash_repanic",
        "panicparse_static_panic_race",
        "made_goleak_goroutine_debug1",
        "made_esbuild_go1.26_SIGQUIT_GOTRACEBACK_all",
        "made_panicparse-cmd-panic_utf8",
        "made_crash_stackoverflow_single",
        "made_panicparse-cmd-panic_chan_receive_GOTRACEBACK_none",
        "made_crash_cgo_segv",
    })
    void matchesGolden(String name) throws Exception {
        Corpus.assume();
        Path file = Corpus.root().resolve("goroutine").resolve(name + ".txt");
        GoroutineDump dump = GoroutineCorpusTest.parse(file, 0);
        Golden.assertMatches("goroutine/" + name + ".golden.txt", ModelText.describe(dump.source(), 8)
                + DumpText.describe(dump, 8));
    }
}
