package io.incident.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Times a shell command for the bench commands: wall time measured here, CPU time (user + system) from bash's
 * {@code time}, best of a few runs. The machine is shared, so CPU time says more than wall time when others run.
 */
public record ShellTiming(double wallSeconds, double cpuSeconds) {
    /** Best wall and best CPU of {@code runs} runs of {@code script} (bash; "$0" is {@code arg}). */
    public static ShellTiming best(int runs, String script, String arg) throws IOException, InterruptedException {
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT=%U+%S; time { " + script + " ; }", arg)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
            String last = err.substring(err.lastIndexOf('\n') + 1);
            if (rc != 0 || !last.contains("+")) {
                throw new IOException("`" + script + "` failed (exit " + rc + "): " + err);
            }
            String[] us = last.split("\\+");
            cpu = Math.min(cpu, Double.parseDouble(us[0]) + Double.parseDouble(us[1]));
        }
        return new ShellTiming(wall, cpu);
    }
}
