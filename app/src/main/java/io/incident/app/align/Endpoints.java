package io.incident.app.align;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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

    /**
     * One text for an address and port however it was printed: JFR writes {@code 0:0:0:0:0:0:0:1} where the capture
     * writes {@code [::1]}; both become {@code [0:0:0:0:0:0:0:1]:8080}. Null for a host name or anything else that is
     * not a numeric address, which is never looked up (the workbench runs offline, and a name says nothing about which
     * address was used).
     */
    public static String canonical(String address, String port) {
        if (address == null || port == null || !port.chars().allMatch(Character::isDigit) || port.isEmpty()) {
            return null;
        }
        String a = address.indexOf('%') >= 0 ? address.substring(0, address.indexOf('%')) : address;
        if (!a.contains(":") && !dottedQuad(a)) {
            return null;
        }
        try {
            InetAddress ip = InetAddress.getByName(a);
            String text = ip.getHostAddress();
            return (ip instanceof Inet6Address ? "[" + text + "]" : text) + ":" + Integer.parseInt(port);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    /** {@link #canonical} of an endpoint as the capture prints it ({@code 127.0.0.1:50750}, {@code [::1]:8080}). */
    public static String canonical(String endpoint) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return canonical(host, endpoint.substring(colon + 1));
    }

    /** Four numbers of 0-255 between dots: the only IPv4 text the JDK parses without trying a name lookup. */
    private static boolean dottedQuad(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
