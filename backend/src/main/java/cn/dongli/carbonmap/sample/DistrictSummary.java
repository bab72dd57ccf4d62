package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The plan's indicators measured on a generated data set, the way a reader of the files would measure them: areas on
 * the CGCS2000 ellipsoid (in the equal-area plane of {@link cn.dongli.carbonmap.geom.EqualAreaProjection#DONGLI}),
 * zones taken from the zones layer.
 *
 * <p>The definitions are the defaults of CarbonMap's indicator engine ({@code metrics.MetricsDefinitions}, which this
 * package does not import): blue-green space (蓝绿空间) is the land-cover classes forest, cropland, orchard, grassland,
 * water, wetland and park_green, plus ({@code blueGreen*AllLayers}) every forest plot, built parks and farmland
 * projects of any status; forest is a plot with a canopy closure of at least 0.2; the stock target is measured over
 * the barrier; high-standard farmland counts when accepted; PV counts on public-institution and factory roofs built in
 * 2022 or later.
 *
 * @param counts features per layer
 * @param districtKm2 area of the district outline
 * @param barrierKm2 area of the ecological barrier (the three control levels)
 * @param level1Km2 area of the level-1 zone (一级管控区)
 * @param blueGreenBarrier blue-green share of the barrier, land cover alone (0–1)
 * @param blueGreenLevel1 blue-green share of level 1, land cover alone
 * @param blueGreenBarrierAllLayers blue-green share of the barrier with forest plots, built parks and farmland
 * @param blueGreenLevel1AllLayers the same for level 1
 * @param forestAreaHa total area of forest plots
 * @param forestCoverLevel1 share of level 1 under plots with canopy closure ≥ 0.2 (森林覆盖率)
 * @param forestStockM3 total stock of the plots (森林蓄积量)
 * @param forestStockBarrierM3 stock of the plots in the barrier, each plot's stock shared by area
 * @param acceptedFarmlandMu area of accepted high-standard farmland, 亩
 * @param farmlandByStatus farmland projects per status
 * @param parksByStatus parks per status
 * @param newPvEligible rooftops of public institutions and factories built in 2022 or later
 * @param newPvInstalled of those, the ones with PV
 * @param pvInstalled all rooftops with PV
 * @param pvCapacityKwp installed capacity of all rooftops
 */
public record DistrictSummary(Map<String, Integer> counts, double districtKm2, double barrierKm2, double level1Km2,
                              double blueGreenBarrier, double blueGreenLevel1, double blueGreenBarrierAllLayers,
                              double blueGreenLevel1AllLayers, double forestAreaHa, double forestCoverLevel1,
                              double forestStockM3, double forestStockBarrierM3, double acceptedFarmlandMu, Map<String, Integer> farmlandByStatus,
                              Map<String, Integer> parksByStatus, int newPvEligible, int newPvInstalled,
                              int pvInstalled, double pvCapacityKwp) {

    /** The land-cover classes counted as blue-green space (the engine's default). */
    public static final Set<String> BLUE_GREEN_CLASSES = Set.of("forest", "cropland", "orchard", "grassland", "water",
            "wetland", "park_green");
    /** 1 亩 in m². */
    public static final double MU_M2 = 10000.0 / 15;

    /** Measures a data set. */
    public static DistrictSummary of(SyntheticDistrict d) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String layer : SyntheticDistrict.LAYERS) {
            counts.put(layer, d.count(layer));
        }
        List<Geometry> levels = new ArrayList<>();
        Geometry level1 = null;
        for (GeneratedFeature z : d.features(SyntheticDistrict.ZONES)) {
            if ("control_level".equals(z.attributes().get("zone_type"))) {
                Geometry g = Plane.toPlanar(z.geometry());
                levels.add(g);
                if (Integer.valueOf(1).equals(z.attributes().get("level"))) {
                    level1 = g;
                }
            }
        }
        if (level1 == null) {
            throw new IllegalArgumentException("the data set has no level-1 zone");
        }
        Geometry barrier = UnaryUnionOp.union(levels);
        Zone b = new Zone(barrier);
        Zone l1 = new Zone(level1);

        List<Geometry> extras = new ArrayList<>();
        for (GeneratedFeature p : d.features(SyntheticDistrict.PARKS)) {
            if ("built".equals(p.attributes().get("status"))) {
                extras.add(Plane.toPlanar(p.geometry()));
            }
        }
        double acceptedMu = 0;
        Map<String, Integer> farmland = new LinkedHashMap<>();
        for (GeneratedFeature f : d.features(SyntheticDistrict.FARMLAND)) {
            String status = (String) f.attributes().get("status");
            farmland.merge(status, 1, Integer::sum);
            Geometry g = Plane.toPlanar(f.geometry());
            extras.add(g);
            if ("accepted".equals(status)) {
                acceptedMu += g.getArea() / MU_M2;
            }
        }
        double forestM2 = 0;
        double stock = 0;
        double stockBarrier = 0;
        double cover = 0;
        for (GeneratedFeature f : d.features(SyntheticDistrict.FOREST_PLOTS)) {
            Geometry g = Plane.toPlanar(f.geometry());
            extras.add(g);
            forestM2 += g.getArea();
            double plotStock = (Double) f.attributes().get("stock_m3");
            stock += plotStock;
            stockBarrier += plotStock * b.overlap(g) / g.getArea();
            if ((Double) f.attributes().get("canopy_closure") >= 0.2) {
                cover += l1.overlap(g);
            }
        }
        STRtree extraIndex = new STRtree();
        for (Geometry g : extras) {
            extraIndex.insert(g.getEnvelopeInternal(), g);
        }

        double[] bg = new double[4]; // barrier, level 1; with the other layers: barrier, level 1
        for (GeneratedFeature f : d.features(SyntheticDistrict.LAND_COVER)) {
            Geometry g = Plane.toPlanar(f.geometry());
            if (BLUE_GREEN_CLASSES.contains(f.attributes().get("class"))) {
                double inBarrier = b.overlap(g);
                double inLevel1 = l1.overlap(g);
                bg[0] += inBarrier;
                bg[1] += inLevel1;
                bg[2] += inBarrier;
                bg[3] += inLevel1;
            } else {
                List<Geometry> covered = new ArrayList<>();
                for (Object o : extraIndex.query(g.getEnvelopeInternal())) {
                    Geometry e = (Geometry) o;
                    if (e.intersects(g)) {
                        covered.add(g.intersection(e));
                    }
                }
                if (!covered.isEmpty()) {
                    Geometry c = UnaryUnionOp.union(covered);
                    bg[2] += b.overlap(c);
                    bg[3] += l1.overlap(c);
                }
            }
        }

        Map<String, Integer> parks = new LinkedHashMap<>();
        for (GeneratedFeature p : d.features(SyntheticDistrict.PARKS)) {
            parks.merge((String) p.attributes().get("status"), 1, Integer::sum);
        }
        int eligible = 0;
        int eligibleWithPv = 0;
        int withPv = 0;
        double capacity = 0;
        for (GeneratedFeature r : d.features(SyntheticDistrict.PV_ROOFTOPS)) {
            Map<String, Object> a = r.attributes();
            boolean pv = Boolean.TRUE.equals(a.get("pv_installed"));
            boolean isNew = (Integer) a.get("built_year") >= RooftopBuilder.NEW_FROM;
            boolean target = "public_institution".equals(a.get("building_use")) || "factory".equals(a.get("building_use"));
            if (isNew && target) {
                eligible++;
                eligibleWithPv += pv ? 1 : 0;
            }
            withPv += pv ? 1 : 0;
            capacity += (Double) a.get("pv_capacity_kwp");
        }
        double district = Plane.area(d.outline());
        return new DistrictSummary(counts, district / 1e6, b.area / 1e6, l1.area / 1e6, bg[0] / b.area,
                bg[1] / l1.area, bg[2] / b.area, bg[3] / l1.area, forestM2 / 1e4, cover / l1.area, stock,
                stockBarrier, acceptedMu, farmland, parks, eligible, eligibleWithPv, withPv, capacity);
    }

    /** A planar zone that measures how much of a geometry lies in it. */
    private static final class Zone {
        final PreparedGeometry prepared;
        final double area;

        Zone(Geometry g) {
            this.prepared = PreparedGeometryFactory.prepare(g);
            this.area = g.getArea();
        }

        double overlap(Geometry g) {
            if (prepared.containsProperly(g)) {
                return g.getArea();
            }
            return prepared.intersects(g) ? g.intersection(prepared.getGeometry()).getArea() : 0;
        }
    }
}
