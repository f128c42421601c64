package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: numbers for docs/benchmarks.md "## imacs serve under load". Disabled unless -Dbench=true:
 * {@code mvn -B -o -q -pl imacs-cli -am test -Dtest=ServeBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true}
 * (-Dserve.seconds=N to change the 20 s). 8 clients, each with its own keep-alive connection, fetch the files of a
 * synthetic run of a real run's sizes in turn, on loopback, as fast as they can. ServeCommandTest runs the same load
 * for 2 s and asserts no errors.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ServeBenchmark {
    @TempDir Path tmp;

    @Test void eightClientsForTwentySeconds() throws Exception {
        int seconds = Integer.getInteger("serve.seconds", 20);
        Map<String, Integer> files = syntheticRun(tmp.resolve("run"));
        HttpServer s = ServeCommand.start(tmp.resolve("run"), "127.0.0.1", 0);
        try {
            Load l = load(s, files, 8, Duration.ofSeconds(seconds));
            System.out.println("SERVE " + l);
            assertEquals(0, l.errors(), l.toString());
        } finally {
            s.stop(0);
        }
    }

    /** What a load run saw: requests answered in full, errors (exceptions, wrong status or length), latencies. */
    record Load(int clients, double seconds, long requests, long errors, long bytes, long[] sortedNanos, String firstError) {
        double quantileMs(double q) {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
        }

        @Override public String toString() {
            return String.format(java.util.Locale.ROOT,
                "clients=%d seconds=%.1f requests=%d errors=%d requests/s=%.0f MB/s=%.0f p50=%.2fms p99=%.2fms max=%.2fms%s",
                clients, seconds, requests, errors, requests / seconds, bytes / seconds / 1e6, quantileMs(0.5), quantileMs(0.99),
                quantileMs(1), firstError == null ? "" : " first error: " + firstError);
        }
    }

    /** {@code clients} loops, each fetching the files (path to size) in turn for {@code d}; a client keeps one connection. */
    static Load load(HttpServer s, Map<String, Integer> files, int clients, Duration d) throws Exception {
        String base = "http://127.0.0.1:" + s.getAddress().getPort();
        List<Map.Entry<String, Integer>> order = new ArrayList<>(files.entrySet());
        ExecutorService ex = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime(), end = start + d.toNanos();
        List<Future<long[][]>> done = new ArrayList<>();
        String[] firstError = new String[1];
        for (int c = 0; c < clients; c++) {
            int offset = c;
            done.add(ex.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                long[] lat = new long[1 << 16];
                long n = 0, errors = 0, bytes = 0;
                for (int i = offset; System.nanoTime() < end; i++) {
                    Map.Entry<String, Integer> f = order.get(i % order.size());
                    long t = System.nanoTime();
                    String error = null;
                    try {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + f.getKey())).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200 || r.body().length != f.getValue())
                            error = f.getKey() + ": status " + r.statusCode() + ", " + r.body().length + " bytes, expected " + f.getValue();
                        else bytes += r.body().length;
                    } catch (IOException e) {
                        error = f.getKey() + ": " + e;
                    }
                    long took = System.nanoTime() - t;
                    if (error != null) {
                        errors++;
                        synchronized (firstError) { if (firstError[0] == null) firstError[0] = error; }
                        continue;
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, lat.length * 2);
                    lat[(int) n++] = took;
                }
                return new long[][] {Arrays.copyOf(lat, (int) n), {errors, bytes}};
            }));
        }
        long errors = 0, bytes = 0;
        List<long[]> all = new ArrayList<>();
        for (Future<long[][]> f : done) {
            long[][] r = f.get();
            all.add(r[0]);
            errors += r[1][0];
            bytes += r[1][1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ex.shutdown();
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Load(clients, seconds, lat.length, errors, bytes, lat, firstError[0]);
    }

    /**
     * A run of a real one's sizes (a 32-image flowers run: report 600 kB, result.json 530 kB, segments.csv 36 kB,
     * tiles of 2-4 kB), with random bytes: serving does not read them. Returns the URL paths to fetch and their sizes.
     */
    static Map<String, Integer> syntheticRun(Path run) throws IOException {
        Path dir = run.resolve("a-vs-b");
        Files.createDirectories(dir.resolve("tiles"));
        Random rnd = new Random(1);
        Map<String, Integer> files = new TreeMap<>();
        String head = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
            + "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-AAAA'\">\n<title>IMACS report</title>";
        StringBuilder html = new StringBuilder(head);
        while (html.length() < 600_000) html.append("<p>").append(Long.toHexString(rnd.nextLong())).append("</p>\n");
        files.put("/a-vs-b/report.html", write(dir.resolve("report.html"), html.toString().getBytes(StandardCharsets.UTF_8)));
        files.put("/a-vs-b/result.json", write(dir.resolve("result.json"), bytes(rnd, 530_000)));
        files.put("/a-vs-b/segments.csv", write(dir.resolve("segments.csv"), bytes(rnd, 36_000)));
        for (int i = 0; i < 10; i++)
            files.put("/a-vs-b/tiles/tile_" + i + ".png", write(dir.resolve("tiles/tile_" + i + ".png"), bytes(rnd, 2_000 + 200 * i)));
        return files;
    }

    private static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static int write(Path p, byte[] b) throws IOException {
        Files.write(p, b);
        return b.length;
    }
}
