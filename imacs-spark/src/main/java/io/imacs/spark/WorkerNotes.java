package io.imacs.spark;

import io.imacs.count.PassCounter;
import io.imacs.progress.Progress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker's part reports besides its records: the messages its stages showed the user (a skipped image, as a
 * run in one process shows them), its model passes per stage and its cache lookups, which the driver adds to the
 * run's counts.
 */
record WorkerNotes(List<String> shown, Map<String, PassCounter.Tally> classifierPasses, Map<String, PassCounter.Tally> embedderPasses,
                   Map<String, int[]> cacheLookups) implements Serializable {

    /** Collects a worker's messages. */
    static final class Shown implements Progress {
        final List<String> messages = new ArrayList<>();

        @Override public void start(String stage, long total) {}
        @Override public void advance(long units) {}
        @Override public void finish() {}
        @Override public void warn(String message) { messages.add(message); }
    }

    static WorkerNotes of(Shown shown, PassCounter classifiers, PassCounter embedders, Map<String, int[]> cacheLookups) {
        return new WorkerNotes(new ArrayList<>(shown.messages), new LinkedHashMap<>(classifiers.byStage()), new LinkedHashMap<>(embedders.byStage()),
            new LinkedHashMap<>(cacheLookups));
    }
}
