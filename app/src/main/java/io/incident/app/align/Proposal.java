package io.incident.app.align;

import java.time.LocalDate;
import java.util.List;

/**
 * A proposed clock for one source. {@code offsetNanos} and {@code date} are the values for the source's clock (see
 * {@link io.incident.model.Clock}); {@code pairs} are the events it rests on, with their residual against the
 * proposal. A source nothing could be matched against has no pairs and keeps its clock ({@code solved == false}).
 */
public record Proposal(String file, long offsetNanos, LocalDate date, List<Pair> pairs, long residualNanos,
                       double confidence, String basis, boolean solved) {
    public Proposal {
        pairs = List.copyOf(pairs);
    }

    public int pairCount() {
        return pairs.size();
    }
}
