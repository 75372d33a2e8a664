package io.incident.parsers.jfr;

/**
 * A thread as JFR describes it (Java name and id, OS name and id), one object per thread and chunk, so the reducer can
 * name its lane once.
 */
final class JfrThread {
    private final String javaName;
    private final String osName;
    private final long javaThreadId;
    private final long osThreadId;
    private String lane;

    JfrThread(String javaName, String osName, long javaThreadId, long osThreadId) {
        this.javaName = javaName;
        this.osName = osName;
        this.javaThreadId = javaThreadId;
        this.osThreadId = osThreadId;
    }

    /** The Java name, or the OS name for a thread without one. */
    String name() {
        return javaName != null ? javaName : osName;
    }

    /** The lane name: the thread's name and Java thread id, e.g. {@code "main #1"}. */
    String lane() {
        if (lane == null) {
            lane = name() + (javaThreadId > 0 ? " #" + javaThreadId : " (os " + osThreadId + ")");
        }
        return lane;
    }
}
