package io.incident.app.findings;

import io.incident.model.SourceKind;

/** A rule's declaration: its id, title, what it reads, and the artifact kinds any one of which makes it applicable. */
abstract class DeclaredRule implements Rule {
    private final String id;
    private final String title;
    private final String requires;
    private final SourceKind[] needs;

    DeclaredRule(String id, String title, String requires, SourceKind... needs) {
        this.id = id;
        this.title = title;
        this.requires = requires;
        this.needs = needs.clone();
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String requires() {
        return requires;
    }

    @Override
    public boolean applies(CaseData d) {
        return d.has(needs);
    }
}
