package io.incident.app.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups points in time into bursts separated by at least a gap of quiet. */
final class Bursts {
    private Bursts() {
    }

    static List<List<Point>> of(List<Point> points, double gapSeconds) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingLong(Point::time));
        List<List<Point>> out = new ArrayList<>();
        long gap = (long) (gapSeconds * 1e9);
        List<Point> cur = null;
        long last = Long.MIN_VALUE;
        for (Point p : sorted) {
            if (cur == null || p.time() - last > gap) {
                cur = new ArrayList<>();
                out.add(cur);
            }
            cur.add(p);
            last = p.time();
        }
        return out;
    }

    /** Up to {@code n} evidence items of each file, earliest first, so every source that saw it is represented. */
    static List<Evidence> sample(List<Point> burst, int n) {
        java.util.Map<String, Integer> perFile = new java.util.HashMap<>();
        List<Evidence> out = new ArrayList<>();
        for (Point p : burst) {
            int k = perFile.merge(p.evidence().file(), 1, Integer::sum);
            if (k <= n) {
                out.add(p.evidence());
            }
        }
        return out;
    }

    static long count(List<Point> burst, String file) {
        return burst.stream().filter(p -> p.evidence().file().equals(file)).count();
    }
}
