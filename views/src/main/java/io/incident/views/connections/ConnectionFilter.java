package io.incident.views.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The filter box's language: words separated by spaces, all of which must match. {@code port:8080} matches either
 * port; {@code >10s}, {@code <500ms} compare the duration; {@code idle>5s} the longest idle phase; any other word is
 * looked for, ignoring case, in the addresses, state, close reason and label ({@code ::1}, {@code GET}), except
 * {@code RST} and {@code FIN}, which match connections that ended that way.
 */
public final class ConnectionFilter {
    private ConnectionFilter() {
    }

    public static Predicate<ConnectionLifecycle> parse(String text) {
        List<Predicate<ConnectionLifecycle>> all = new ArrayList<>();
        for (String w : text == null ? new String[0] : text.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                all.add(word(w));
            }
        }
        return c -> {
            for (Predicate<ConnectionLifecycle> p : all) {
                if (!p.test(c)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<ConnectionLifecycle> word(String w) {
        String lower = w.toLowerCase(Locale.ROOT);
        if (lower.equals("rst") || lower.equals("fin")) {
            // A state word means the state: "rst" must not also match "/first" in a request path.
            return c -> c.state().equalsIgnoreCase(lower);
        }
        if (lower.startsWith("port:")) {
            String port = lower.substring(5);
            return c -> Integer.toString(c.clientPort()).equals(port) || Integer.toString(c.serverPort()).equals(port);
        }
        if (lower.startsWith("idle>") || lower.startsWith("idle<")) {
            long n = nanos(lower.substring(5));
            boolean more = lower.charAt(4) == '>';
            if (n >= 0) {
                return c -> {
                    long idle = Math.max(c.longest(Phase.IDLE), c.longest(Phase.UNANSWERED));
                    return more ? idle > n : idle < n;
                };
            }
        }
        if ((lower.startsWith(">") || lower.startsWith("<")) && nanos(lower.substring(1)) >= 0) {
            long n = nanos(lower.substring(1));
            return lower.charAt(0) == '>' ? c -> c.duration() > n : c -> c.duration() < n;
        }
        return c -> text(c).contains(lower);
    }

    private static String text(ConnectionLifecycle c) {
        return (c.client() + ' ' + c.server() + ' ' + c.state() + ' ' + c.closeReason() + ' ' + c.label())
                .toLowerCase(Locale.ROOT);
    }

    /** "10s", "500ms", "2m", "1.5s", "250us" to nanoseconds; -1 when it is not a duration. */
    static long nanos(String s) {
        String[][] units = {{"ms", "1000000"}, {"us", "1000"}, {"ns", "1"}, {"s", "1000000000"}, {"m", "60000000000"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                try {
                    return (long) (Double.parseDouble(s.substring(0, s.length() - u[0].length())) * Long.parseLong(u[1]));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
