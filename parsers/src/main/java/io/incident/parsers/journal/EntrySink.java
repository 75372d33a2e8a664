package io.incident.parsers.journal;

/** Receives entries from a journal parser, one at a time, in file order. */
interface EntrySink {
    void accept(JournalEntry entry);
}
