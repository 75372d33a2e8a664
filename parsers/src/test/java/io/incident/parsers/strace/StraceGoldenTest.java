package io.incident.parsers.strace;

import io.incident.model.ModelText;
import io.incident.testing.Corpus;
import io.incident.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small corpus files rendered in full (or their first events): regenerate with -Dgolden.update=true. */
class StraceGoldenTest {
    @ParameterizedTest
    @CsvSource({
        "strace/made_sigdemo_failed_only_Z.strace, failed_only_Z, 100",
        "strace/ff/made_sigdemo.28878, ff_28878, 100",
        "strace/made_sigdemo_summary_c.txt, summary_c, 100",
        "strace/made_httpserver_attach_p.strace, httpserver_attach_p, 4",
        "strace/made_sleep_sigkill.strace, sleep_sigkill, 4",
        "strace/made_sigdemo_f_ttt_T_y_i.strace, f_ttt_T_y_i, 3",
    })
    void matchesGolden(String file, String golden, int perTrack) throws Exception {
        Corpus.assume();
        String text = ModelText.describe(StraceTesting.read(Corpus.root().resolve(file)), perTrack);
        Golden.assertMatches("strace/" + golden + ".golden.txt", text);
    }
}
