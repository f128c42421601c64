package io.imacs.cli;

import io.imacs.comparison.Analysis;
import io.imacs.comparison.AnalysisOption;
import io.imacs.comparison.AnalysisOptions;
import io.imacs.comparison.OptionException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The analysis options as flags: one picocli option per {@link AnalysisOption} declaration, with its default,
 * accepted values and description, so no command writes a default of its own. A command that offers them
 * implements {@link Offered} and names {@link Binder} as its {@code modelTransformer}.
 */
final class AnalysisFlags {
    private final List<AnalysisOption<?>> offered;
    private Analysis analysis = Analysis.defaults();

    /** All analysis options (compare, bench, demo). */
    AnalysisFlags() { this(AnalysisOptions.ALL); }

    /** Some of them (attribute: the ones that mean the same there). */
    AnalysisFlags(List<AnalysisOption<?>> offered) { this.offered = List.copyOf(offered); }

    /** The values parsed from the command line, defaults for the rest. */
    Analysis analysis() { return analysis; }

    /** Changes one value after parsing (bench's unbatched run). */
    <T> void set(AnalysisOption<T> option, T value) { analysis = analysis.with(option, value); }

    void addTo(CommandSpec spec) {
        for (AnalysisOption<?> o : offered) spec.addOption(optionSpec(o));
    }

    private OptionSpec optionSpec(AnalysisOption<?> o) {
        String description = OptionFlags.render(o.description()) + (o.isFlag() || o.defaultValue() == null ? "" : " (default: ${DEFAULT-VALUE})");
        OptionSpec.Builder b = OptionSpec.builder(OptionFlags.flag(o)).description(description);
        if (o.isFlag()) b.arity("0").type(boolean.class);
        else b.type(String.class).paramLabel(o.values()).defaultValue(o.defaultText())
            .converters(text -> {
                try {
                    o.parse(text);
                    return text;
                } catch (OptionException e) {
                    // picocli says "Invalid value for option '--clusters': " before this, so the flag is not repeated
                    String shown = OptionFlags.render(e.getMessage()), flag = OptionFlags.flag(o) + " ";
                    throw new CommandLine.TypeConversionException(shown.startsWith(flag) ? shown.substring(flag.length()) : shown);
                }
            });
        return b.setter(new CommandLine.Model.ISetter() {
            @Override public <T> T set(T value) {
                if (value != null) analysis = analysis.withText(o, String.valueOf(value));
                return null;
            }
        }).build();
    }

    /** A command with analysis flags. */
    interface Offered {
        AnalysisFlags analysisFlags();
    }

    /** Adds the flags of an {@link Offered} command to its picocli model as picocli builds it. */
    static final class Binder implements CommandLine.IModelTransformer {
        @Override public CommandSpec transform(CommandSpec spec) {
            if (spec.userObject() instanceof Offered c) c.analysisFlags().addTo(spec);
            return spec;
        }
    }
}
