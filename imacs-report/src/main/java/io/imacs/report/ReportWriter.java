package io.imacs.report;

import static io.imacs.report.HtmlEscape.text;

import io.imacs.files.OutputFiles;
import io.imacs.result.ImacsResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Writes an IMACS result as ONE self-contained HTML file: inline CSS and script, images as data URIs (each file
 * once), no network access (a Content-Security-Policy forbids any fetch). The paper's three views (Cluster
 * Histogram, Concept Cluster, Cluster Confusion Matrix) plus hover-to-source and location summaries are drawn by
 * a small vanilla script from the embedded data; sorting and filtering happen in the browser.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** File name of the report inside the output directory. */
    public static final String FILE_NAME = "report.html";

    /**
     * Writes {@code outDir/report.html} for {@code result}, whose tile and thumbnail paths are relative to
     * {@code outDir} (the run's output directory).
     *
     * @return the written file
     * @throws IllegalArgumentException when an image the result names is missing or lies outside {@code outDir}
     */
    public static Path write(ImacsResult result, Path outDir) {
        String html = html(result, outDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + OutputFiles.reason(e), e);
        }
        try {
            Path file = outDir.resolve(FILE_NAME);
            OutputFiles.write(file, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and why (e.g. the disk is full)
        }
    }

    /** The report as a string (same bytes for the same result and images). */
    static String html(ImacsResult result, Path outDir) {
        String data = ScriptJson.of(ReportData.build(result, outDir));
        String css = resource("report.css");
        String js = resource("report.js");
        String target = result.manifest() == null ? "" : result.manifest().targetClass();
        StringBuilder b = new StringBuilder(data.length() + js.length() + css.length() + 16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            // nothing may be loaded from anywhere; only the report's own script (by hash) may run
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
            .append("style-src 'unsafe-inline'; script-src '").append(sha256(js)).append("'\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>IMACS report \u00b7 ").append(text(target)).append("</title>\n<style>").append(css).append("</style>\n</head>\n<body>\n")
            .append(HeaderHtml.banner(result)).append('\n')
            // the findings in words, filled by the script from the data: the first thing a reader sees
            .append("<section id=\"findings\" aria-labelledby=\"findings-title\"></section>\n")
            .append(resource("controls.html")).append("\n<div id=\"layout\"><main>\n")
            .append(HeaderHtml.runView(result)).append('\n')
            // each view is the tab panel of its tab; the source image panel has a column of its own beside them
            .append("""
                <section id="view-histogram" class="view" data-view="histogram" role="tabpanel" aria-labelledby="tab-histogram" hidden></section>
                <section id="view-concept" class="view" data-view="concept" role="tabpanel" aria-labelledby="tab-concept" hidden></section>
                <section id="view-confusion" class="view" data-view="confusion" role="tabpanel" aria-labelledby="tab-confusion" hidden></section>
                <section id="view-location" class="view" data-view="location" role="tabpanel" aria-labelledby="tab-location" hidden></section>
                </main>
                <div id="side"><p id="side-hint" class="note">Hover over a tile, or focus it and press Enter, to see its source image here.</p>
                <aside id="hover-panel" aria-label="Source image of a segment" hidden></aside></div></div>
                """)
            .append("<script type=\"application/json\" id=\"imacs-data\">").append(data).append("</script>\n")
            .append("<script>").append(js).append("</script>\n</body></html>\n");
        return b.toString();
    }

    /** A resource of this package as text (HeaderHtml reads its template here too). */
    static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("imacs-report jar is missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSP source expression allowing exactly this inline script. */
    private static String sha256(String script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
