package io.incident.app.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.app.cli.CaseLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real strace of a shell whose child uses an fd the shell had just closed. */
class UseAfterCloseRuleTest {
    @Test
    void anEbadfRightAfterACloseIsUseAfterClose(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("uac.strace");
        Process p;
        try {
            p = new ProcessBuilder("strace", "-f", "-tt", "-T", "-yy", "-o", log.toString(), "bash", "-c",
                    "exec 3</etc/hostname; exec 3<&-; cat <&3").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "strace is not installed: " + e.getMessage());
            return;
        }
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assumeTrue(Files.size(log) > 0 && Files.readString(log).contains("EBADF"), "strace could not trace here");
        try (CaseLoader c = CaseLoader.open(null, List.of(log), new PrintStream(PrintStream.nullOutputStream()))) {
            List<Finding> all = FindingsEngine.findings(FindingsEngine.run(c.session().sources(), Thresholds.DEFAULT));
            Finding f = all.stream().filter(x -> x.rule().equals("use-after-close")).findFirst()
                    .orElseThrow(() -> new AssertionError("no use-after-close finding in " + all));
            assertTrue(f.evidence().get(0).text().startsWith("fd 3 (/etc/hostname) closed"), f.evidence().toString());
            assertTrue(f.evidence().get(1).text().contains("= -1 EBADF"), f.evidence().toString());
            assertTrue(f.evidence().get(1).time() - f.evidence().get(0).time() < 2_000_000_000L);
            assertEquals(1, all.stream().filter(x -> x.rule().equals("use-after-close")).count());
        }
    }
}
