package io.imacs.model;

import io.imacs.cli.CliRun;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredClassifierTest {
    @Test void opensTheModelOnTheFirstCallOnlyAndAgreesWithIt() {
        Path file = Path.of(CliRun.fixture("models/classifier_a.pt"));
        AtomicInteger opened = new AtomicInteger();
        ImageClassifier eager = ModelFormats.installed().classifier(file, "modelA", Map.of(), false);
        ImageClassifier deferred = ModelFormats.installed().deferredClassifier(file, "modelA", Map.of(), false);
        try (eager; deferred) {
            // what the pipeline reads before any model call comes from the sidecar, and matches the adapter's
            assertEquals(eager.info().classNames(), deferred.info().classNames());
            assertEquals(eager.info().inputHeight(), deferred.info().inputHeight());
            assertTrue(deferred.gradients().isPresent(), "TorchScript: gradients");
            PixelImage grey = PixelImage.filled(32, 32, 0.4f);
            assertArrayEquals(eager.probabilities(List.of(grey))[0], deferred.probabilities(List.of(grey))[0], 1e-6f);
            assertArrayEquals(eager.gradients().orElseThrow().gradients(List.of(grey), new int[] {0}, Output.LOGIT).gradients()[0],
                deferred.gradients().orElseThrow().gradients(List.of(grey), new int[] {0}, Output.LOGIT).gradients()[0], 1e-6f);
        }
        try (DeferredClassifier d = new DeferredClassifier(eager.info(), false, () -> { opened.incrementAndGet(); return ModelFormats.installed().classifier(file, "modelA", Map.of(), false); })) {
            d.info();
            d.gradients();
            assertEquals(0, opened.get(), "nothing opened before a model call");
            d.logits(List.of(PixelImage.filled(32, 32, 0.1f)));
            d.logits(List.of(PixelImage.filled(32, 32, 0.2f)));
            assertEquals(1, opened.get(), "opened once");
        }
    }

    @Test void brokenModelStillFailsWithItsMessageOnFirstUse() {
        ImageClassifier d = ModelFormats.installed().deferredClassifier(Path.of(CliRun.fixture("bad/truncated.onnx")), "modelA", Map.of(), false);
        var e = assertThrows(io.imacs.model.ModelException.class, () -> d.probabilities(List.of(PixelImage.filled(32, 32, 0f))));
        assertTrue(e.getMessage().contains("truncated.onnx"), e.getMessage());
        d.close();
    }
}
