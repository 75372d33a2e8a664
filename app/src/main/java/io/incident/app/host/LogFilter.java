package io.incident.app.host;

import java.util.function.Predicate;

/**
 * What the log table shows. Empty text fields match everything.
 *
 * @param source      a source file name, "" for all
 * @param unit        matches the unit or the syslog identifier exactly, "" for any
 * @param pid         -1 for any
 * @param maxPriority the least severe level shown, 0 (emerg) .. 7 (debug); entries without a priority show only at 7
 * @param boot        a boot id, "" for any
 * @param text        a case-insensitive substring of the message, "" for any
 */
public record LogFilter(String source, String unit, int pid, int maxPriority, String boot, String text)
        implements Predicate<LogRow> {
    public static final LogFilter ALL = new LogFilter("", "", -1, 7, "", "");

    public LogFilter {
        source = source == null ? "" : source;
        unit = unit == null ? "" : unit.strip();
        boot = boot == null ? "" : boot.strip();
        text = text == null ? "" : text;
    }

    @Override
    public boolean test(LogRow r) {
        if (!source.isEmpty() && !r.source().equals(source)) {
            return false;
        }
        if (!unit.isEmpty() && !r.unit().equals(unit) && !r.identifier().equals(unit)) {
            return false;
        }
        if (pid >= 0 && r.pid() != pid) {
            return false;
        }
        if (maxPriority < 7 && (r.priority() < 0 || r.priority() > maxPriority)) {
            return false;
        }
        if (!boot.isEmpty() && !r.boot().equals(boot)) {
            return false;
        }
        return text.isEmpty() || containsIgnoreCase(r.message(), text);
    }

    /** Case-insensitive substring test without copying the message. */
    static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
