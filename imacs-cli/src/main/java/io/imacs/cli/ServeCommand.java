package io.imacs.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imacs.report.HtmlEscape;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imacs serve}: the reports of a run over HTTP, for a colleague's browser or a remote machine
 * through an SSH tunnel. Read-only and bound to 127.0.0.1 unless told otherwise; it serves files under
 * the run directory and nothing else.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve a run's report(s) over HTTP (read-only, 127.0.0.1 by default).", "",
        "RUN is an output directory of compare (report.html) or demo (a-vs-b/, a-vs-u/, b-drift/). The report itself needs no server: "
            + "it also opens from disk. Use this to look at a run on another machine, e.g. through 'ssh -L 8600:127.0.0.1:8600'.", ""})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's output directory.")
    Path run;
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 exposes the run to the network).")
    String host;
    @Option(names = "--port", defaultValue = "8600", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "json", "application/json",
        "csv", "text/csv; charset=utf-8", "png", "image/png", "npy", "application/octet-stream");

    @Override public Integer call() throws Exception {
        HttpServer server = start(run, host, port);
        InetSocketAddress a = server.getAddress();
        System.out.printf("imacs serve: %s at http://%s:%d/  (Ctrl-C to stop)%n", run, a.getHostString(), a.getPort());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { server.stop(0); stop.countDown(); }));
        stop.await();
        return 0;
    }

    /** Starts serving {@code dir}; the caller stops the returned server. */
    static HttpServer start(Path dir, String host, int port) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) throw new IllegalArgumentException("RUN " + dir + ": not a directory; give the --out directory of compare or demo");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port " + port + ": expected 0 to 65535 (0 picks a free port)");
        if (reports(root).isEmpty())
            throw new IllegalArgumentException("RUN " + dir + ": no report.html in it or its subdirectories; run compare or demo first");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("--host " + host + " --port " + port + ": cannot listen there (" + e.getMessage()
                + "); try another --port, or --port 0 for any free one");
        }
        server.createContext("/", ex -> {
            try (ex) {
                handle(ex, root);
            }
        });
        server.start();
        return server;
    }

    private static void handle(HttpExchange ex, Path root) throws IOException {
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            send(ex, 405, "text/plain; charset=utf-8", "read-only: GET only".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = ex.getRequestURI().getPath();
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) { send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8)); return; }
        if (Files.isDirectory(file)) {
            Path report = file.resolve("report.html");
            if (Files.isRegularFile(report)) file = report;
            else { send(ex, 200, TYPES.get("html"), index(root, file).getBytes(StandardCharsets.UTF_8)); return; }
        }
        String name = file.getFileName().toString();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null || !Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
            send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(ex, 200, type, Files.readAllBytes(file));
    }

    /** A page linking the reports below a directory (a demo run has two). */
    private static String index(Path root, Path dir) throws IOException {
        StringBuilder b = new StringBuilder("<!doctype html><meta charset=utf-8><title>IMACS runs</title><h1>IMACS reports</h1><ul>");
        for (Path r : reports(dir)) {
            String rel = root.relativize(r).toString().replace('\\', '/');
            b.append("<li><a href=\"/").append(HtmlEscape.text(rel)).append("\">").append(HtmlEscape.text(rel)).append("</a>");
        }
        return b.append("</ul>").toString();
    }

    private static List<Path> reports(Path dir) throws IOException {
        try (Stream<Path> s = Files.find(dir, 3, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("report.html"))) {
            return s.sorted().toList();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) try (OutputStream o = ex.getResponseBody()) { o.write(body); }
    }
}
