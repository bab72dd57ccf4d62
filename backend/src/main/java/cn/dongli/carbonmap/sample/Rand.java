package cn.dongli.carbonmap.sample;

import java.util.SplittableRandom;

/**
 * Deterministic randomness: hashed values for things indexed by position (so that cells can be generated in any order
 * and on any number of threads with the same result), and seeded sequences for things placed one after another.
 *
 * <p>Only integer arithmetic and {@link StrictMath} are used, so the values are the same on every JVM.
 */
final class Rand {

    private Rand() {
    }

    /** The SplitMix64 finaliser: a well-mixed 64-bit value of a 64-bit input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A hash of a seed and some indexes. */
    static long hash(long seed, long a, long b, long c) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        h = mix(h ^ (a * 0xd1b54a32d192ed03L));
        h = mix(h ^ (b * 0xaef17502108ef2d9L));
        return mix(h ^ (c * 0xf58476d1ce4e5b9bL));
    }

    /** A uniform value in [0, 1) for a seed and some indexes. */
    static double unit(long seed, long a, long b, long c) {
        return (hash(seed, a, b, c) >>> 11) * 0x1.0p-53;
    }

    /** A seeded sequence for one purpose of the generator. */
    static SplittableRandom stream(long seed, long purpose) {
        return new SplittableRandom(hash(seed, purpose, 0x5eed, 0));
    }

    /** A uniform value in [lo, hi). */
    static double between(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** A normally distributed value (Box-Muller, StrictMath). */
    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    /** An index drawn with probability proportional to the weights. */
    static int pick(double[] weights, double u) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = u * total;
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (target < sum) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Smooth value noise in about [-1, 1]: three octaves of hashed lattice values with quintic interpolation.
     *
     * @param seed the noise field's seed
     * @param x position in km
     * @param y position in km
     * @param wavelength the largest feature size in km
     */
    static double noise(long seed, double x, double y, double wavelength) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        double f = 1 / wavelength;
        for (int octave = 0; octave < 3; octave++) {
            sum += amplitude * valueNoise(seed + octave * 7919L, x * f, y * f);
            norm += amplitude;
            amplitude *= 0.5;
            f *= 2.03;
        }
        return sum / norm;
    }

    private static double valueNoise(long seed, double x, double y) {
        double fx = StrictMath.floor(x);
        double fy = StrictMath.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double v00 = lattice(seed, ix, iy);
        double v10 = lattice(seed, ix + 1, iy);
        double v01 = lattice(seed, ix, iy + 1);
        double v11 = lattice(seed, ix + 1, iy + 1);
        double a = v00 + (v10 - v00) * tx;
        double b = v01 + (v11 - v01) * tx;
        return a + (b - a) * ty;
    }

    private static double lattice(long seed, long ix, long iy) {
        return 2 * unit(seed, ix, iy, 0x4e015e) - 1;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }
}
