package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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

    private static final String POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-abc='";

    /** A report with its policy in a meta tag, as ReportWriter writes it, and a result beside it. */
    private HttpServer serveRun() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("a-vs-b"));
        Files.writeString(run.resolve("a-vs-b/report.html"), "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">\n<title>r</title></head><body>report</body></html>\n");
        Files.writeString(run.resolve("a-vs-b/result.json"), "{\"secret\": \"scores\"}");
        return ServeCommand.start(run, "127.0.0.1", 0);
    }

    /** The raw answer to a raw request (the JDK client will neither send a NUL nor set Host); the server closes after it. */
    private static String raw(HttpServer s, String request) throws Exception {
        try (Socket k = new Socket("127.0.0.1", s.getAddress().getPort())) {
            k.setSoTimeout(10_000);
            OutputStream o = k.getOutputStream();
            o.write(request.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            return new String(k.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String rawGet(HttpServer s, String method, String path, String host) throws Exception {
        return raw(s, method + " " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + "Connection: close\r\n\r\n");
    }

    private static int status(String response) {
        assertTrue(response.startsWith("HTTP/1.1 "), "no HTTP response: [" + response + "]");
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test void aNulOrControlCharacterInThePathIsABadRequestNotAClosedConnection() throws Exception {
        HttpServer s = serveRun();
        try {
            for (String path : new String[] {"/a-vs-b/report.html%00.png", "/a-vs-b/result.json%00", "/a-vs-b/%0a/result.json", "/%7f"}) {
                String r = rawGet(s, "GET", path, "127.0.0.1");
                assertEquals(400, status(r), path + ": " + r);
                assertTrue(r.contains("control character"), r);
            }
            assertEquals(400, status(rawGet(s, "GET", "/a-vs-b/%zz", "127.0.0.1")), "a malformed escape");
            assertEquals(200, status(rawGet(s, "GET", "/a-vs-b/result.json", "127.0.0.1")), "still serving");
        } finally {
            s.stop(0);
        }
    }

    @Test void onLoopbackAForeignHostIsMisdirectedNotServed() throws Exception {
        HttpServer s = serveRun();
        try {
            for (String host : new String[] {"evil.example", "evil.example:" + s.getAddress().getPort(), "localhost.evil.example",
                "127.0.0.1.nip.io", "[::2]", "localhost:80x", "192.168.1.10"}) {
                String r = rawGet(s, "GET", "/a-vs-b/result.json", host);
                assertEquals(421, status(r), host + ": " + r);
                assertFalse(r.contains("scores"), host + " got the result: " + r);
                assertTrue(r.toLowerCase().contains("x-content-type-options: nosniff"), r);
            }
            for (String host : new String[] {"localhost", "LocalHost:8600", "127.0.0.1", "127.0.0.1:" + s.getAddress().getPort(), "[::1]", "[::1]:9000"})
                assertEquals(200, status(rawGet(s, "GET", "/a-vs-b/result.json", host)), host);
            assertEquals(200, status(raw(s, "GET /a-vs-b/result.json HTTP/1.0\r\n\r\n")), "no Host (HTTP/1.0) is no browser");
            assertEquals(400, status(raw(s, "GET /a-vs-b/result.json HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n")),
                "two Host headers");
        } finally {
            s.stop(0);
        }
    }

    @Test void loopbackHostNamesWithAndWithoutAPort() {
        Set<String> names = Set.of("localhost", "127.0.0.1", "[::1]");
        for (String h : new String[] {"localhost", "localhost:1", "127.0.0.1:65535", "[::1]", "[::1]:8600", " LOCALHOST "})
            assertTrue(ServeCommand.loopbackHost(h, names), h);
        for (String h : new String[] {"", ":8600", "[::1", "[::1]x", "localhost:", "localhost:123456", "localhost.", "evil.example", "::1"})
            assertFalse(ServeCommand.loopbackHost(h, names), h);
    }

    @Test void headHasTheLengthOfGetAndNoBody() throws Exception {
        HttpServer s = serveRun();
        try {
            for (String path : new String[] {"/a-vs-b/report.html", "/a-vs-b/", "/a-vs-b/result.json", "/", "/missing.json"}) {
                HttpResponse<String> get = get(s, path, "GET"), head = get(s, path, "HEAD");
                assertEquals(get.statusCode(), head.statusCode(), path);
                long length = get.body().getBytes(StandardCharsets.UTF_8).length;
                assertEquals(String.valueOf(length), get.headers().firstValue("Content-Length").orElse(""), path + " GET");
                assertEquals(String.valueOf(length), head.headers().firstValue("Content-Length").orElse("none"), path + " HEAD");
                assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
                // no body on the wire: the connection closes right after the headers
                String r = rawGet(s, "HEAD", path, "localhost");
                assertTrue(r.endsWith("\r\n\r\n"), path + ": body after the headers: " + r);
                assertTrue(r.contains("Content-length: " + length) || r.contains("Content-Length: " + length), r);
            }
        } finally {
            s.stop(0);
        }
    }

    @Test void theReportsPolicyIsAlsoAHeaderAndNothingIsSniffed() throws Exception {
        HttpServer s = serveRun();
        try {
            for (String path : new String[] {"/a-vs-b/report.html", "/a-vs-b/"}) {
                HttpResponse<String> r = get(s, path, "GET");
                assertEquals(POLICY, r.headers().firstValue("Content-Security-Policy").orElse(""), path + ": the page's own meta policy");
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            }
            // everything else (index, data, errors) may load nothing and run nothing
            for (String path : new String[] {"/", "/a-vs-b/result.json", "/missing.png"}) {
                HttpResponse<String> r = get(s, path, "GET");
                assertEquals(ServeCommand.STRICT_CSP, r.headers().firstValue("Content-Security-Policy").orElse(""), path);
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            }
            assertEquals("GET, HEAD", get(s, "/a-vs-b/result.json", "DELETE").headers().firstValue("Allow").orElse(""));
        } finally {
            s.stop(0);
        }
    }

    @Test void aLinkOutOfTheRunIsNotFollowed() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.json"), "{\"secret\": 1}");
        HttpServer s = serveRun();
        try {
            Path run = tmp.resolve("run");
            try {
                Files.createSymbolicLink(run.resolve("out"), outside);
                Files.createSymbolicLink(run.resolve("a-vs-b/copy.json"), run.resolve("a-vs-b/result.json"));
            } catch (UnsupportedOperationException | java.io.IOException e) {
                org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
            }
            assertEquals(404, get(s, "/out/secret.json", "GET").statusCode(), "a linked directory leads outside the run");
            HttpResponse<String> dir = get(s, "/out/", "GET");
            assertEquals(404, dir.statusCode(), "no index of a directory outside the run: " + dir.body());
            assertEquals(200, get(s, "/a-vs-b/copy.json", "GET").statusCode(), "a link within the run is the run's");
        } finally {
            s.stop(0);
        }
    }

    @Test void aClientThatStopsReadingHoldsUpNoOtherClient() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("report.html"), "<html>report</html>");
        Files.write(run.resolve("big.npy"), new byte[32 << 20]);   // far more than the socket buffers hold
        HttpServer s = ServeCommand.start(run, "127.0.0.1", 0);
        try (Socket stalled = new Socket("127.0.0.1", s.getAddress().getPort())) {
            stalled.setReceiveBufferSize(4096);
            stalled.getOutputStream().write("GET /big.npy HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            stalled.getOutputStream().flush();
            InputStream in = stalled.getInputStream();
            assertTrue(in.read(new byte[1]) > 0, "the stalled transfer started");
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/report.html"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("<html>report</html>", r.body());
            }
        } finally {
            s.stop(0);
        }
    }

    @Test void eightClientsForTwoSecondsWithoutAnError() throws Exception {
        Map<String, Integer> files = ServeBenchmark.syntheticRun(tmp.resolve("run"));
        HttpServer s = ServeCommand.start(tmp.resolve("run"), "127.0.0.1", 0);
        try {
            ServeBenchmark.Load l = ServeBenchmark.load(s, files, 8, Duration.ofSeconds(2));
            assertEquals(0, l.errors(), l.toString());
            assertTrue(l.requests() >= 8, l.toString());
        } finally {
            s.stop(0);
        }
    }
}
