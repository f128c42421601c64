package io.imacs.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imacs.files.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code result.json}: sorted keys and fixed formatting, so equal results are equal bytes. */
public final class ResultJson {
    private ResultJson() {}

    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();

    public static void write(ImacsResult result, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        OutputFiles.write(file, tmp -> MAPPER.writeValue(tmp.toFile(), result));
    }

    public static ImacsResult read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), ImacsResult.class);
    }
}
