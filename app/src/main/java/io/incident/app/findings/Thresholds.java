package io.incident.app.findings;

/**
 * The settings rules compare against, with defaults a person would pick; each can be changed with
 * {@code -Dworkbench.findings.<name>=value}.
 *
 * @param leakGrowth            goroutines a bucket must gain between two dumps of one process to be a leak suspect
 * @param parkedGoroutines      goroutines parked in one place in a single dump worth a warning
 * @param idleConnectionSeconds idle time on one connection that shows the server never times idle clients out
 * @param burstGapSeconds       quiet time that separates two bursts of errors or resets
 * @param resetBurst            resets within a burst worth a warning
 * @param jvmGcPauseMillis      a JVM stop-the-world pause worth a warning
 * @param goGcPauseMillis       a Go stop-the-world phase worth a warning
 * @param cpuHotPercent         share of a CPU profile in one function worth a warning
 * @param retransmitsPerSecond  retransmitted segments per second in a capture worth a warning
 * @param zeroWindows           zero-window advertisements on one connection worth a warning
 * @param tlsHandshakeMillis    a TLS handshake this slow is a stall
 * @param closeReuseMillis      how soon after a close an EBADF/ENOTSOCK on the same fd number counts as use after close
 */
public record Thresholds(int leakGrowth, int parkedGoroutines, double idleConnectionSeconds, double burstGapSeconds,
                         int resetBurst, double jvmGcPauseMillis, double goGcPauseMillis, double cpuHotPercent,
                         double retransmitsPerSecond, int zeroWindows, double tlsHandshakeMillis,
                         double closeReuseMillis) {
    private static final String P = "workbench.findings.";

    public static final Thresholds DEFAULT = new Thresholds(50, 200, 60, 5, 10, 200, 50, 50, 10, 5, 1000, 2000);

    public static Thresholds fromSystemProperties() {
        return new Thresholds(
                Integer.getInteger(P + "leakGrowth", DEFAULT.leakGrowth),
                Integer.getInteger(P + "parkedGoroutines", DEFAULT.parkedGoroutines),
                dbl("idleConnectionSeconds", DEFAULT.idleConnectionSeconds),
                dbl("burstGapSeconds", DEFAULT.burstGapSeconds),
                Integer.getInteger(P + "resetBurst", DEFAULT.resetBurst),
                dbl("jvmGcPauseMillis", DEFAULT.jvmGcPauseMillis),
                dbl("goGcPauseMillis", DEFAULT.goGcPauseMillis),
                dbl("cpuHotPercent", DEFAULT.cpuHotPercent),
                dbl("retransmitsPerSecond", DEFAULT.retransmitsPerSecond),
                Integer.getInteger(P + "zeroWindows", DEFAULT.zeroWindows),
                dbl("tlsHandshakeMillis", DEFAULT.tlsHandshakeMillis),
                dbl("closeReuseMillis", DEFAULT.closeReuseMillis));
    }

    private static double dbl(String name, double def) {
        String v = System.getProperty(P + name);
        return v == null ? def : Double.parseDouble(v);
    }
}
