package io.incident.parsers.jfr;

/**
 * Thrown by the direct chunk parser when a chunk holds something it does not decode exactly as the JDK's API would (a
 * version, an encoding, a field type, a record that does not fit): the reader then reads that part the JDK's way.
 */
final class DirectUnsupported extends RuntimeException {
    DirectUnsupported(String why) {
        super(why, null, false, false);
    }
}
