package io.imacs.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ./imacs runs without --spark, imacs-cli/target/lib, holds no Spark or Scala jar, while imacs-spark's own lib
 * (spark-submit's) holds none either: Spark is provided. Checked here because mvn verify packages imacs-cli before
 * this module's tests run.
 */
class CliStaysLightTest {
    @Test void noSparkJarInTheLibrariesOfTheCliOrOfTheSparkJar() throws Exception {
        for (Path lib : new Path[] {Path.of("..", "imacs-cli", "target", "lib"), Path.of("target", "lib")}) {
            if (!Files.isDirectory(lib)) continue; // mvn test alone packages nothing
            try (var jars = Files.list(lib)) {
                assertFalse(jars.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("spark-") || n.startsWith("scala-library")),
                    "Spark in " + lib.toAbsolutePath().normalize());
            }
        }
        assertTrue(Files.isDirectory(Path.of("..", "imacs-cli")), "run from imacs-spark/");
    }
}
