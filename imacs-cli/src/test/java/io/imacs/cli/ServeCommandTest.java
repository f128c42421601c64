package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imacs serve}: loopback by default, read-only, nothing outside the run directory. */
class ServeCommandTest {
    @TempDir Path tmp;

    private static HttpResponse<String> get(HttpServer s, String path, String method) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test void servesTheRunAndNothingElse() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("a-vs-b/tiles"));
        Files.writeString(run.resolve("a-vs-b/report.html"), "<html>report</html>");
        Files.writeString(run.resolve("a-vs-b/result.json"), "{}");
        Files.writeString(run.resolve("a-vs-b/tiles/<b>.png"), "png");
        Files.writeString(tmp.resolve("secret.json"), "{\"secret\": 1}");
        HttpServer s = ServeCommand.start(run, "127.0.0.1", 0);
        try {
            assertTrue(s.getAddress().getAddress().isLoopbackAddress());
            HttpResponse<String> index = get(s, "/", "GET");
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("href=\"/a-vs-b/report.html\""), index.body());
            assertEquals("<html>report</html>", get(s, "/a-vs-b/", "GET").body());
            assertEquals(200, get(s, "/a-vs-b/result.json", "GET").statusCode());
            assertEquals(404, get(s, "/../secret.json", "GET").statusCode());
            assertEquals(404, get(s, "/%2e%2e/secret.json", "GET").statusCode());
            assertEquals(404, get(s, "/a-vs-b/missing.png", "GET").statusCode());
            assertEquals(405, get(s, "/a-vs-b/result.json", "POST").statusCode());
            assertEquals("nosniff", get(s, "/a-vs-b/result.json", "GET").headers().firstValue("X-Content-Type-Options").orElse(""));
        } finally {
            s.stop(0);
        }
    }

    @Test void defaultBindsToLoopbackAndEmptyRunIsAClearError() throws Exception {
        ServeCommand c = new ServeCommand();
        new picocli.CommandLine(c).parseArgs(tmp.toString());
        assertEquals("127.0.0.1", c.host, "loopback unless told otherwise");
        CliRun r = CliRun.of("serve", tmp.toString(), "--port", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no report.html"), r.err());
    }
}
