package io.incident.app.align;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TCP endpoints as strace {@code -yy} and the capture print them, reduced to one comparable key per connection.
 * strace prints {@code TCP:[127.0.0.1:8080->127.0.0.1:50750]} or {@code TCPv6:[[::1]:8080->[::1]:45598]} (local
 * first); the capture prints {@code 127.0.0.1:50750} and {@code [::1]:45598}.
 */
public final class Endpoints {
    private static final Pattern STRACE = Pattern.compile("TCP(?:v6)?:\\[(.+:\\d+)->(.+:\\d+)]");

    private Endpoints() {
    }

    /** The local and remote endpoint of a strace socket path, or null when it is not a connected TCP socket. */
    public static String[] fromStrace(String path) {
        if (path == null) {
            return null;
        }
        Matcher m = STRACE.matcher(path);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** The same key for both directions of one connection. */
    public static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}
