package io.imacs.comparison;

import io.imacs.attribution.PathSteps;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One analysis option, declared once: its key, default, how its text is read, what values it accepts and a
 * one-line description. {@link AnalysisOptions} holds them all; the command line makes its flags from them
 * ({@code --} and the key in kebab case) and a Java caller sets them on {@link Comparison.Builder#opt}.
 *
 * @param <T> the value's type
 */
public final class AnalysisOption<T> {
    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String values;
    private final String description;
    private final Function<String, T> parser;
    private final Function<T, String> printer;
    private final Predicate<T> accepts;
    private final String requirement;

    private AnalysisOption(String key, Class<T> type, T defaultValue, String values, String description,
                           Function<String, T> parser, Function<T, String> printer, Predicate<T> accepts, String requirement) {
        this.key = key;
        this.type = type;
        this.values = values;
        this.description = description;
        this.parser = parser;
        this.printer = printer;
        this.accepts = accepts;
        this.requirement = requirement;
        this.defaultValue = defaultValue == null ? null : check(defaultValue);
    }

    /** An integer option with a lower bound. */
    static AnalysisOption<Integer> atLeast(String key, int defaultValue, int min, String label, String description) {
        return new AnalysisOption<>(key, Integer.class, defaultValue, label, description, Integer::valueOf, String::valueOf,
            v -> v >= min, "must be at least " + min);
    }

    static AnalysisOption<Long> anyLong(String key, long defaultValue, String label, String description) {
        return new AnalysisOption<>(key, Long.class, defaultValue, label, description, Long::valueOf, String::valueOf, v -> true, "");
    }

    /** A number in [min, max]. */
    static AnalysisOption<Double> between(String key, double defaultValue, double min, double max, String label, String description) {
        return new AnalysisOption<>(key, Double.class, defaultValue, label, description, Double::valueOf, AnalysisOption::number,
            v -> v >= min && v <= max, max == Double.MAX_VALUE ? "must be at least " + number(min) : "must be in [" + number(min) + ", " + number(max) + "]");
    }

    /** Path steps: a whole number of at least 1, or {@code auto}. */
    static AnalysisOption<PathSteps> pathSteps(String key, PathSteps defaultValue, String description) {
        return new AnalysisOption<>(key, PathSteps.class, defaultValue, "N|auto", description, PathSteps::parse, PathSteps::toString,
            v -> !(v instanceof PathSteps.Fixed f) || f.steps() >= 1, "must be at least 1 (or auto)");
    }

    /** A switch: off unless given. */
    static AnalysisOption<Boolean> flag(String key, String description) {
        return new AnalysisOption<>(key, Boolean.class, false, "", description, Boolean::valueOf, String::valueOf, v -> true, "");
    }

    /** One of an enum's constants, spelled in lower case with '-' for '_' ({@code xrai-gig}). */
    static <E extends Enum<E>> AnalysisOption<E> choice(String key, Class<E> type, E defaultValue, String description) {
        E[] all = type.getEnumConstants();
        String label = String.join("|", Arrays.stream(all).map(AnalysisOption::id).toList());
        return new AnalysisOption<>(key, type, defaultValue, label, description, text -> {
            for (E e : all) if (id(e).equalsIgnoreCase(text)) return e;
            throw new IllegalArgumentException(text);
        }, AnalysisOption::id, v -> true, "");
    }

    /** A working resolution HxW, or none (null): then model A's input size. */
    static AnalysisOption<ImageSize> imageSize(String key, String description) {
        return new AnalysisOption<>(key, ImageSize.class, null, "HxW", description, ImageSize::parse, ImageSize::toString, v -> true, "");
    }

    /** The option's spelling of an enum constant. */
    public static String id(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    private static String number(double v) { return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v); }

    public String key() { return key; }

    public Class<T> type() { return type; }

    /** The default, or null where there is none (the value then comes from elsewhere, e.g. a model's input size). */
    public T defaultValue() { return defaultValue; }

    /** What values look like: a placeholder ({@code N}) or the choices ({@code blur|mean|grey|noise}). */
    public String values() { return values; }

    /** One line on what the option does; other options are named by key in backquotes. */
    public String description() { return description; }

    public boolean isFlag() { return type == Boolean.class; }

    /** The value as the option's text: what {@link #parse} reads back. */
    public String format(T value) { return value == null ? null : printer.apply(value); }

    public String defaultText() { return format(defaultValue); }

    /** Reads and checks a value given as text. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new OptionException(key, "`" + key + "` " + text + ": expected " + expected());
        }
        return check(value);
    }

    /** What a value must look like, in words: the choices, or the kind of number (not the placeholder: "expected S"). */
    private String expected() {
        if (type == PathSteps.class) return "a whole number or auto";
        if (values.contains("|")) return values.replace("|", ", ");
        if (type == Integer.class || type == Long.class) return "a whole number";
        if (type == Double.class) return "a number";
        if (type == ImageSize.class) return "HxW, two whole numbers of pixels above 0, e.g. 224x224";
        return values;
    }

    /** The value, if the option accepts it; otherwise an {@link OptionException} naming the option. */
    public T check(T value) {
        Objects.requireNonNull(value, key);
        if (!type.isInstance(value)) throw new OptionException(key, "`" + key + "` takes a " + type.getSimpleName() + ", got " + value);
        if (!accepts.test(value)) throw new OptionException(key, "`" + key + "` " + requirement + ", got " + format(value));
        return value;
    }

    @Override public String toString() { return key; }
}
