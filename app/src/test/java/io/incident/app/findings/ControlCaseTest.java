package io.incident.app.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.cli.CaseLoader;
import io.incident.model.Severity;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The healthy run of the same service, with timeouts set and no faults injected, gives no warning. */
class ControlCaseTest {
    @Test
    void aHealthyRunGivesNoWarning() throws Exception {
        try (CaseLoader c = CaseLoader.open(null, List.of(SampleData.control()),
                new PrintStream(PrintStream.nullOutputStream()))) {
            List<RuleResult> results = FindingsEngine.run(c.session().sources(), Thresholds.DEFAULT);
            List<Finding> bad = FindingsEngine.findings(results).stream()
                    .filter(f -> f.severity().compareTo(Severity.WARNING) >= 0).toList();
            assertEquals(List.of(), bad.stream().map(Finding::title).toList());
            assertTrue(results.stream().filter(RuleResult::applied).count() >= 5, "the control exercises most rules");
            assertTrue(results.stream().noneMatch(r -> r.failure() != null), results.toString());
        }
    }
}
