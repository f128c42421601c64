package io.imacs.spark;

import io.imacs.cli.ImacsCommand;
import io.imacs.cli.ScaleOut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of imacs-spark.jar: the imacs command, with compare able to run {@code --spark}. Under
 * {@code spark-submit --master M ... imacs-spark.jar compare ...}, compare runs on M without repeating it.
 */
public final class SparkCompare {
    private SparkCompare() {}

    public static void main(String[] args) {
        ImacsCommand.main(withMaster(args, System.getProperty("spark.master")));
    }

    /** {@code args}, with the master flag added to a compare that names no master (spark-submit sets spark.master). */
    static String[] withMaster(String[] args, String master) {
        if (master == null || args.length == 0 || !args[0].equals("compare")
            || Arrays.stream(args).anyMatch(a -> a.equals(ScaleOut.FLAG) || a.startsWith(ScaleOut.FLAG + "="))) return args;
        List<String> out = new ArrayList<>(List.of(args));
        out.add(ScaleOut.FLAG);
        out.add(master);
        return out.toArray(new String[0]);
    }
}
