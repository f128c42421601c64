package io.imacs.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.imacs.image.PixelImage;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import io.imacs.model.Preprocessor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session with its sidecar: pixel-space batches in, one named float output back.
 * OrtSession.run is thread-safe, and every call owns its tensors, so this class is too.
 */
final class OnnxRunner implements AutoCloseable {

    /** A float output of a batch: flat values and the tensor shape (first dimension = batch). */
    record Tensor(float[] data, long[] shape) {
        /** One row per image: the image's values flattened. */
        float[][] rows() {
            int n = (int) shape[0], per = n == 0 ? 0 : data.length / n;
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) out[i] = Arrays.copyOfRange(data, i * per, (i + 1) * per);
            return out;
        }
    }

    private final Path file;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Preprocessor pre;
    private final String inputName;

    OnnxRunner(Path file, ModelSpec spec) {
        this.file = file;
        this.pre = new Preprocessor(spec.validated(ModelSpec.sidecarOf(file).toString()));
        this.session = open(env, file);
        try {
            this.inputName = spec.inputName() == null ? session.getInputNames().iterator().next() : spec.inputName();
            if (!session.getInputNames().contains(inputName))
                throw new ModelException(file + ": sidecar inputName '" + inputName + "' is not an input of the model; "
                    + "its inputs are " + session.getInputNames());
            checkInputShape(session.getInputInfo().get(inputName));
        } catch (OrtException e) {
            close();
            throw new ModelException(file + ": cannot read the model's inputs (" + firstLine(e) + ")", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens a session; a missing or corrupt file is a ModelException naming it. */
    static OrtSession open(OrtEnvironment env, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
            throw new ModelException(file + ": model file is missing or not readable; check the path");
        try {
            return env.createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new ModelException(file + ": not a valid ONNX model (" + firstLine(e) + "); re-export it "
                + "(torch.onnx.export, opset 13-17) and check the file is complete", e);
        }
    }

    Path file() { return file; }

    ModelSpec spec() { return pre.spec(); }

    List<String> outputNames() {
        try { return new ArrayList<>(session.getOutputNames()); }
        catch (RuntimeException e) { throw new ModelException(file + ": cannot list outputs: " + e.getMessage(), e); }
    }

    /** The requested output name, or the first output when null; an unknown name lists the real ones. */
    String resolveOutput(String requested, String sidecarField) {
        List<String> names = outputNames();
        if (requested == null) return names.get(0);
        if (!names.contains(requested))
            throw new ModelException(file + ": output '" + requested + "' (" + sidecarField + " in "
                + ModelSpec.sidecarOf(file).getFileName() + ") does not exist; the model's outputs are " + names);
        return requested;
    }

    /** Runs a batch and returns one named output. An empty batch gives an empty tensor without running. */
    Tensor run(List<PixelImage> batch, String output) {
        if (batch.isEmpty()) return new Tensor(new float[0], new long[] {0});
        long[] shape = pre.shape(batch.size());
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pre.toInput(batch)), shape);
             OrtSession.Result result = session.run(Map.of(inputName, in), Set.of(output))) {
            OnnxValue v = result.get(output).orElseThrow();
            if (!(v instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT)
                throw new ModelException(file + ": output '" + output + "' is " + v.getInfo() + ", not a float tensor; "
                    + "export the model with float32 outputs");
            FloatBuffer fb = t.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            return new Tensor(data, t.getInfo().getShape());
        } catch (OrtException e) {
            throw new ModelException(file + ": ONNX Runtime rejected a batch of shape " + Arrays.toString(shape) + " ("
                + firstLine(e) + "); check inputSize and layout in " + ModelSpec.sidecarOf(file).getFileName(), e);
        }
    }

    /** A static input dimension that disagrees with the sidecar is caught here, before any image is run. */
    private void checkInputShape(NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t)) return;
        long[] model = t.getShape(), want = pre.shape(1);
        boolean ok = model.length == want.length;
        for (int i = 1; ok && i < model.length; i++) ok = model[i] < 0 || model[i] == want[i];
        if (!ok)
            throw new ModelException(file + ": the model's input '" + inputName + "' has shape " + Arrays.toString(model)
                + " but its sidecar " + ModelSpec.sidecarOf(file).getFileName() + " gives " + Arrays.toString(want)
                + " (inputSize " + spec().inputSize() + ", layout " + spec().layout() + "); fix inputSize/layout in the sidecar");
    }

    static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").trim();
    }

    @Override public void close() {
        try { if (session != null) session.close(); }
        catch (OrtException e) { throw new ModelException(file + ": cannot close the ONNX session: " + e.getMessage(), e); }
    }
}
