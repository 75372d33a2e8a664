package io.incident.app.align;

import io.incident.app.session.CaseSession;
import io.incident.app.session.LoadedSource;
import io.incident.app.store.ArtifactRecord;
import io.incident.app.store.CaseException;
import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.SourceKind;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Alignment applied to an open case. Proposals are only proposals: a clock the file itself recorded moves only when
 * the analyst accepts. A clock that was a guess from the file's modification time (a goroutine dump, an untimed
 * profile, the date of a time-of-day log) is replaced by a solved proposal at once, and the record says so. Every
 * change is committed to the case and can be undone while the case is open.
 */
public final class CaseAlignment {
    /** The bases the importer gives clocks it guessed from the file modification time. */
    private static final List<String> GUESSED = List.of("file modification time", "time of day from the file; date from the file modification time");

    public record Row(LoadedSource source, Proposal proposal) {
        /** Whether applying the proposal would move the source at all. */
        public boolean changes() {
            ArtifactRecord r = source.record();
            return proposal.solved() && (r.offsetNanos() != proposal.offsetNanos()
                    || (proposal.date() != null && !proposal.date().equals(r.date())));
        }

        /** Whether the current clock is only a guess, so a solved proposal may replace it without asking. */
        public boolean guessed() {
            String basis = source.record().clockBasis();
            return GUESSED.stream().anyMatch(basis::startsWith);
        }
    }

    private final CaseSession session;
    private final Deque<ArtifactRecord> undo = new ArrayDeque<>();

    public CaseAlignment(CaseSession session) {
        this.session = session;
    }

    /**
     * Proposals for every source of the case, in the order the timeline shows them. The capture is preferred as the
     * reference (kernel time stamps), then logs; the reference keeps whatever offset it has now.
     */
    public List<Row> propose() {
        List<LoadedSource> sources = new ArrayList<>(session.sources());
        sources.sort(Comparator.comparingInt(CaseAlignment::referenceRank));
        List<Aligner.Input> inputs = new ArrayList<>();
        for (LoadedSource s : sources) {
            inputs.add(new Aligner.Input(s.record().path(), s.source()));
        }
        List<Proposal> proposals = Aligner.solve(inputs);
        long shift = 0;
        for (int i = 0; i < proposals.size(); i++) {
            if (proposals.get(i).solved() && proposals.get(i).pairCount() == 0) {
                shift = sources.get(i).record().offsetNanos();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            rows.add(new Row(sources.get(i), shifted(proposals.get(i), sources.get(i), shift)));
        }
        return rows;
    }

    private static int referenceRank(LoadedSource s) {
        SourceKind k = s.record().kind();
        if (Matchers.isCapture(k)) {
            return 0;
        }
        return Matchers.isJournal(k) ? 1 : k == SourceKind.JFR ? 2 : 3;
    }

    /** Moves a proposal by the reference's own offset, keeping a time-of-day clock's offset within half a day. */
    private static Proposal shifted(Proposal p, LoadedSource s, long shift) {
        if (!p.solved() || shift == 0) {
            return p;
        }
        if (s.record().clockKind() != ClockKind.TIME_OF_DAY || p.date() == null) {
            return new Proposal(p.file(), p.offsetNanos() + shift, p.date(), p.pairs(), p.residualNanos(), p.confidence(),
                    p.basis(), true);
        }
        long total = p.date().toEpochDay() * Clock.NANOS_PER_DAY + p.offsetNanos() + shift;
        long days = Math.floorDiv(total + Clock.NANOS_PER_DAY / 2, Clock.NANOS_PER_DAY);
        return new Proposal(p.file(), total - days * Clock.NANOS_PER_DAY, LocalDate.ofEpochDay(days), p.pairs(),
                p.residualNanos(), p.confidence(), p.basis(), true);
    }

    /** Applies every solved proposal whose source's clock was only guessed; returns how many clocks moved. */
    public int placeGuessed() throws CaseException {
        int n = 0;
        for (Row r : propose()) {
            if (r.guessed() && r.proposal().solved() && r.proposal().pairCount() > 0) {
                accept(r);
                n++;
            }
        }
        return n;
    }

    public void accept(Row r) throws CaseException {
        Proposal p = r.proposal();
        LocalDate date = p.date() != null ? p.date() : r.source().record().date();
        set(r.source().record(), p.offsetNanos(), date, p.basis());
    }

    /** The analyst typed an offset (or dragged the lane). */
    public void setOffset(ArtifactRecord r, long offsetNanos) throws CaseException {
        set(r, offsetNanos, r.date(), "set by the analyst");
    }

    private void set(ArtifactRecord before, long offset, LocalDate date, String basis) throws CaseException {
        ArtifactRecord after = session.store().setClock(before.id(), offset, date, basis);
        synchronized (undo) {
            undo.push(before);
        }
        session.updateRecord(after);
    }

    public boolean canUndo() {
        synchronized (undo) {
            return !undo.isEmpty();
        }
    }

    /** Puts back the clock the last change replaced; returns the source's path, or null when there is nothing to undo. */
    public String undo() throws CaseException {
        ArtifactRecord before;
        synchronized (undo) {
            if (undo.isEmpty()) {
                return null;
            }
            before = undo.pop();
        }
        session.updateRecord(session.store().setClock(before.id(), before.offsetNanos(), before.date(), before.clockBasis()));
        return before.path();
    }
}
