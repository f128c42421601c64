package io.imacs.pipeline;

import io.imacs.comparison.AnalysisOptions;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.attribution.PathSteps;
import io.imacs.cache.CacheKey;
import io.imacs.cache.MemoryCache;
import io.imacs.cache.ResultCache;
import io.imacs.cache.RunCache;
import io.imacs.count.CountingClassifier;
import io.imacs.count.CountingEmbedder;
import io.imacs.count.PassCounter;
import io.imacs.data.EvalSetLoader;
import io.imacs.image.ExclusionFill;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelSpec;
import io.imacs.model.Output;
import io.imacs.model.Preprocessor;
import io.imacs.progress.Progress;
import io.imacs.rank.IntegratedGradientsRanker;
import io.imacs.rank.SegmentRanker;
import io.imacs.rank.StepSchedule;
import io.imacs.result.ResultJson;
import io.imacs.score.ExactShapleyScorer;
import io.imacs.score.PermutationShapleyScorer;
import io.imacs.score.SegmentScorer;
import io.imacs.segment.GridSegmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns and resumed runs over a result cache: no model pass for what is stored, and the same bytes. */
class PipelineCacheTest {
    @TempDir static Path dir;
    static Path data;
    static final Map<String, String> KEYS = Map.of("A", "whole-v1", "B", "quadrant-v1", "embedder", "mean-colour-v1");

    @BeforeAll static void images() throws Exception {
        data = dir.resolve("data");
        ImacsPipelineTest.writeImages(data);
    }

    /** The run's result.json bytes; model passes are counted into {@code counter}. */
    static byte[] run(String name, RunCache cache, PassCounter counter, int clusters, int m, ExclusionFill fill) throws Exception {
        return run(name, cache, counter, clusters, m, fill, new PathSteps.Fixed(8));
    }

    static byte[] run(String name, RunCache cache, PassCounter counter, int clusters, int m, ExclusionFill fill, PathSteps steps) throws Exception {
        ImacsConfig config = ImacsPipelineTest.small(clusters, 4).with(AnalysisOptions.SEGMENTS_PER_IMAGE, m)
            .with(AnalysisOptions.EXCLUSION, fill).with(AnalysisOptions.ATTRIBUTION_CLASSES, AttributionClasses.TOPK).config("red");
        AttributionFactory factory = new AttributionFactory() {
            @Override public SegmentRanker ranker(ImageClassifier model) {
                return new IntegratedGradientsRanker(model.gradients().orElseThrow(), Output.PROBABILITY,
                    new IntegratedGradients(steps.first(), IntegratedGradients.Rule.RIEMANN_MIDDLE, 16), Baselines.black(), StepSchedule.of(steps, m, model));
            }
            @Override public SegmentScorer scorer(ImageClassifier model) {
                return m > 3 ? new PermutationShapleyScorer(model, Output.PROBABILITY, 16, 4, 9) : new ExactShapleyScorer(model, Output.PROBABILITY, 16);
            }
        };
        var models = new ImacsPipeline.Models(new CountingClassifier(new LinearColourModels.Classifier("whole", false, 6), counter),
            new CountingClassifier(new LinearColourModels.Classifier("quadrant", true, 6), counter),
            new CountingEmbedder(new LinearColourModels.MeanColourEmbedder(), counter),
            new Preprocessor(new ModelSpec(List.of(8, 8), null, null, null, null, null, null, null, null, null, null)));
        Path out = dir.resolve(name);
        var result = new ImacsPipeline(config, new GridSegmenter(4), factory, Progress.NONE).withCache(cache)
            .run(EvalSetLoader.load(data, List.of()), models, Map.of(), "test", out);
        ResultJson.write(result, out.resolve("result.json"));
        return Files.readAllBytes(out.resolve("result.json"));
    }

    static byte[] run(String name, RunCache cache, PassCounter counter) throws Exception {
        return run(name, cache, counter, 3, 3, ExclusionFill.BLUR);
    }

    @Test void cachedRerunMakesNoModelPassAndGivesTheSameBytes() throws Exception {
        PassCounter uncached = new PassCounter(), cold = new PassCounter(), warm = new PassCounter();
        byte[] reference = run("plain", RunCache.none(), uncached);
        MemoryCache store = new MemoryCache();
        byte[] first = run("cold", new RunCache(store, KEYS), cold);
        assertArrayEquals(reference, first);
        // a cold cache adds no pass; it saves the embeddings of segments that both models chose in one image
        assertTrue(cold.total().forward() <= uncached.total().forward(), cold.total() + " vs " + uncached.total());
        assertEquals(uncached.total().backward(), cold.total().backward());
        assertTrue(store.size() > 0);
        byte[] second = run("warm", new RunCache(store, KEYS), warm);
        assertArrayEquals(reference, second);
        assertEquals(0, warm.total().calls(), "every prediction, ranking, Shapley value and embedding came from the cache");
    }

    @Test void autoStepsAreRecordedPerImageAndACachedRerunIsIdentical() throws Exception {
        PathSteps.Auto auto = new PathSteps.Auto(2, 16, 0.02);
        PassCounter uncached = new PassCounter(), cold = new PassCounter(), warm = new PassCounter();
        byte[] reference = run("auto-plain", RunCache.none(), uncached, 3, 3, ExclusionFill.BLUR, auto);
        MemoryCache store = new MemoryCache();
        assertArrayEquals(reference, run("auto-cold", new RunCache(store, KEYS), cold, 3, 3, ExclusionFill.BLUR, auto));
        assertArrayEquals(reference, run("auto-warm", new RunCache(store, KEYS), warm, 3, 3, ExclusionFill.BLUR, auto));
        assertEquals(0, warm.total().calls(), "the steps and gaps come from the cache with the rankings");

        var result = ResultJson.MAPPER.readTree(reference);
        java.util.Set<Integer> steps = new java.util.TreeSet<>();
        int sampled = 0;
        for (var image : result.get("images"))
            for (var p : image.get("predictions")) {
                if (!p.get("sampled").asBoolean()) {
                    assertTrue(p.get("rankSteps").isNull() && p.get("completenessGap").isNull(), image.toString());
                    continue;
                }
                sampled++;
                int s = p.get("rankSteps").asInt();
                double gap = p.get("completenessGap").asDouble();
                assertTrue(s == 2 || s == 4 || s == 8 || s == 16, "a round's steps: " + s);
                assertTrue(gap <= auto.maxGap() || s == auto.cap(), "an image stops early only on a small gap: " + s + " steps, gap " + gap);
                steps.add(s);
            }
        assertTrue(sampled > 0);
        assertTrue(steps.size() > 1, "the images took different steps: " + steps);
        // fixed steps record their count and measure no gap
        var fixed = ResultJson.MAPPER.readTree(run("fixed8", RunCache.none(), new PassCounter()));
        for (var image : fixed.get("images"))
            for (var p : image.get("predictions"))
                if (p.get("sampled").asBoolean()) {
                    assertEquals(8, p.get("rankSteps").asInt());
                    assertTrue(p.get("completenessGap").isNull());
                }
        // auto and fixed rankings have keys of their own
        MemoryCache shared = new MemoryCache();
        run("fixed-first", new RunCache(shared, KEYS), new PassCounter());
        PassCounter after = new PassCounter();
        assertArrayEquals(reference, run("auto-after-fixed", new RunCache(shared, KEYS), after, 3, 3, ExclusionFill.BLUR, auto));
        assertTrue(after.total().backward() > 0, "auto rankings are not the fixed run's");
    }

    @Test void changingOnlyLaterStagesMakesNoModelPass() throws Exception {
        MemoryCache store = new MemoryCache();
        run("k3", new RunCache(store, KEYS), new PassCounter());
        PassCounter k2 = new PassCounter();
        Lookups lookups = new Lookups(store);
        byte[] cached = run("k2", new RunCache(lookups, KEYS), k2, 2, 3, ExclusionFill.BLUR);
        assertEquals(0, k2.total().calls(), "clusters only regroup stored values");
        assertArrayEquals(run("k2-plain", RunCache.none(), new PassCounter(), 2, 3, ExclusionFill.BLUR), cached);
        // k = 2 is one of the sweep the k = 3 run clustered: no k-means and no resampling test is run again
        for (String kind : List.of("clustering", "difference")) {
            assertEquals(0, lookups.misses(kind), kind);
            assertTrue(lookups.hits(kind) > 0, kind);
        }
    }

    /** Counts a store's hits and misses per kind of value. */
    private static final class Lookups implements io.imacs.cache.ResultCache {
        final MemoryCache store;
        final Map<String, int[]> counts = new java.util.HashMap<>();

        Lookups(MemoryCache store) { this.store = store; }

        @Override public synchronized byte[] get(CacheKey key) {
            byte[] v = store.get(key);
            counts.computeIfAbsent(key.kind(), k -> new int[2])[v == null ? 1 : 0]++;
            return v;
        }
        @Override public void putAll(Map<CacheKey, byte[]> entries) { store.putAll(entries); }
        @Override public void close() {}
        synchronized int hits(String kind) { return counts.getOrDefault(kind, new int[2])[0]; }
        synchronized int misses(String kind) { return counts.getOrDefault(kind, new int[2])[1]; }
    }

    @Test void fewerSegmentsReuseRankingsAndEmbeddingsButScoreAgain() throws Exception {
        MemoryCache store = new MemoryCache();
        run("m3", new RunCache(store, KEYS), new PassCounter());
        PassCounter m2 = new PassCounter();
        byte[] cached = run("m2", new RunCache(store, KEYS), m2, 3, 2, ExclusionFill.BLUR);
        assertEquals(0, m2.total().backward(), "rankings (IG) do not depend on M");
        assertTrue(m2.total().forward() > 0, "a game over 2 players is a new game");
        assertArrayEquals(run("m2-plain", RunCache.none(), new PassCounter(), 3, 2, ExclusionFill.BLUR), cached);
    }

    @Test void aDifferentModelKeyMisses() throws Exception {
        MemoryCache store = new MemoryCache();
        run("v1", new RunCache(store, KEYS), new PassCounter());
        PassCounter other = new PassCounter();
        run("v2", new RunCache(store, Map.of("A", "whole-v2", "B", "quadrant-v1", "embedder", "mean-colour-v1")), other);
        assertTrue(other.byStage().values().stream().mapToLong(PassCounter.Tally::calls).sum() > 0);
        assertTrue(other.total().backward() > 0, "model A's rankings are recomputed");
    }

    /** A store that dies (like a killed process) on its n-th write: that write and all later ones are lost. */
    static final class DyingStore implements ResultCache {
        final MemoryCache store;
        int writesLeft;

        DyingStore(MemoryCache store, int writes) { this.store = store; this.writesLeft = writes; }

        @Override public byte[] get(CacheKey key) { return store.get(key); }

        @Override public void putAll(Map<CacheKey, byte[]> entries) {
            if (writesLeft-- <= 0) throw new IllegalStateException("killed");
            store.putAll(entries);
        }

        @Override public void close() {}
    }

    @Test void aRunStoppedPartWayResumesWithIdenticalResult() throws Exception {
        for (ExclusionFill fill : List.of(ExclusionFill.BLUR, ExclusionFill.NOISE)) {
            for (int m : new int[] {3, 4}) { // 4 players: permutation sampling, seeded by each game's content
                PassCounter full = new PassCounter(), resumed = new PassCounter();
                byte[] reference = run("ref-" + fill + m, RunCache.none(), full, 3, m, fill);
                MemoryCache store = new MemoryCache();
                assertThrows(IllegalStateException.class, () -> run("killed-" + fill + m, new RunCache(new DyingStore(store, 4), KEYS), new PassCounter(), 3, m, fill));
                byte[] again = run("resumed-" + fill + m, new RunCache(store, KEYS), resumed, 3, m, fill);
                assertArrayEquals(reference, again, fill + " M=" + m);
                assertTrue(resumed.total().forward() < full.total().forward(), "finished batches are not recomputed");
                assertTrue(resumed.total().forward() > 0);
            }
        }
    }
}
