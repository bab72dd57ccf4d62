package cn.dongli.carbonmap.sample;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The generated data sets the tests share, generated once per test run (and timed). */
final class GeneratedSets {

    private static final Map<String, SyntheticDistrict> SETS = new ConcurrentHashMap<>();

    private GeneratedSets() {
    }

    /** The committed sample: default seed, scale 0.1. */
    static SyntheticDistrict sample() {
        return get(DistrictGenerator.DEFAULT_SEED, DistrictGenerator.SAMPLE_SCALE);
    }

    /** The default seed at scale 1. */
    static SyntheticDistrict full() {
        return get(DistrictGenerator.DEFAULT_SEED, 1);
    }

    static synchronized SyntheticDistrict get(long seed, double scale) {
        String key = seed + "@" + scale;
        SyntheticDistrict d = SETS.get(key);
        if (d == null) {
            long start = System.nanoTime();
            d = DistrictGenerator.generate(seed, scale);
            System.out.printf(Locale.ROOT, "generated seed %d scale %s in %.2f s: %s%n", seed, scale,
                    (System.nanoTime() - start) / 1e9, d.layers().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().size()).toList());
            SETS.put(key, d);
        }
        return d;
    }
}
