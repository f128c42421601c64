package io.imacs.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imacs.report.HtmlEscape;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        description = {"Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 exposes the run to the network).",
            "On a loopback address only requests for localhost, 127.0.0.1 or [::1] are answered (any port), against DNS rebinding."})
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
        Path realRoot = root.toRealPath();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("--host " + host + " --port " + port + ": cannot listen there (" + e.getMessage()
                + "); try another --port, or --port 0 for any free one");
        }
        InetAddress bound = server.getAddress().getAddress();
        // on loopback only loopback names are ours (DNS rebinding); bound elsewhere, the user chose who may connect
        Set<String> names = bound.isLoopbackAddress() ? loopbackNames(bound) : null;
        // the default runs every exchange on the one dispatcher thread: a client that reads slowly would hold up all others
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "imacs-serve");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            try (ex) {
                try {
                    handle(ex, root, realRoot, names);
                } catch (InvalidPathException e) {
                    if (ex.getResponseCode() < 0) text(ex, 400, "bad request: the path is not a file name");
                } catch (IOException | RuntimeException e) {
                    // an answer rather than a dropped connection, while the headers are not out yet
                    if (ex.getResponseCode() >= 0) throw e;
                    if (e instanceof NoSuchFileException) text(ex, 404, "not found");   // gone since it was looked up
                    else text(ex, 500, "internal error: " + e.getClass().getSimpleName());
                }
            }
        });
        server.start();
        return server;
    }

    /** Concurrent exchanges; they wait on the client's network, not on the CPU. */
    static final int THREADS = 8;
    /** For the index, error answers and files that are not a report with its own policy: nothing loads, nothing runs. */
    static final String STRICT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
    private static final Pattern META_CSP = Pattern.compile(
        "<meta\\s+http-equiv\\s*=\\s*\"Content-Security-Policy\"\\s+content\\s*=\\s*\"([^\"<>\\r\\n]*)\"", Pattern.CASE_INSENSITIVE);
    private static final int HEAD_BYTES = 8192;

    private static Set<String> loopbackNames(InetAddress bound) {
        Set<String> names = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        String a = bound.getHostAddress();
        names.add(bound instanceof Inet6Address ? "[" + a.replaceFirst("%.*", "") + "]" : a);
        return names;
    }

    /** Whether a Host header (name or address, with or without a port) names this machine's loopback. */
    static boolean loopbackHost(String host, Set<String> names) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.startsWith("[") ? h.indexOf(']') + 1 : h.indexOf(':');
        if (colon <= 0) colon = h.startsWith("[") ? -1 : h.length();
        if (colon < 0) return false;
        String port = h.substring(colon);
        // any port: through 'ssh -L 9000:127.0.0.1:8600' the browser names the tunnel's port
        return names.contains(h.substring(0, colon)) && (port.isEmpty() || port.matches(":[0-9]{1,5}"));
    }

    private static void handle(HttpExchange ex, Path root, Path realRoot, Set<String> names) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        h.set("Content-Security-Policy", STRICT_CSP);
        List<String> hosts = ex.getRequestHeaders().get("Host");
        if (hosts != null && hosts.size() > 1) { text(ex, 400, "bad request: more than one Host header"); return; }
        // a request without Host (HTTP/1.0) is no browser's, so no rebinding
        if (names != null && hosts != null && !loopbackHost(hosts.get(0), names)) {
            text(ex, 421, "misdirected request: this server answers to localhost, 127.0.0.1 or [::1] only");
            return;
        }
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            h.set("Allow", "GET, HEAD");
            text(ex, 405, "read-only: GET only");
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path == null || !path.startsWith("/")) { text(ex, 400, "bad request: expected a path starting with /"); return; }
        // a decoded NUL (%00) or other control character is no file name; Path would throw on some
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) { text(ex, 400, "bad request: control character in the path"); return; }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!within(file, root, realRoot)) { text(ex, 404, "not found"); return; }
        if (Files.isDirectory(file)) {
            Path report = file.resolve("report.html");
            if (Files.isRegularFile(report)) file = report;
            else { send(ex, 200, TYPES.get("html"), index(root, file).getBytes(StandardCharsets.UTF_8)); return; }
        }
        String name = file.getFileName().toString();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null || !Files.isRegularFile(file) || !within(file, root, realRoot)) { text(ex, 404, "not found"); return; }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            // the report carries its policy (its script's hash) in a meta tag; the header repeats it
            if (name.endsWith(".html")) h.set("Content-Security-Policy", pagePolicy(ch).orElse(STRICT_CSP));
            h.set("Content-Type", type);
            if (!sendHeaders(ex, 200, size)) return;
            try (OutputStream o = ex.getResponseBody()) {
                WritableByteChannel out = Channels.newChannel(o);
                for (long at = 0, n; at < size; at += n)
                    if ((n = ch.transferTo(at, size - at, out)) <= 0) break;   // shrunk while sent: the length check ends it
            }
        }
    }

    /** Whether a file is in the run, also where links lead: a link inside the run may point outside it. */
    private static boolean within(Path file, Path root, Path realRoot) throws IOException {
        return file.startsWith(root) && Files.exists(file) && file.toRealPath().startsWith(realRoot);
    }

    /** The Content-Security-Policy of a page's meta tag, from its first bytes. */
    private static Optional<String> pagePolicy(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(HEAD_BYTES, ch.size()));
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) { }
        Matcher m = META_CSP.matcher(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
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

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (sendHeaders(ex, status, body.length)) try (OutputStream o = ex.getResponseBody()) { o.write(body); }
    }

    /** Sends status and headers; false for HEAD, which gets the Content-Length GET would have and no body. */
    private static boolean sendHeaders(HttpExchange ex, int status, long length) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            // the JDK server ignores a length given to sendResponseHeaders for HEAD, so it goes in as a header
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return false;
        }
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);   // 0 would mean chunked
        return true;
    }
}
