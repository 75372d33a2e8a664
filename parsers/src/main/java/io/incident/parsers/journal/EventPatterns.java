package io.incident.parsers.journal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages worth their own track: kernel OOM kills, systemd unit state changes and Go {@code http: Accept error}s.
 * Each test starts with a cheap substring check so the patterns only run on the few lines that can match.
 */
final class EventPatterns {
    /** Kernel (and memory cgroup) OOM killer: {@code Out of memory: Killed process 1234 (stress) total-vm:...}. */
    private static final Pattern OOM = Pattern.compile("(?:Memory cgroup )?[Oo]ut of memory: Kill(?:ed)? process (\\d+) \\(([^)]*)\\).*",
            Pattern.DOTALL);
    private static final Pattern MAIN_EXITED = Pattern.compile(
            "(.+): Main process exited, code=(\\w+), status=([^\\s]+?)\\.?");
    private static final Pattern FAILED_RESULT = Pattern.compile("(.+): Failed with result '([^']*)'\\.?");
    private static final Pattern RESTART = Pattern.compile(
            "(.+): Scheduled restart job, restart counter is at (\\d+)\\.?");
    private static final Pattern STARTED_STOPPED = Pattern.compile("(Started|Stopped|Finished|Failed to start) (.+?)\\.?");
    private static final String ACCEPT = "http: Accept error: ";
    private static final String RETRY = "; retrying in ";

    private EventPatterns() {
    }

    /** A process killed by the OOM killer. */
    record OomKill(long pid, String name) {
    }

    static OomKill oomKill(String message) {
        if (message.indexOf("of memory: Kill") < 0) {
            return null;
        }
        Matcher m = OOM.matcher(message);
        return m.matches() ? new OomKill(Long.parseLong(m.group(1)), m.group(2)) : null;
    }

    /** What systemd said about a unit. */
    enum UnitAction {
        STARTED, STOPPED, FINISHED, START_FAILED, MAIN_EXITED, FAILED, RESTART_SCHEDULED;

        /** Whether the message names the unit by its description (the UNIT field then holds the unit's name). */
        boolean byDescription() {
            return this == STARTED || this == STOPPED || this == FINISHED || this == START_FAILED;
        }
    }

    /**
     * @param unit   the unit name, or for Started/Stopped the description systemd printed (the UNIT field names the unit)
     * @param detail exit code and status, the failure result, or the restart counter
     */
    record UnitChange(UnitAction action, String unit, String detail) {
    }

    /** Unit messages come from the service manager only (PID 1 or a user manager), whose identifier is "systemd". */
    static UnitChange unitChange(String identifier, String message) {
        if (!"systemd".equals(identifier) || message.isEmpty()) {
            return null;
        }
        char c = message.charAt(0);
        if (c == 'S' || c == 'F') {
            Matcher m = STARTED_STOPPED.matcher(message);
            if (m.matches()) {
                UnitAction a = switch (m.group(1)) {
                    case "Started" -> UnitAction.STARTED;
                    case "Stopped" -> UnitAction.STOPPED;
                    case "Finished" -> UnitAction.FINISHED;
                    default -> UnitAction.START_FAILED;
                };
                return new UnitChange(a, m.group(2), "");
            }
        }
        if (message.indexOf(": Main process exited, ") > 0) {
            Matcher m = MAIN_EXITED.matcher(message);
            if (m.matches()) {
                return new UnitChange(UnitAction.MAIN_EXITED, m.group(1), "code=" + m.group(2) + ", status=" + m.group(3));
            }
        }
        if (message.indexOf(": Failed with result '") > 0) {
            Matcher m = FAILED_RESULT.matcher(message);
            if (m.matches()) {
                return new UnitChange(UnitAction.FAILED, m.group(1), m.group(2));
            }
        }
        if (message.indexOf(": Scheduled restart job, ") > 0) {
            Matcher m = RESTART.matcher(message);
            if (m.matches()) {
                return new UnitChange(UnitAction.RESTART_SCHEDULED, m.group(1), m.group(2));
            }
        }
        return null;
    }

    /**
     * Go net/http's accept loop backing off: {@code http: Accept error: accept tcp [::]:8080: accept4: too many open
     * files; retrying in 5ms}, possibly after a log.Logger date prefix.
     *
     * @param error the error text, {@code cause} its last part (the errno text), {@code retry} the back-off ("" if absent)
     */
    record AcceptError(String error, String cause, String retry) {
    }

    static AcceptError acceptError(String message) {
        int at = message.indexOf(ACCEPT);
        if (at < 0) {
            return null;
        }
        String rest = message.substring(at + ACCEPT.length()).strip();
        String retry = "";
        int r = rest.lastIndexOf(RETRY);
        if (r >= 0) {
            retry = rest.substring(r + RETRY.length());
            rest = rest.substring(0, r);
        }
        int colon = rest.lastIndexOf(": ");
        String cause = colon >= 0 ? rest.substring(colon + 2) : rest;
        return new AcceptError(rest, cause, retry);
    }
}
