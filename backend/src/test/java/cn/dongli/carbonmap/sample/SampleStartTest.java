package cn.dongli.carbonmap.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The first start on an empty embedded database with the sample data, as the README's start command does it: the
 * layers, and the survey seasons — 2023 and 2024 closed with their own plots, 2025 open on the live layer — so that
 * season indicators, the time series and the change between seasons have something to show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleStartTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("carbonmap-sample-start-").toString();
        registry.add("carbonmap.data-dir", () -> dir);
        registry.add("carbonmap.load-sample", () -> "true");
        registry.add("CARBONMAP_ADMIN_PASSWORD", () -> HttpApi.ADMIN_PASSWORD);
    }

    @Test
    void theSampleStartsWithTwoClosedSeasonsAndAnOpenOne() {
        HttpApi api = new HttpApi(port);
        JsonNode seasons = api.get("/api/seasons").json();
        List<String> listed = new ArrayList<>();
        seasons.forEach(s -> listed.add(s.get("code").asString() + " " + s.get("name").asString() + " "
                + s.get("state").asString()));
        assertThat(listed).containsExactly("2023 2023年秋季调查 closed", "2024 2024年秋季调查 closed",
                "2025 2025年秋季调查 open");

        assertThat(api.get("/api/seasons/2025/progress").json().get("plots").asInt()).isEqualTo(419);
        assertThat(api.get("/api/seasons/2023/plots").json().size()).isEqualTo(369);

        // the district's series: both past seasons and today, the stock growing
        String district = null;
        for (JsonNode u : api.get("/api/metrics?unit=district").json()) {
            district = "district".equals(u.get("unit").asString()) ? u.get("code").asString() : district;
        }
        JsonNode series = api.get("/api/seasons/series?unit=district&code=" + district).json();
        assertThat(series.size()).as(series.toString()).isEqualTo(3);
        assertThat(series.get(0).get("season").asString()).isEqualTo("2023");
        assertThat(series.get(1).get("season").asString()).isEqualTo("2024");
        double s2023 = series.get(0).get("forestStockM3").asDouble();
        double s2024 = series.get(1).get("forestStockM3").asDouble();
        double now = series.get(2).get("forestStockM3").asDouble();
        assertThat(s2023).isPositive().isLessThan(s2024);
        assertThat(s2024).isLessThan(now);
        assertThat(series.get(1).get("sequestrationTPerYear").asDouble()).isPositive();
        double district2023 = 0;
        for (JsonNode u : api.get("/api/metrics?unit=district&season=2023").json()) {
            district2023 = "district".equals(u.get("unit").asString()) ? u.get("forestStockM3").asDouble() : district2023;
        }
        assertThat(district2023).isEqualTo(s2023);

        // the change from 2023 to 2024: forest gained (plots planted in 2023) and lost (thinned), plots that moved
        JsonNode change = api.get("/api/seasons/change?from=2023&to=2024&unit=district").json();
        assertThat(change.get("gained").get("features").size()).isPositive();
        assertThat(change.get("lost").get("features").size()).isPositive();
        assertThat(change.get("units").get(0).get("gainedM2").asDouble())
                .isGreaterThan(change.get("units").get(0).get("lostM2").asDouble());
        assertThat(change.get("changedPlots").size()).isGreaterThan(50);
    }
}
