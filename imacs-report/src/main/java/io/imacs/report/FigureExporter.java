package io.imacs.report;

import io.imacs.result.ImacsResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PNG figures of the report's views, taken by headless Chromium from the report file itself, so figures and
 * report never disagree. Each view is loaded twice: once to let the page measure its own height
 * ({@code --dump-dom}), once to screenshot it at that height. Needs a Chromium or Chrome executable: the system
 * property {@code imacs.chromium}, else the environment variable {@code IMACS_CHROMIUM}, else {@code chromium},
 * {@code chromium-browser} or {@code google-chrome} on the PATH.
 */
public final class FigureExporter {
    private FigureExporter() {}

    /** The views exported, in order; each becomes {@code <view>.png}. */
    public static final List<String> VIEWS = List.of("run", "histogram", "concept", "confusion", "location");

    static final int WIDTH = 1400;
    private static final int MAX_HEIGHT = 16_000; // beyond this Chromium cannot allocate one screenshot surface
    private static final long TIMEOUT_S = 120;
    private static final Pattern HEIGHT = Pattern.compile("data-export-height=\"(\\d+)\"");

    /** Writes {@code outDir/report.html} and one PNG per view under {@code outDir/figures/}; returns the PNGs. */
    public static List<Path> exportPngs(ImacsResult result, Path outDir) {
        return exportPngs(ReportWriter.write(result, outDir), outDir.resolve("figures"));
    }

    /** One PNG per view of an existing report, written to {@code figuresDir}. */
    public static List<Path> exportPngs(Path reportHtml, Path figuresDir) {
        if (!Files.isRegularFile(reportHtml))
            throw new IllegalArgumentException("report " + reportHtml + " does not exist; write it with ReportWriter.write first");
        Path chromium = chromium();
        List<Path> out = new ArrayList<>();
        Path profile = null;
        try {
            Files.createDirectories(figuresDir);
            profile = Files.createTempDirectory("imacs-chromium");
            for (String view : VIEWS) {
                String url = reportHtml.toAbsolutePath().toUri() + "#view=" + view + "&export=1";
                Path dom = profile.resolve(view + ".dom.html");
                run(chromium, profile, List.of("--window-size=" + WIDTH + ",1000", "--dump-dom", url), dom);
                int height = Math.min(MAX_HEIGHT, Math.max(200, measuredHeight(dom, view)));
                Path png = figuresDir.resolve(view + ".png").toAbsolutePath();
                Files.deleteIfExists(png);
                run(chromium, profile, List.of("--window-size=" + WIDTH + "," + height, "--screenshot=" + png, url), null);
                if (!Files.isRegularFile(png)) throw new IllegalStateException("Chromium (" + chromium + ") wrote no screenshot " + png);
                out.add(png);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export figures to " + figuresDir + ": " + e.getMessage(), e);
        } finally {
            if (profile != null) deleteTree(profile);
        }
    }

    private static void run(Path chromium, Path profile, List<String> args, Path stdout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions", "--no-first-run",
            "--no-default-browser-check", "--hide-scrollbars", "--force-device-scale-factor=1", "--mute-audio",
            "--user-data-dir=" + profile.resolve("profile")));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Chromium (" + chromium + ") did not finish within " + TIMEOUT_S + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium was rendering", e);
        }
        if (p.exitValue() != 0) throw new IllegalStateException("Chromium (" + chromium + ") failed with exit code " + p.exitValue());
    }

    /** The page writes its own full height into the root element once it has rendered. */
    private static int measuredHeight(Path dom, String view) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(dom)) {
            n = in.readNBytes(head, 0, head.length);
        }
        Matcher m = HEIGHT.matcher(new String(head, 0, n, StandardCharsets.UTF_8));
        if (!m.find()) throw new IllegalStateException("the report's " + view + " view did not render in Chromium (no data-export-height)");
        return Integer.parseInt(m.group(1));
    }

    static Path chromium() {
        String configured = System.getProperty("imacs.chromium", System.getenv("IMACS_CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p))
                throw new IllegalArgumentException("imacs.chromium / IMACS_CHROMIUM names " + p + ", which is not an executable file");
            return p;
        }
        String path = System.getenv("PATH");
        if (path != null)
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
                for (String dir : path.split(File.pathSeparator)) {
                    Path p = Path.of(dir, name);
                    if (Files.isExecutable(p)) return p;
                }
        throw new IllegalArgumentException("`figures`: PNG export needs Chromium or Chrome: install it (Debian: apt-get install chromium) "
            + "or set -Dimacs.chromium=/path/to/chromium or IMACS_CHROMIUM");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
