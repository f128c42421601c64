package io.imacs.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A model's sidecar JSON ({@code a.onnx} -> {@code a.json}): how to feed it pixels and read its output.
 * Every field has a default so a sidecar states only what differs; command-line options override it.
 *
 * @param inputSize     [H, W] the model expects
 * @param layout        NCHW or NHWC
 * @param channelOrder  RGB or BGR
 * @param pixelScale    1 for inputs in [0,1], 255 for [0,255]
 * @param mean          per channel (in the model's channel order), subtracted after scaling
 * @param std           per channel, divided after subtracting the mean
 * @param classes       class names in output order (classifiers)
 * @param outputKind    "logits" or "probabilities" (classifiers)
 * @param inputName     graph input name (ONNX); null takes the first input
 * @param outputName    classifier output name; null takes the first output
 * @param featureOutput embedder's feature output name; null takes the first output
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(List<Integer> inputSize, String layout, String channelOrder, Double pixelScale,
                        List<Double> mean, List<Double> std, List<String> classes, String outputKind,
                        String inputName, String outputName, String featureOutput) {

    private static final String FIELDS = "inputSize, layout, channelOrder, pixelScale, mean, std, classes, outputKind, inputName, outputName, featureOutput";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ModelSpec {
        layout = layout == null ? "NCHW" : layout.toUpperCase();
        channelOrder = channelOrder == null ? "RGB" : channelOrder.toUpperCase();
        pixelScale = pixelScale == null ? 1.0 : pixelScale;
        mean = mean == null ? List.of(0.0, 0.0, 0.0) : List.copyOf(mean);
        std = std == null ? List.of(1.0, 1.0, 1.0) : List.copyOf(std);
        classes = classes == null ? List.of() : List.copyOf(classes);
        outputKind = outputKind == null ? "logits" : outputKind.toLowerCase();
    }

    public int height() { return inputSize.get(0); }
    public int width() { return inputSize.get(1); }
    public boolean outputsProbabilities() { return outputKind.startsWith("prob"); }

    /** The sidecar path for a model file: same directory and base name, extension .json. */
    public static Path sidecarOf(Path modelFile) {
        String n = modelFile.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".json");
    }

    /** Reads and checks the sidecar of {@code modelFile}; every problem is a {@link ModelException} naming the file. */
    public static ModelSpec load(Path modelFile) {
        return load(modelFile, Map.of());
    }

    /**
     * Reads the sidecar and applies command-line overrides ({@code KEY=VALUE} with the sidecar's field names;
     * lists comma-separated, inputSize as HxW). Without a sidecar the overrides must say everything needed.
     */
    public static ModelSpec load(Path modelFile, Map<String, String> overrides) {
        Path side = sidecarOf(modelFile);
        ObjectNode node;
        if (Files.isRegularFile(side)) {
            try {
                JsonNode n = JSON.readTree(side.toFile());
                if (!(n instanceof ObjectNode o)) throw new ModelException(side + ": a sidecar must be a JSON object");
                node = o;
            } catch (IOException e) {
                throw new ModelException(side + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        } else if (overrides.isEmpty()) {
            throw new ModelException(modelFile + ": sidecar " + side + " is missing; write one with inputSize, classes, "
                + "mean/std (see README 'Model sidecar')");
        } else {
            node = JSON.createObjectNode();
        }
        overrides.forEach((k, v) -> {
            try {
                applyOverride(node, k, v, modelFile);
            } catch (NumberFormatException e) {
                throw new ModelException(modelFile + ": override " + k + "=" + v + ": not a number where one is needed (" + e.getMessage() + ")");
            }
        });
        ModelSpec spec;
        try {
            spec = JSON.treeToValue(node, ModelSpec.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new ModelException(side + ": unknown field '" + e.getPropertyName() + "'; the fields are " + FIELDS);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw wrongType(side, node, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelException(side + ": " + e.getOriginalMessage() + " (the fields are " + FIELDS + ")");
        }
        return spec.validated(Files.isRegularFile(side) ? side.toString() : modelFile.toString());
    }

    /** What each field holds, for messages about a value of the wrong type. */
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("inputSize", "a list of two integers [H, W]"),
        Map.entry("layout", "a string, NCHW or NHWC"), Map.entry("channelOrder", "a string, RGB or BGR"),
        Map.entry("pixelScale", "a number (1 or 255)"), Map.entry("mean", "a list of 3 numbers"), Map.entry("std", "a list of 3 numbers"),
        Map.entry("classes", "a list of strings"), Map.entry("outputKind", "a string, logits or probabilities"),
        Map.entry("inputName", "a string"), Map.entry("outputName", "a string"), Map.entry("featureOutput", "a string"));

    /** A field whose value Jackson could not bind, by name, with the type it needs and the value it has. */
    private static ModelException wrongType(Path side, ObjectNode node, com.fasterxml.jackson.databind.JsonMappingException e) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
        if (field == null || !TYPES.containsKey(field))
            return new ModelException(side + ": " + e.getOriginalMessage() + " (the fields are " + FIELDS + ")");
        JsonNode given = node.get(field);
        String kind = switch (given.getNodeType()) {
            case ARRAY -> "the list ";
            case OBJECT -> "the object ";
            case STRING -> "the string ";
            case NUMBER -> "the number ";
            default -> "";
        };
        String value = given.toString();
        return new ModelException(side + ": field '" + field + "' must be " + TYPES.get(field) + ", not " + kind
            + (value.length() > 40 ? value.substring(0, 40) + "..." : value));
    }

    private static void applyOverride(ObjectNode node, String key, String value, Path model) {
        switch (key) {
            case "inputSize" -> {
                String[] hw = value.toLowerCase().split("x");
                if (hw.length != 2) throw new ModelException(model + ": override inputSize=" + value + ": expected HxW, e.g. 224x224");
                ArrayNode a = node.putArray(key);
                for (String v : hw) a.add(Integer.parseInt(v.strip()));
            }
            case "mean", "std" -> {
                ArrayNode a = node.putArray(key);
                for (String v : value.split(",")) a.add(Double.parseDouble(v.strip()));
            }
            case "classes" -> {
                ArrayNode a = node.putArray(key);
                for (String v : value.split(",")) a.add(v.strip());
            }
            case "pixelScale" -> node.put(key, Double.parseDouble(value));
            case "layout", "channelOrder", "outputKind", "inputName", "outputName", "featureOutput" -> node.put(key, value);
            default -> throw new ModelException(model + ": unknown sidecar field '" + key + "' in an override; the fields are " + FIELDS);
        }
    }

    public ModelSpec validated(String where) {
        if (inputSize == null || inputSize.size() != 2 || inputSize.get(0) <= 0 || inputSize.get(1) <= 0)
            throw new ModelException(where + ": inputSize must be [H, W] with positive sizes");
        if (!layout.equals("NCHW") && !layout.equals("NHWC"))
            throw new ModelException(where + ": layout must be NCHW or NHWC, not " + layout);
        if (!channelOrder.equals("RGB") && !channelOrder.equals("BGR"))
            throw new ModelException(where + ": channelOrder must be RGB or BGR, not " + channelOrder);
        if (mean.size() != 3 || std.size() != 3)
            throw new ModelException(where + ": mean and std need 3 values (one per channel)");
        if (std.stream().anyMatch(s -> s == 0))
            throw new ModelException(where + ": std values must be non-zero");
        if (!outputKind.equals("logits") && !outputKind.equals("probabilities"))
            throw new ModelException(where + ": outputKind must be logits or probabilities, not " + outputKind);
        return this;
    }

    public ModelSpec withClasses(List<String> names) {
        return new ModelSpec(inputSize, layout, channelOrder, pixelScale, mean, std, names, outputKind, inputName, outputName, featureOutput);
    }

    public ModelSpec withOutputName(String name) {
        return new ModelSpec(inputSize, layout, channelOrder, pixelScale, mean, std, classes, outputKind, inputName, name, featureOutput);
    }

    public ModelSpec withFeatureOutput(String name) {
        return new ModelSpec(inputSize, layout, channelOrder, pixelScale, mean, std, classes, outputKind, inputName, outputName, name);
    }

    public String toJson() {
        try { return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this); }
        catch (IOException e) { throw new IllegalStateException(e); }
    }
}
