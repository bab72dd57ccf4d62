package cn.dongli.carbonmap.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sample's past survey seasons, worked out backwards from the generated plots. */
class SampleSeasonsTest {

    private static Map<String, Map<String, Object>> byCode(List<GeneratedFeature> plots) {
        Map<String, Map<String, Object>> m = new HashMap<>();
        plots.forEach(f -> m.put((String) f.attributes().get("plot_code"), f.attributes()));
        return m;
    }

    private static double number(Map<String, Object> a, String name) {
        return ((Number) a.get(name)).doubleValue();
    }

    @Test
    void twoClosedPastSeasonsAndTheOpenOneWithGainLossAndGrowth() {
        SyntheticDistrict sample = GeneratedSets.sample();
        List<SampleSeasons.Season> seasons = SampleSeasons.of(sample);
        assertEquals(List.of("2023", "2024", "2025"), seasons.stream().map(SampleSeasons.Season::code).toList());
        assertEquals(List.of(true, true, false), seasons.stream().map(SampleSeasons.Season::closed).toList());
        assertEquals(seasons, SampleSeasons.of(sample), "the same plots give the same seasons");

        List<GeneratedFeature> now = sample.features(SyntheticDistrict.FOREST_PLOTS);
        Map<String, Map<String, Object>> s2023 = byCode(seasons.get(0).plots());
        Map<String, Map<String, Object>> s2024 = byCode(seasons.get(1).plots());
        assertEquals(now.size(), s2024.size(), "every plot of today was there in 2024");
        int gained = 0;
        int lost = 0;
        int canopyMoved = 0;
        double stock2023 = 0;
        double stock2024 = 0;
        for (GeneratedFeature f : now) {
            String code = (String) f.attributes().get("plot_code");
            Map<String, Object> b = s2024.get(code);
            assertTrue(number(b, "stock_m3") <= number(f.attributes(), "stock_m3"), code + " grew from 2024 to now");
            Map<String, Object> a = s2023.get(code);
            int planted = (Integer) f.attributes().get("planted_year");
            assertEquals(planted == 2023, a == null, code + " is in the 2023 survey unless planted in 2023");
            if (a == null) {
                gained++;
                continue;
            }
            stock2023 += number(a, "stock_m3");
            stock2024 += number(b, "stock_m3");
            lost += number(a, "canopy_closure") >= 0.2 && number(b, "canopy_closure") < 0.2 ? 1 : 0;
            canopyMoved += Math.abs(number(a, "canopy_closure") - number(b, "canopy_closure")) > 0.1 ? 1 : 0;
            assertEquals(f.geometry(), seasons.get(0).plots().stream().filter(p -> code.equals(
                    p.attributes().get("plot_code"))).findFirst().orElseThrow().geometry(), code + "'s shape");
        }
        assertTrue(gained > 20, "plots planted in 2023: " + gained);
        assertTrue(lost > 5, "forest lost between 2023 and 2024: " + lost);
        assertTrue(canopyMoved > lost, "canopy changes beyond 0.1: " + canopyMoved);
        assertTrue(stock2024 > stock2023 * 1.02 && stock2024 < stock2023 * 1.2,
                "the stock of the plots in both grew plausibly: " + stock2023 + " → " + stock2024);
        assertFalse(seasons.get(0).plots().isEmpty());
    }
}
