package io.incident.parsers.journal;

import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.Track;

/**
 * The contract between the journal readers and a log table. Every journal entry with a time becomes one instant on a
 * track of group {@link #LOG_GROUP}, one track per unit (the {@code _SYSTEMD_UNIT}, else {@code SYSLOG_IDENTIFIER},
 * else {@code _COMM}). The instant's label is the message cut to {@link #LABEL_MAX_CHARS} characters; its args carry the
 * keys below, each present only when the entry had the field, so a log view can filter by unit, PID, priority and boot.
 * Recognised events (OOM kills, unit state changes, accept errors, Go GC) are extra tracks in other groups and carry
 * {@link #UNIT}, {@link #PID} and {@link #BOOT} too.
 */
public final class JournalArgs {
    /** Group of the per-unit log tracks. */
    public static final String LOG_GROUP = "logs";
    /** Group of the recognised-event tracks (OOM kills, unit changes, accept errors). */
    public static final String EVENT_GROUP = "events";
    /** Group of the Go runtime tracks (GC spans, heap counters); one group per unit: {@code "go " + unit}. */
    public static final String GO_GROUP_PREFIX = "go ";
    /** Longest label; the whole message is in {@link #MESSAGE}. */
    public static final int LABEL_MAX_CHARS = 200;

    /**
     * The full MESSAGE, present only when the label was cut (longer than {@link #LABEL_MAX_CHARS}); use
     * {@link #message} to get the whole text either way. Binary and byte-array values are decoded as UTF-8 with
     * invalid bytes replaced.
     */
    public static final String MESSAGE = "message";
    /** PRIORITY, the syslog level 0 (emerg) .. 7 (debug), as decimal text. */
    public static final String PRIORITY = "priority";
    /** _PID, decimal. */
    public static final String PID = "pid";
    /** _COMM, the process name. */
    public static final String COMM = "comm";
    /** The lane key: _SYSTEMD_UNIT, else SYSLOG_IDENTIFIER, else _COMM. */
    public static final String UNIT = "unit";
    /** SYSLOG_IDENTIFIER. */
    public static final String IDENTIFIER = "identifier";
    /** _BOOT_ID, 32 hex digits. */
    public static final String BOOT = "boot";
    /**
     * __SEQNUM (or the i= part of __CURSOR), decimal; together with {@link #SEQNUM_ID} it names the entry. Only with
     * {@code -Dworkbench.journal.seqnumArgs=true}: a unique value per entry is costly on big journals. The gaps track
     * carries the seqnums around each gap either way.
     */
    public static final String SEQNUM = "seqnum";
    /** __SEQNUM_ID (or the s= part of __CURSOR). */
    public static final String SEQNUM_ID = "seqnumId";

    private JournalArgs() {
    }

    /** The whole message of a log instant: the {@link #MESSAGE} arg when the label was cut, else the label. */
    public static String message(Source source, InstantTrack track, int i) {
        String full = source.argsOf(track.args(i)).get(MESSAGE);
        return full != null ? full : source.label(track.label(i));
    }

    /** Whether the track is one of the per-unit log tracks. */
    public static boolean isLogTrack(Track t) {
        return LOG_GROUP.equals(t.group());
    }
}
