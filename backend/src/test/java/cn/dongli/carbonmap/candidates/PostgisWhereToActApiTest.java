package cn.dongli.carbonmap.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.support.StorageProfile;
import tools.jackson.databind.JsonNode;

/**
 * Candidate sites and rooftop PV potential on PostGIS, and the area each candidate adds cross-checked against PostGIS
 * on the synthetic district for the three indicators: {@code geography} {@code ST_Area} of the candidate's
 * intersection with the unit less the {@code ST_Union} of what already counts there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisWhereToActApiTest extends WhereToActApiContract {

    /**
     * Within 1e-4 of PostGIS, or 1 m². PostGIS's edges are geodesics, the engine's straight in the equal-area plane.
     * Over a whole unit the offsets of shared edges cancel (unit figures agree to 6e-7, see the engine cross-check);
     * one polygon keeps its own: a synthetic parcel with edges kilometres long, or one a unit's long boundary edge
     * cuts, differed by up to 3.3e-5 in the runs made while writing this test (29 m² of 1.27 km²).
     */
    private static final double RELATIVE = 1e-4;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }

    private static final String ADDED = """
            WITH u AS (%s),
            c AS (SELECT geom FROM %s WHERE id = ?),
            counted AS (
              SELECT ST_Union(x.geom) AS geom FROM (%s) x
              WHERE x.geom && (SELECT geom FROM c) AND ST_Intersects(x.geom, (SELECT geom FROM c))
            )
            SELECT COALESCE(ST_Area(ST_Difference(ST_Intersection((SELECT geom FROM c), (SELECT geom FROM u)),
                   COALESCE((SELECT geom FROM counted), 'SRID=4490;POLYGON EMPTY'::geometry))::geography), 0)
            """;
    private static final String BLUE_GREEN = """
            SELECT geom FROM land_cover WHERE cover_class IN ('forest', 'cropland', 'orchard', 'grassland', 'water',
              'wetland', 'park_green')
            UNION ALL SELECT geom FROM forest_plots
            UNION ALL SELECT geom FROM parks WHERE status = 'built'
            UNION ALL SELECT geom FROM farmland""";
    private static final String PLOTS_AND_FARMLAND = """
            SELECT geom FROM forest_plots UNION ALL SELECT geom FROM farmland""";
    private static final String FOREST_AND_FARMLAND = """
            SELECT geom FROM forest_plots WHERE canopy_closure >= 0.2 UNION ALL SELECT geom FROM farmland""";
    private static final String FARMLAND = "SELECT geom FROM farmland";
    private static final String BUILT_FARMLAND = "SELECT geom FROM farmland WHERE status = 'accepted'";

    @Test
    void theAreaEachCandidateAddsAgreesWithPostgisOnTheSyntheticDistrict() {
        // the streets first: the other layers are checked against the district they make
        List<Layer> order = new ArrayList<>(catalog.all());
        order.sort(java.util.Comparator.comparing((Layer l) -> !l.name().equals("streets")));
        for (Layer layer : order) {
            List<SourceFeature> features = new ArrayList<>();
            for (GeneratedFeature g : DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, 0.05)
                    .features(layer.name())) {
                features.add(SourceFeature.of(features.size(), g.geometry(), new HashMap<>(g.attributes())));
            }
            importer.importDataset(layer, new SourceDataset(features,
                    new cn.dongli.carbonmap.geom.Crs.Code(4490, false), "generated"), true);
        }
        String level1 = "SELECT ST_Union(geom) AS geom FROM zones WHERE zone_type = 'control_level' AND level = 1";
        String street = jdbc.queryForObject("SELECT code FROM streets ORDER BY code LIMIT 1", String.class);
        String streetSql = "SELECT geom FROM streets WHERE code = '" + street + "'";
        int checked = 0;
        for (String[] q : new String[][] {{"level", "L1", "blueGreenShare", level1},
                {"level", "L1", "forestCover", level1}, {"street", street, "blueGreenShare", streetSql},
                {"street", street, "forestCover", streetSql}, {"level", "L1", "farmlandMu", level1},
                {"street", street, "farmlandMu", streetSql}}) {
            JsonNode a = anonymous.get("/api/candidates?unit=" + q[0] + "&code=" + q[1] + "&indicator=" + q[2]
                    + "&limit=15").json();
            assertThat(a.get("candidates").size()).as(String.join(" ", q)).isPositive();
            for (JsonNode c : a.get("candidates")) {
                String layer = c.get("layer").asString();
                String counted = switch (q[2]) {
                    case "blueGreenShare" -> BLUE_GREEN;
                    case "farmlandMu" -> layer.equals("land_cover") ? FARMLAND : BUILT_FARMLAND;
                    default -> layer.equals("land_cover") ? PLOTS_AND_FARMLAND : FOREST_AND_FARMLAND;
                };
                double postgis = jdbc.queryForObject(ADDED.formatted(q[3], layer, counted), Double.class,
                        c.get("id").asLong());
                double engine = c.get("addedM2").asDouble();
                assertThat(engine).as("%s %s %s: %s %d", q[0], q[1], q[2], layer, c.get("id").asLong())
                        .isCloseTo(postgis, within(Math.max(1.0, RELATIVE * postgis)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }
}
