package io.imacs.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.data.DataException;
import io.imacs.data.EvalSet;
import io.imacs.data.EvalSetLoader;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the readers a user's files go through first (issue 14): random bytes and mutated valid
 * files given as the evaluation CSV or as a model's sidecar may only ever be read, or refused with the exception the
 * command line turns into exit 2 and one line ({@link DataException}, {@link ModelException}); never another type
 * (an internal error, exit 1). A fixed seed keeps CI repeatable; raise {@code tries} and drop the {@code seed} to search further.
 */
class ReaderFuzzTest {
    private static final String CSV = "path,label,site\nred/a.png,red,north\n\"blue/b, c.png\",blue,south\nred/d.png,red,\"x \"\"y\"\"\"\n";
    private static final String SIDECAR = "{\"inputSize\": [32, 32], \"layout\": \"NCHW\", \"mean\": [0.5, 0.5, 0.5], "
        + "\"std\": [0.25, 0.25, 0.25], \"classes\": [\"circle\", \"square\", \"stripes\"], \"outputKind\": \"logits\"}";
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException { dir = Files.createTempDirectory("imacs-fuzz"); }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Property(tries = 300, seed = "20261128")
    void anyBytesAsTheCsvAreReadOrRefusedCleanly(@ForAll("randomBytes") byte[] bytes) throws IOException {
        csv(bytes);
    }

    @Property(tries = 300, seed = "20261128")
    void aMutatedCsvIsReadOrRefusedCleanly(@ForAll("mutatedCsv") byte[] bytes) throws IOException {
        csv(bytes);
    }

    @Property(tries = 300, seed = "20261128")
    void anyBytesAsTheSidecarAreReadOrRefusedCleanly(@ForAll("randomBytes") byte[] bytes) throws IOException {
        sidecar(bytes);
    }

    @Property(tries = 300, seed = "20261128")
    void aMutatedSidecarIsReadOrRefusedCleanly(@ForAll("mutatedSidecar") byte[] bytes) throws IOException {
        sidecar(bytes);
    }

    private static void csv(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("labels.csv"), bytes);
        try {
            EvalSet set = EvalSetLoader.load(file, List.of());
            assertFalse(set.images().isEmpty(), "a set that loads has images");
            set.images().forEach(i -> assertTrue(i.label() != null && !i.label().isEmpty(), "every image has a label"));
            Statistics.collect("read");
        } catch (DataException refused) {
            assertNotNull(refused.getMessage());
            Statistics.collect("refused");
        }
    }

    private static void sidecar(byte[] bytes) throws IOException {
        Path model = dir.resolve("m.onnx");
        Files.write(dir.resolve("m.json"), bytes);
        try {
            ModelSpec spec = ModelSpec.load(model);
            assertTrue(spec.height() > 0 && spec.width() > 0, "a spec that loads has a positive input size");
            assertEquals(3, spec.mean().size(), "three channel means");
            assertEquals(3, spec.std().size(), "three channel deviations");
            Statistics.collect("read");
        } catch (ModelException refused) {
            assertNotNull(refused.getMessage());
            Statistics.collect("refused");
        }
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Provide
    Arbitrary<byte[]> mutatedCsv() { return mutationsOf(CSV); }

    @Provide
    Arbitrary<byte[]> mutatedSidecar() { return mutationsOf(SIDECAR); }

    /** A valid file with up to six bytes replaced, inserted or removed; mostly printable, since most real damage is text. */
    private static Arbitrary<byte[]> mutationsOf(String valid) {
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, base.length - 1);
        Arbitrary<Byte> value = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.of(",", "\"", "\n", "\r", "[", "]", "{", "}", ":", "-", "0", "9", "x", " ", "\\")
                .map(s -> (byte) s.charAt(0))),
            net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        return Combinators.combine(position.list().ofMinSize(1).ofMaxSize(6), value.list().ofSize(6), kind.list().ofSize(6))
            .as((positions, values, kinds) -> {
                byte[] b = base;
                for (int i = 0; i < positions.size(); i++) {
                    int at = Math.min(positions.get(i), Math.max(0, b.length - 1));
                    b = switch (kinds.get(i)) {
                        case 0 -> { byte[] c = b.clone(); if (c.length > 0) c[at] = values.get(i); yield c; }
                        case 1 -> splice(b, at, new byte[] {values.get(i)}, 0);
                        default -> splice(b, at, new byte[0], 1);
                    };
                }
                return b;
            });
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
        remove = Math.min(remove, b.length - at);
        byte[] c = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(insert, 0, c, at, insert.length);
        System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
        return c;
    }
}
