package io.imacs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain CLI carries no Spark: compare --spark needs imacs-spark (docs/spark.md), and the CLI's jars stay light. */
class SparkStaysOutTest {
    @Test void noSparkOnTheClassPathOfTheCli() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
        assertTrue(ServiceLoader.load(ScaleOut.Provider.class).findFirst().isEmpty(), "no ScaleOut provider in imacs-cli");
    }

    /** target/lib, which ./imacs runs with (built by mvn package): no Spark or Scala jar. */
    @Test void noSparkJarBesideTheCliJar() throws Exception {
        Path lib = Path.of("target", "lib");
        if (!Files.isDirectory(lib)) return; // mvn test alone copies no libraries
        try (var jars = Files.list(lib)) {
            assertFalse(jars.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("spark-") || n.startsWith("scala-library")),
                "Spark in " + lib.toAbsolutePath());
        }
    }
}
