package io.imacs.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {
    @TempDir Path dir;

    private String refused(String sidecar) throws Exception {
        Path model = Files.writeString(dir.resolve("m.onnx"), "x");
        Files.writeString(dir.resolve("m.json"), sidecar);
        return assertThrows(ModelException.class, () -> ModelSpec.load(model)).getMessage();
    }

    /** Issue 14: a value of the wrong type got Jackson's words without the field; now the field, file and type are named. */
    @Test void aFieldOfTheWrongTypeIsNamedWithTheTypeItNeeds() throws Exception {
        String side = dir.resolve("m.json").toString();
        assertEquals(side + ": field 'inputSize' must be a list of two integers [H, W], not the string \"224\"",
            refused("{\"inputSize\": \"224\", \"classes\": [\"a\"]}"));
        assertEquals(side + ": field 'inputSize' must be a list of two integers [H, W], not the list [\"a\",\"b\"]",
            refused("{\"inputSize\": [\"a\", \"b\"]}"));
        assertEquals(side + ": field 'classes' must be a list of strings, not the string \"a,b\"",
            refused("{\"inputSize\": [8, 8], \"classes\": \"a,b\"}"));
        assertEquals(side + ": field 'pixelScale' must be a number (1 or 255), not the list [255]",
            refused("{\"inputSize\": [8, 8], \"pixelScale\": [255]}"));
        assertEquals(side + ": field 'layout' must be a string, NCHW or NHWC, not the object {\"a\":1}",
            refused("{\"inputSize\": [8, 8], \"layout\": {\"a\": 1}}"));
        assertTrue(refused("{\"inputSize\": [8, 8], \"colour\": 1}").contains("unknown field 'colour'"));
    }
}
