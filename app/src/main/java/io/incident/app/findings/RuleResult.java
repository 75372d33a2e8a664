package io.incident.app.findings;

import java.util.List;

/** What one rule gave: its findings, or why it did not apply, or why it failed. */
public record RuleResult(String rule, String title, List<Finding> findings, String notApplicable, String failure) {
    public boolean applied() {
        return notApplicable == null && failure == null;
    }
}
