package io.imacs.cli;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain CLI carries no Spark: compare --spark needs imacs-spark (docs/spark.md); imacs-spark's CliStaysLightTest checks target/lib. */
class SparkStaysOutTest {
    @Test void noSparkOnTheClassPathOfTheCli() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
        assertTrue(ServiceLoader.load(ScaleOut.Provider.class).findFirst().isEmpty(), "no ScaleOut provider in imacs-cli");
    }
}
