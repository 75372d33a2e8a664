package io.incident.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects recoverable problems by name while a reader runs; readers count, they do not throw, for problems that
 * leave the rest of the file usable. Not thread-safe: one collector per reader run.
 */
public final class Diagnostics {
    private static final class Entry {
        final Severity severity;
        final String firstWhere;
        final String firstMessage;
        long count;

        Entry(Severity severity, String firstWhere, String firstMessage) {
            this.severity = severity;
            this.firstWhere = firstWhere;
            this.firstMessage = firstMessage;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Counts one occurrence of the named problem; the first occurrence's place and message are kept. */
    public void report(String name, Severity severity, String where, String message) {
        Entry e = entries.computeIfAbsent(name, n -> new Entry(severity, where, message));
        e.count++;
    }

    public void info(String name, String where, String message) {
        report(name, Severity.INFO, where, message);
    }

    public void warn(String name, String where, String message) {
        report(name, Severity.WARNING, where, message);
    }

    public void error(String name, String where, String message) {
        report(name, Severity.ERROR, where, message);
    }

    public long count(String name) {
        Entry e = entries.get(name);
        return e == null ? 0 : e.count;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<Diagnostic> snapshot() {
        List<Diagnostic> out = new ArrayList<>(entries.size());
        entries.forEach((name, e) -> out.add(new Diagnostic(name, e.severity, e.count, e.firstWhere, e.firstMessage)));
        return List.copyOf(out);
    }
}
