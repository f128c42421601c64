package io.imacs.cli;

import io.imacs.comparison.AnalysisOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's names for option keys. Core names options by key in backquotes ({@code `clusters`}); here
 * each key becomes its flag: {@code --} and the key in kebab case, except where the command line spells it otherwise.
 */
final class OptionFlags {
    private OptionFlags() {}

    /** Keys whose flag is not their kebab case. */
    private static final Map<String, String> SPELLED = Map.of("targetClass", "--class", "onnxTwins", "--no-onnx-twin",
        "filters", "--filter", "outputDir", "--out");
    private static final Pattern KEY = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");

    static String flag(String key) {
        String spelled = SPELLED.get(key);
        return spelled != null ? spelled : "--" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String flag(AnalysisOption<?> option) { return flag(option.key()); }

    /** A message from core with every {@code `key`} replaced by its flag. */
    static String render(String message) {
        if (message == null) return null;
        Matcher m = KEY.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(flag(m.group(1))));
        return m.appendTail(b).toString();
    }
}
