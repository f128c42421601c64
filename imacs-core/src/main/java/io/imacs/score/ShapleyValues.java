package io.imacs.score;

/**
 * Shapley values of one game, per scored class and player.
 *
 * @param values        [class][player]
 * @param standardError [class][player]; zeros for exact enumeration
 * @param full          v(all players shown) per class
 * @param empty         v(no player shown) per class
 * @param evaluations   model outputs computed for this game
 */
public record ShapleyValues(double[][] values, double[][] standardError, double[] full, double[] empty, int evaluations) {

    /** Largest |sum(phi) - (v(all) - v(none))| over classes: 0 up to rounding for exact Shapley. */
    public double efficiencyGap() {
        double worst = 0;
        for (int c = 0; c < values.length; c++) {
            double s = 0;
            for (double v : values[c]) s += v;
            worst = Math.max(worst, Math.abs(s - (full[c] - empty[c])));
        }
        return worst;
    }
}
