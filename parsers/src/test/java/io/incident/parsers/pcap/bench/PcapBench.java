package io.incident.parsers.pcap.bench;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pcap.PcapReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times reading one capture into full connection lifecycles and prints packets/s. Usage:
 * {@code java -cp ... io.incident.parsers.pcap.bench.PcapBench FILE [ROUNDS] [import|table]}; the first round warms
 * the JIT up. {@code import} (the default) is what the workbench does when a capture is dropped on it: the model with
 * every connection's lifecycle, resets and counters; {@code table} also keeps where each connection's packets lie, as
 * the connection view's read does.
 */
public final class PcapBench {
    private PcapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PcapBench FILE [ROUNDS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean table = args.length > 2 && args[2].equals("table");
        ReadContext ctx = ReadContext.of(file, new SourceInfo(file.toString(), SourceKind.PCAP, Files.size(file), ""));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long proc0 = os.getProcessCpuTime();
            Source m = table ? PcapReader.readConnections(ctx).source() : new PcapReader().read(ctx);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double proc = (os.getProcessCpuTime() - proc0) / 1e9;
            long packets = (Long) m.summary().get("packets");
            // On a shared machine wall time includes waiting for a core; the reading thread's CPU time does not.
            System.out.printf("%s round %d: wall %.3f s, reader thread cpu %.3f s, process cpu %.3f s, %d packets"
                    + " (%.0f packets/s of reader cpu), %d connections%n", table ? "table" : "import", r, s, cpu, proc,
                    packets, packets / cpu, m.summary().get("tcpConnections"));
        }
    }
}
