package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * Generates an original, synthetic but plausible Dongli District (东丽区) with all seven CarbonMap layers, for the sample
 * data set, tests and benchmarks.
 *
 * <p>Real boundary files of Dongli carry no open licence, so nothing here is copied: the outline, streets, zones,
 * rivers and roads are an invented design placed roughly where the real ones are (see {@link Landscape}), and the
 * rest is drawn from a seed. The same seed and scale always give the same data set.
 *
 * <p>What the scale changes: land-cover polygons (about 20,000 × scale), forest plots (about 4,500 × scale) and
 * rooftops (about 36,000 × scale). What it does not change: the outline (about 474 km²), the ten streets, the zones,
 * the parks (40–60), the farmland projects (60–120), the total forest area and the total stock. The layers are tuned to
 * sit near the carbon-peak plan's 2025 targets, some met and some not, as CarbonMap's indicator engine measures them
 * by default (cropland counts as blue-green space, the stock target is taken over the barrier): blue-green share about
 * 63 % in the barrier (target 65 %) and 86–89 % in level 1 (85 %), forest cover in level 1 about 26 % (27.5 %), stock in
 * the barrier about 60,150 m³ (60,000 m³; about 61,500 m³ in the district), accepted high-standard farmland about
 * 2.35万亩 (2.7万亩), PV on 36–44 % of new public-institution and factory roofs (50 %). See {@link DistrictSummary}.
 *
 * <p>Instances are immutable; generation uses the common fork-join pool.
 */
public final class DistrictGenerator {

    /** The seed of the committed sample data set. */
    public static final long DEFAULT_SEED = 20230930L;
    /** The scale of the committed sample data set. */
    public static final double SAMPLE_SCALE = 0.1;

    private final long seed;
    private final double scale;

    /**
     * @param seed any value; equal seeds (and scales) give equal data sets
     * @param scale size of the fine-grained layers, 1 for about 20,000 land-cover polygons; 0.02 to 50
     * @throws IllegalArgumentException if the scale is out of range
     */
    public DistrictGenerator(long seed, double scale) {
        if (!(scale >= 0.02 && scale <= 50)) {
            throw new IllegalArgumentException("scale must lie between 0.02 and 50, got " + scale);
        }
        this.seed = seed;
        this.scale = scale;
    }

    /**
     * Generates the data set for a seed and scale.
     *
     * @throws IllegalArgumentException if the scale is out of range
     */
    public static SyntheticDistrict generate(long seed, double scale) {
        return new DistrictGenerator(seed, scale).generate();
    }

    /** Generates the data set. */
    public SyntheticDistrict generate() {
        Landscape land = Landscape.get();
        List<ParkBuilder.Park> parks = new ParkBuilder(land, seed).build();
        List<FarmlandBuilder.Project> farmland = new FarmlandBuilder(land, parks, seed).build();
        LandCover cover = new LandCover(land, parks, farmland, seed, scale);
        List<ForestPlotBuilder.Plot> plots = new ForestPlotBuilder(land, cover, seed, scale).build();
        List<RooftopBuilder.Roof> roofs = new RooftopBuilder(land, cover, seed, scale).build();

        Map<String, List<GeneratedFeature>> layers = new LinkedHashMap<>();
        List<GeneratedFeature> zones = new ArrayList<>();
        for (Landscape.Zone z : land.zones) {
            zones.add(feature(z.storage(), "code", z.code(), "name", z.name(), "zone_type", z.type(),
                    "level", z.level()));
        }
        layers.put(SyntheticDistrict.ZONES, zones);

        List<GeneratedFeature> streets = new ArrayList<>();
        for (Landscape.Street s : land.streets) {
            streets.add(feature(s.storage(), "code", s.code(), "name", s.name()));
        }
        layers.put(SyntheticDistrict.STREETS, streets);

        List<GeneratedFeature> landCover = new ArrayList<>(cover.pieces.size());
        for (LandCover.Piece p : cover.pieces) {
            landCover.add(feature(p.storage, "class", p.className(), "source_code", p.sourceCode));
        }
        layers.put(SyntheticDistrict.LAND_COVER, landCover);

        List<GeneratedFeature> forest = new ArrayList<>(plots.size());
        int width = Math.max(4, Integer.toString(plots.size()).length());
        for (int i = 0; i < plots.size(); i++) {
            ForestPlotBuilder.Plot p = plots.get(i);
            forest.add(feature(p.storage(), "plot_code", String.format(Locale.ROOT, "DL-%0" + width + "d", i + 1),
                    "species", p.species(), "canopy_closure", p.canopy(), "planted_year", p.plantedYear(),
                    "stock_m3", p.stock(), "survey_date", p.surveyDate()));
        }
        layers.put(SyntheticDistrict.FOREST_PLOTS, forest);

        List<GeneratedFeature> parkFeatures = new ArrayList<>();
        for (ParkBuilder.Park p : parks) {
            parkFeatures.add(feature(p.storage(), "name", p.name(), "status", p.status(), "year", p.year()));
        }
        layers.put(SyntheticDistrict.PARKS, parkFeatures);

        List<GeneratedFeature> farms = new ArrayList<>();
        for (FarmlandBuilder.Project f : farmland) {
            farms.add(feature(f.storage(), "project", f.project(), "status", f.status(), "year", f.year(),
                    "street", f.street()));
        }
        layers.put(SyntheticDistrict.FARMLAND, farms);

        List<GeneratedFeature> rooftops = new ArrayList<>(roofs.size());
        for (RooftopBuilder.Roof r : roofs) {
            rooftops.add(feature(r.storage(), "building_use", r.use(), "built_year", r.builtYear(),
                    "roof_area_m2", r.roofArea(), "pv_installed", r.pvInstalled(), "pv_area_m2", r.pvArea(),
                    "pv_capacity_kwp", r.capacity()));
        }
        layers.put(SyntheticDistrict.PV_ROOFTOPS, rooftops);

        return new SyntheticDistrict(seed, scale, (org.locationtech.jts.geom.Polygon) Plane.oriented(land.outline),
                layers);
    }

    /** A feature from a geometry and name/value pairs; null values are left out. */
    private static GeneratedFeature feature(Geometry g, Object... pairs) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                attributes.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return new GeneratedFeature(Plane.oriented(g), attributes);
    }
}
