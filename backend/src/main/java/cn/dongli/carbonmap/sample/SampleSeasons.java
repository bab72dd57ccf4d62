package cn.dongli.carbonmap.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey seasons (调查季) of the sample data set: two past autumn surveys of the forest plots, 2023 and 2024, both
 * closed, and the 2025 survey, open, whose working copy is the live layer as generated.
 *
 * <p>The past plots are the generated plots as they were, worked out backwards from today's: the same shapes and
 * codes, a smaller stock (young stands grow by up to about a tenth a year, older ones by a few per cent) and a canopy
 * a little more open. On top of that, so that the change between the two past seasons has every kind of case:
 * <ul>
 *   <li>plots planted in 2023 are absent from the 2023 survey (forest gained, 新造林);</li>
 *   <li>about half of the older plots that are sparse today (canopy closure below 0.2) were forest in 2023 with a
 *       denser canopy and more stock, thinned or damaged before the 2024 survey (forest lost, 疏伐/受损);</li>
 *   <li>a few young plots closed their canopy by more than 0.1 between the two surveys.</li>
 * </ul>
 * Deterministic: the same generated plots give the same seasons. Plain JDK, like the generator.
 */
final class SampleSeasons {

    /** The open season whose working copy is the live layer. */
    static final Season OPEN = new Season("2025", "2025年秋季调查", LocalDate.of(2025, 10, 17), false, List.of());

    /**
     * One season.
     *
     * @param code the season's code ({@code 2023})
     * @param name its name (2023年秋季调查)
     * @param surveyDate the day the survey ended
     * @param closed whether it is closed (frozen, with {@code plots}) or open (the live layer is its working copy)
     * @param plots the forest plots as surveyed, for a closed season
     */
    record Season(String code, String name, LocalDate surveyDate, boolean closed, List<GeneratedFeature> plots) {

        /** The file of its plots in the data set ({@code forest_plots.2023.geojson}). */
        String file() {
            return SyntheticDistrict.FOREST_PLOTS + "." + code + ".geojson";
        }
    }

    /** What the past plots are, purpose codes of the deterministic randomness. */
    private static final long GROWTH = 71, CANOPY = 72, LOST = 73, CLOSING = 74, DATE = 75;

    private SampleSeasons() {
    }

    /** The seasons of a generated data set, oldest first: 2023 and 2024 (closed), then 2025 (open). */
    static List<Season> of(SyntheticDistrict district) {
        List<GeneratedFeature> now = district.features(SyntheticDistrict.FOREST_PLOTS);
        long seed = district.seed();
        List<GeneratedFeature> plots2024 = new ArrayList<>();
        List<GeneratedFeature> plots2023 = new ArrayList<>();
        LocalDate end2024 = LocalDate.of(2024, 10, 18);
        LocalDate end2023 = LocalDate.of(2023, 10, 20);
        for (int i = 0; i < now.size(); i++) {
            GeneratedFeature f = now.get(i);
            Map<String, Object> a = f.attributes();
            int planted = a.get("planted_year") instanceof Integer y ? y : 2015;
            double stock = ((Number) a.get("stock_m3")).doubleValue();
            double canopy = ((Number) a.get("canopy_closure")).doubleValue();

            // a year of growth, backwards: young stands add up to ~10 % of their stock a year, old ones a few per cent
            double stock2024 = stock / (1 + growth(seed, i, 0, planted, 2025));
            double canopy2024 = opener(seed, i, 0, canopy);
            if (planted <= 2024) {
                plots2024.add(plot(f, stock2024, canopy2024, surveyDay(seed, i, 2024, end2024)));
            }
            if (planted > 2022) {
                continue; // planted in 2023: not yet in the 2023 survey (forest gained)
            }
            double stock2023 = stock2024 / (1 + growth(seed, i, 1, planted, 2024));
            double canopy2023 = opener(seed, i, 1, canopy2024);
            if (canopy < 0.2 && planted <= 2021 && Rand.unit(seed, i, LOST, 0) < 0.5) {
                // forest in 2023, thinned or damaged before 2024: denser canopy, more stock (forest lost)
                canopy2023 = round2(0.28 + 0.17 * Rand.unit(seed, i, LOST, 1));
                stock2023 = stock2024 * (1.3 + 0.3 * Rand.unit(seed, i, LOST, 2));
            } else if (canopy >= 0.3 && planted >= 2019 && Rand.unit(seed, i, CLOSING, 0) < 0.05) {
                // a young stand closing its canopy
                canopy2023 = round2(Math.max(0.1, canopy2024 - 0.12 - 0.06 * Rand.unit(seed, i, CLOSING, 1)));
            }
            plots2023.add(plot(f, stock2023, canopy2023, surveyDay(seed, i, 2023, end2023)));
        }
        return List.of(new Season("2023", "2023年秋季调查", end2023, true, plots2023),
                new Season("2024", "2024年秋季调查", end2024, true, plots2024), OPEN);
    }

    /** The relative growth of a plot's stock in the year before {@code year}. */
    private static double growth(long seed, int plot, int step, int planted, int year) {
        double age = Math.max(1, year - planted);
        double base = Math.max(0.03, Math.min(0.085, 0.5 / age));
        return base * (0.8 + 0.45 * Rand.unit(seed, plot, GROWTH, step));
    }

    /** The canopy closure a year earlier: the same or up to 0.02 more open. */
    private static double opener(long seed, int plot, int step, double canopy) {
        double less = Math.floor(3 * Rand.unit(seed, plot, CANOPY, step)) / 100;
        return round2(Math.max(0.1, canopy - less));
    }

    private static LocalDate surveyDay(long seed, int plot, int year, LocalDate end) {
        LocalDate start = LocalDate.of(year, 5, 1);
        long days = end.toEpochDay() - start.toEpochDay();
        return start.plusDays((long) (Rand.unit(seed, plot, DATE, year) * days));
    }

    private static GeneratedFeature plot(GeneratedFeature now, double stock, double canopy, LocalDate surveyed) {
        Map<String, Object> a = new LinkedHashMap<>(now.attributes());
        a.put("canopy_closure", canopy);
        a.put("stock_m3", Math.round(stock * 10) / 10.0);
        a.put("survey_date", surveyed);
        return new GeneratedFeature(now.geometry(), a);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
