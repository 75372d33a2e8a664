package io.incident.views.flame;

/** How the flame view shows its profile. */
public enum FlameMode {
    /** Root at the bottom, callees stacked above. */
    FLAME("Flame"),
    /** Root at the top, callees hanging below. */
    ICICLE("Icicle"),
    /** Callers above and callees below one function. */
    SANDWICH("Sandwich"),
    /** The profile against a baseline: grown red, shrunk blue. */
    DIFF("Diff");

    private final String label;

    FlameMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
