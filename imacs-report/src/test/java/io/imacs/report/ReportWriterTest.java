package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imacs.result.ImacsResult;
import io.imacs.result.SegmentEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written file itself: self-contained, images once, escaping, and errors that name the file. */
class ReportWriterTest {
    @TempDir Path dir;

    @Test
    void writesOneSelfContainedFileWithEachImageOnce() throws Exception {
        SyntheticRun run = SyntheticRun.create(dir, 8, 5, 4, 1, SyntheticRun.Names.PLAIN);
        Path file = ReportWriter.write(run.result(), dir);
        assertEquals(dir.resolve("report.html"), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        // nothing is loaded from elsewhere: no external src/href, no fetch; a CSP forbids it anyway
        Matcher ext = Pattern.compile("(src|href)\\s*=\\s*\"(?!data:|#)").matcher(html);
        assertFalse(ext.find(), () -> "external reference: " + html.substring(ext.start(), ext.start() + 60));
        assertFalse(html.contains("fetch(") || html.contains("XMLHttpRequest") || html.contains("<link"));
        assertTrue(html.contains("default-src 'none'"));
        // every tile and thumbnail appears exactly once, as base64 of its file's bytes
        for (SegmentEntry s : run.result().segments()) assertEquals(1, count(html, base64(dir.resolve(s.tile()))), s.tile());
        String thumb = base64(dir.resolve(run.result().images().get(0).thumbnail()));
        assertEquals(1, count(html, thumb));
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (SegmentEntry s : run.result().segments()) distinct.add(base64(dir.resolve(s.tile())));
        for (var im : run.result().images()) distinct.add(base64(dir.resolve(im.thumbnail())));
        assertEquals(distinct.size(), count(html, "data:image/png;base64,"));
    }

    @Test
    void sameResultGivesSameBytes() throws Exception {
        SyntheticRun run = SyntheticRun.create(dir, 4, 5, 3, 7, SyntheticRun.Names.PLAIN);
        String first = ReportWriter.html(run.result(), dir);
        assertEquals(first, ReportWriter.html(run.result(), dir));
    }

    @Test
    void hostileNamesCannotCloseTheScriptOrOpenMarkup() throws Exception {
        SyntheticRun run = SyntheticRun.create(dir, 4, 5, 3, 2, SyntheticRun.Names.HOSTILE);
        String html = ReportWriter.html(run.result(), dir);
        // the only <script> elements are the report's own two; names appear only escaped
        assertEquals(2, count(html, "<script"));
        assertEquals(2, count(html, "</script>"));
        assertFalse(html.contains("<b class=pwn>"));
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("\u2028"), "raw U+2028 would end a JS string in older engines");
        assertTrue(html.contains("sun&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;flowers&#39;"), "header shows the name escaped");
    }

    @Test
    void missingTileIsNamedInTheError() throws Exception {
        SyntheticRun run = SyntheticRun.create(dir, 2, 5, 2, 3, SyntheticRun.Names.PLAIN);
        Files.delete(dir.resolve("tiles/s3.png"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(run.result(), dir));
        assertTrue(e.getMessage().contains("s3.png") && e.getMessage().contains("segment 3"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void imagePathsMayNotLeaveTheOutputDirectory() throws Exception {
        SyntheticRun run = SyntheticRun.create(dir.resolve("run"), 2, 5, 2, 4, SyntheticRun.Names.PLAIN);
        Files.writeString(dir.resolve("secret.png"), "not for the report");
        ImacsResult r = run.result();
        List<SegmentEntry> segs = new ArrayList<>(r.segments());
        SegmentEntry s = segs.get(0);
        segs.set(0, new SegmentEntry(s.id(), s.model(), s.image(), s.label(), s.predicted(), s.outcome(), s.segment(), s.rank(),
            s.box(), s.workingBox(), s.attribution(), s.standardError(), s.classAttributions(), s.cluster(), s.distance(), "../secret.png", s.embedding()));
        ImacsResult bad = new ImacsResult(r.manifest(), r.images(), segs, r.clusters(), r.clusterings());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(bad, run.dir()));
        assertTrue(e.getMessage().contains("outside the output directory"), e.getMessage());
    }

    static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) n++;
        return n;
    }
}
