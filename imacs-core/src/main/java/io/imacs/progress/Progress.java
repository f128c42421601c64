package io.imacs.progress;

/** Progress of a long stage, reported to the user (the CLI draws a bar with ETA on stderr). */
public interface Progress {
    /** A stage of {@code total} units begins. */
    void start(String stage, long total);

    /** {@code units} more are done. */
    void advance(long units);

    /** The stage is finished. */
    void finish();

    /** A message the user should see (e.g. a skipped file). */
    default void warn(String message) {}

    Progress NONE = new Progress() {
        @Override public void start(String stage, long total) {}
        @Override public void advance(long units) {}
        @Override public void finish() {}
    };
}
