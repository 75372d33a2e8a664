package io.incident.app.host;

/**
 * One journal entry on the case's UTC timeline.
 *
 * @param source   the artifact's file name
 * @param priority syslog level 0 (emerg) .. 7 (debug), -1 when the entry had none
 * @param unit     the lane key: the systemd unit, else the syslog identifier, else the command
 * @param pid      _PID, -1 when absent
 * @param message  the whole message (may span lines)
 */
public record LogRow(String source, long time, int priority, String unit, String identifier, int pid, String boot,
                     String message) {
    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    /** "err", "warning"...; "" without a priority. */
    public static String levelName(int priority) {
        return priority >= 0 && priority < LEVELS.length ? LEVELS[priority] : "";
    }

    /** The first line of the message, for a one-line cell. */
    public String firstLine() {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " \u2026";
    }
}
