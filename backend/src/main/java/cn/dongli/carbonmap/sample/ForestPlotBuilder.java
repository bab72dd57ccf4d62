package cn.dongli.carbonmap.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Forest inventory plots (林地小班): parts of forest and grassland cells of the land cover, mostly in the barrier.
 *
 * <p>The forest area is allotted by region (each control level, and outside the barrier; plots are cut to the region
 * of their cell), not by count, so it does not depend on the scale: at a larger scale the cells are smaller and so are
 * the plots. Level 1 of the barrier receives plots until, with a tenth of the plot area given a sparse canopy, its
 * forest cover (plots with a canopy closure of at least 0.2, 森林覆盖率) is {@link #LEVEL1_COVER}; the rest of the
 * barrier and the district outside get smaller shares. The stands are young — most of the barrier was planted from
 * 2018 on — and the stock of each plot is its area × age × a growth rate within its species' range (3–8 m³/ha/yr);
 * where in the ranges the rates fall is tuned so that the stock in the barrier is {@link #BARRIER_STOCK_M3}.
 */
final class ForestPlotBuilder {

    /** Forest cover aimed at in the level-1 zone (the plan's 2025 target is 27.5 %). */
    static final double LEVEL1_COVER = 0.259;
    /**
     * Standing stock aimed at in the barrier, m³ (the plan's target is at least 60,000 m³, which CarbonMap's
     * indicator engine measures over the barrier); the few plots outside add about 2.5 %.
     */
    static final double BARRIER_STOCK_M3 = 60_150;
    /** Share of the plot area whose canopy is sparse (< 0.2, not forest by China's definition). */
    static final double SPARSE_SHARE = 0.10;
    /** Plots per unit of scale. */
    static final int PLOTS_PER_SCALE = 4_500;
    /** Plot area as a share of the area of level 2, level 3 and outside the barrier (index = level, 0 outside). */
    private static final double[] SHARE = {0.0015, 0, 0.055, 0.035};

    static final String[] SPECIES = {"poplar", "ash", "willow", "sophora", "black_locust", "elm", "chinese_pine",
        "arborvitae"};
    private static final double[] SPECIES_WEIGHT = {0.29, 0.24, 0.12, 0.10, 0.08, 0.07, 0.05, 0.05};
    /** Growth rate, m³/ha/yr: low and high end per species. */
    private static final double[][] GROWTH = {{5.5, 8.0}, {3.6, 5.4}, {4.5, 6.8}, {3.0, 4.5}, {4.0, 6.0}, {3.4, 5.0},
        {3.0, 4.0}, {3.0, 3.8}};

    /** One plot. */
    record Plot(Geometry storage, int cell, int ordinal, String species, double canopy, int plantedYear,
                double stock, LocalDate surveyDate) {
    }

    private final Landscape land;
    private final LandCover cover;
    private final long seed;
    private final double scale;
    private final PreparedGeometry[] levels = new PreparedGeometry[4];
    private final PreparedGeometry barrier;

    ForestPlotBuilder(Landscape land, LandCover cover, long seed, double scale) {
        this.land = land;
        this.cover = cover;
        this.seed = seed;
        this.scale = scale;
        for (int level = 1; level <= 3; level++) {
            levels[level] = PreparedGeometryFactory.prepare(land.levelPlanar[level]);
        }
        this.barrier = PreparedGeometryFactory.prepare(land.barrierPlanar);
    }

    /** A plot before its age, canopy and stock are settled, which is done per region at the end. */
    private record Draft(Polygon planar, int cell, int ordinal, int level, int species, LocalDate survey,
                         double sparseKey, double ageKey, double yearKey, double canopyKey, double growthKey) {
    }

    /** A plot with its age settled. */
    private record Stand(Draft draft, int planted, double canopy, double haYears) {

        /** The stock with the growth rate at quantile {@code growthKey ^ gamma} of the species' range. */
        double stock(double gamma) {
            double[] range = GROWTH[draft.species()];
            return haYears * (range[0] + (range[1] - range[0]) * StrictMath.pow(draft.growthKey(), gamma));
        }
    }

    List<Plot> build() {
        double[] regionArea = new double[4];
        for (int level = 1; level <= 3; level++) {
            regionArea[level] = land.levelPlanar[level].getArea();
        }
        regionArea[0] = land.outlinePlanar.getArea() - land.barrierPlanar.getArea();
        // plot area in level 1; a tenth of it will have a sparse canopy and not count as forest cover
        double level1Target = LEVEL1_COVER / (1 - SPARSE_SHARE) * regionArea[1];
        double totalTarget = level1Target;
        for (int level : new int[] {0, 2, 3}) {
            totalTarget += SHARE[level] * regionArea[level];
        }

        List<List<LandCover.Piece>> candidates = new ArrayList<>();
        for (int level = 0; level <= 3; level++) {
            candidates.add(new ArrayList<>());
        }
        double candidateArea = 0;
        int candidateCount = 0;
        for (LandCover.Piece p : cover.pieces) {
            if (p.cls == LandCover.FOREST || p.cls == LandCover.GRASSLAND) {
                candidates.get(p.level).add(p);
                candidateArea += p.area;
                candidateCount++;
            }
        }
        for (List<LandCover.Piece> list : candidates) {
            list.sort(Comparator.comparingDouble(this::priority));
        }
        // plots per chosen cell so that the count comes to about 4,500 × scale
        double meanPiece = candidateArea / Math.max(1, candidateCount);
        double cellsNeeded = totalTarget / (0.82 * meanPiece);
        double wanted = PLOTS_PER_SCALE * scale;
        double perCell = Math.max(1, Math.min(6, wanted / cellsNeeded));
        List<Draft> drafts = allot(candidates, regionArea, level1Target, perCell);
        // where the estimate missed, correct it (a few times at most, keeping the closest count)
        List<Draft> best = drafts;
        for (int pass = 0; pass < 4 && Math.abs(drafts.size() - wanted) > 0.03 * wanted; pass++) {
            perCell = Math.max(1, Math.min(6, perCell * wanted / Math.max(1, drafts.size())));
            drafts = allot(candidates, regionArea, level1Target, perCell);
            if (Math.abs(drafts.size() - wanted) < Math.abs(best.size() - wanted)) {
                best = drafts;
            }
        }
        drafts = best;

        List<Stand> stands = settle(drafts);
        double gamma = growthExponent(stands);
        stands.sort(Comparator.comparingInt((Stand t) -> t.draft().cell()).thenComparingInt(t -> t.draft().ordinal()));
        List<Plot> plots = new ArrayList<>(stands.size());
        for (Stand t : stands) {
            Draft d = t.draft();
            plots.add(new Plot(Plane.toStorage(d.planar()), d.cell(), d.ordinal(), SPECIES[d.species()], t.canopy(),
                    t.planted(), Math.round(t.stock(gamma) * 10) / 10.0, d.survey()));
        }
        return plots;
    }

    /**
     * Settles age and canopy region by region, by area rather than by count so that the totals do not depend on the
     * scale: in each region the plots, in random order, are given the old planting years until their share of the
     * area is reached, then the middle ones, then the recent ones, the years spread over each class by area; a tenth
     * of the area, in another random order, has a sparse canopy.
     */
    private static List<Stand> settle(List<Draft> drafts) {
        List<Stand> stands = new ArrayList<>(drafts.size());
        for (int level = 0; level <= 3; level++) {
            List<Draft> inRegion = new ArrayList<>();
            double area = 0;
            for (Draft d : drafts) {
                if (d.level() == level) {
                    inRegion.add(d);
                    area += d.planar().getArea();
                }
            }
            // old and middle-aged stands' shares of the area; the rest is recent
            double[] bounds = level == 0 ? new double[] {0, 0.08, 0.33, 1} : new double[] {0, 0.015, 0.075, 1};
            inRegion.sort(Comparator.comparingDouble(Draft::ageKey));
            double cumulative = 0;
            Map<Draft, Integer> planted = new IdentityHashMap<>();
            for (Draft d : inRegion) {
                double t = (cumulative + d.planar().getArea() / 2) / area;
                int ageClass = t < bounds[1] ? 0 : t < bounds[2] ? 1 : 2;
                // the position within the class, not a random draw, picks the year: years are spread by area
                double within = (t - bounds[ageClass]) / (bounds[ageClass + 1] - bounds[ageClass]);
                double key = Math.max(0, Math.min(0.999_999, within + 0.02 * (d.yearKey() - 0.5)));
                planted.put(d, Math.min(d.survey().getYear(), plantedYear(ageClass, key)));
                cumulative += d.planar().getArea();
            }
            inRegion.sort(Comparator.comparingDouble(Draft::sparseKey));
            cumulative = 0;
            for (Draft d : inRegion) {
                boolean sparse = cumulative + d.planar().getArea() / 2 <= SPARSE_SHARE * area;
                cumulative += d.planar().getArea();
                int year = planted.get(d);
                double age = Math.max(0.5, d.survey().getYear() - year);
                double canopy = sparse ? 0.10 + 0.09 * d.canopyKey() : Math.min(0.9, 0.2 + 0.035 * age + 0.4 * d.canopyKey());
                stands.add(new Stand(d, year, Math.round(canopy * 100) / 100.0, d.planar().getArea() / 10_000 * age));
            }
        }
        return stands;
    }

    /**
     * The exponent that skews every plot's growth rate within its species' range (a larger exponent, slower growth)
     * so that the stock in the barrier is {@link #BARRIER_STOCK_M3}; found by bisection, the stock falling as it grows.
     */
    private static double growthExponent(List<Stand> stands) {
        double lo = StrictMath.log(0.02);
        double hi = StrictMath.log(50);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double total = 0;
            for (Stand t : stands) {
                if (t.draft().level() > 0) {
                    total += t.stock(StrictMath.exp(mid));
                }
            }
            if (total > BARRIER_STOCK_M3) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return StrictMath.exp((lo + hi) / 2);
    }

    /** Plots for the candidate cells of each region until the region's share is reached. */
    private List<Draft> allot(List<List<LandCover.Piece>> candidates, double[] regionArea, double level1Target,
                              double perCell) {
        List<Draft> drafts = new ArrayList<>();
        double[] covered = new double[4];
        for (int level : new int[] {0, 3, 2, 1}) {
            double target = level == 1 ? level1Target : SHARE[level] * regionArea[level];
            for (LandCover.Piece piece : candidates.get(level)) {
                if (covered[level] >= target) {
                    break;
                }
                for (Draft d : plots(piece, perCell)) {
                    if (covered[level] >= target) {
                        break;
                    }
                    drafts.add(d);
                    covered[level] += d.planar().getArea();
                }
            }
        }
        return drafts;
    }

    /** Forest cells before grassland cells, otherwise at random. */
    private double priority(LandCover.Piece p) {
        double u = Rand.unit(seed, p.cell, p.ordinal, 501);
        return p.cls == LandCover.FOREST ? u : u + 0.7;
    }

    /** A plot cut to the region of its cell (a control level, or outside the barrier); null if little is left. */
    private Polygon withinRegion(Polygon plot, int level) {
        if (level == 0) {
            if (!barrier.intersects(plot)) {
                return plot;
            }
            return ParkBuilder.largest(plot.difference(barrier.getGeometry()));
        }
        PreparedGeometry region = levels[level];
        if (region.containsProperly(plot)) {
            return plot;
        }
        return ParkBuilder.largest(plot.intersection(region.getGeometry()));
    }

    /** The plots of one land-cover piece: its cell split into strips or blocks, each inset from the others. */
    private List<Draft> plots(LandCover.Piece piece, double perCell) {
        long s = seed * 131 + 7;
        int n = (int) StrictMath.floor(perCell + Rand.unit(s, piece.cell, piece.ordinal, 1));
        n = Math.max(1, Math.min(6, n));
        Coordinate[] q = cover.lattice.quad(piece.cell);
        double width = (q[0].distance(q[1]) + q[3].distance(q[2])) / 2;
        double height = (q[0].distance(q[3]) + q[1].distance(q[2])) / 2;
        int cols;
        int rows;
        switch (n) {
            case 1 -> {
                cols = 1;
                rows = 1;
            }
            case 2, 3 -> {
                cols = width >= height ? n : 1;
                rows = width >= height ? 1 : n;
            }
            case 4 -> {
                cols = 2;
                rows = 2;
            }
            default -> {
                cols = width >= height ? 3 : 2;
                rows = width >= height ? 2 : 3;
            }
        }
        double[] us = cuts(cols, s, piece, 2);
        double[] vs = cuts(rows, s, piece, 3);
        double gu = Math.min(3.0, 0.04 * width) / width;
        double gv = Math.min(3.0, 0.04 * height) / height;
        Geometry inner = piece.quad ? null : Plane.toPlanar(piece.storage).buffer(-Math.min(3.0, 0.04 * width));
        PreparedGeometry preparedInner = inner == null ? null : PreparedGeometryFactory.prepare(inner);
        List<Draft> out = new ArrayList<>();
        int k = 0;
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++, k++) {
                if (cols * rows > n && k == cols * rows - 1) {
                    continue; // five plots in a 2 × 3 block: one block stays open
                }
                Polygon sub = subQuad(q, us[c] + gu, us[c + 1] - gu, vs[r] + gv, vs[r + 1] - gv);
                Polygon plot = sub;
                if (preparedInner != null && !preparedInner.containsProperly(sub)) {
                    plot = ParkBuilder.largest(sub.intersection(inner));
                }
                if (plot != null) {
                    plot = withinRegion(plot, piece.level);
                }
                if (plot == null || plot.getArea() < 0.35 * sub.getArea() || plot.getArea() < 50) {
                    continue;
                }
                out.add(draft(plot, piece, k));
            }
        }
        return out;
    }

    private double[] cuts(int parts, long s, LandCover.Piece piece, int salt) {
        double[] c = new double[parts + 1];
        c[parts] = 1;
        for (int i = 1; i < parts; i++) {
            c[i] = (i + 0.5 * (Rand.unit(s, piece.cell, piece.ordinal * 16L + i, salt) - 0.5)) / parts;
        }
        return c;
    }

    /** The quadrilateral of a cell's parameter rectangle (bilinear: lines of constant u or v are straight). */
    private static Polygon subQuad(Coordinate[] q, double u0, double u1, double v0, double v1) {
        Coordinate[] ring = {bilinear(q, u0, v0), bilinear(q, u1, v0), bilinear(q, u1, v1), bilinear(q, u0, v1), null};
        ring[4] = new Coordinate(ring[0]);
        return Plane.PLANAR.createPolygon(ring);
    }

    private static Coordinate bilinear(Coordinate[] q, double u, double v) {
        double a = (1 - u) * (1 - v);
        double b = u * (1 - v);
        double c = u * v;
        double d = (1 - u) * v;
        return new Coordinate(a * q[0].x + b * q[1].x + c * q[2].x + d * q[3].x,
                a * q[0].y + b * q[1].y + c * q[2].y + d * q[3].y);
    }

    private Draft draft(Polygon plot, LandCover.Piece piece, int index) {
        long s = seed * 137 + 11;
        int ordinal = piece.ordinal * 16 + index;
        double u1 = Rand.unit(s, piece.cell, ordinal, 1);
        double u2 = Rand.unit(s, piece.cell, ordinal, 2);
        double u3 = Rand.unit(s, piece.cell, ordinal, 3);
        double u4 = Rand.unit(s, piece.cell, ordinal, 4);
        double u5 = Rand.unit(s, piece.cell, ordinal, 5);
        double u6 = Rand.unit(s, piece.cell, ordinal, 6);
        double[] weights = SPECIES_WEIGHT.clone();
        if (land.nearRiver(piece.point) || land.nearLake(piece.point)) {
            weights[2] *= 2.5; // willow by the water
        }
        int species = Rand.pick(weights, u1);
        int surveyYear = u4 < 0.5 ? 2023 : 2024;
        LocalDate survey = LocalDate.of(surveyYear, 4, 1).plusDays((long) (u5 * (surveyYear == 2023 ? 213 : 214)));
        return new Draft(plot, piece.cell, ordinal, piece.level, species, survey, u6, u2, u3,
                Rand.unit(s, piece.cell, ordinal, 7), Rand.unit(s, piece.cell, ordinal, 8));
    }

    /** A planting year of an age class: 0 old (1995–2007), 1 middle (2008–2017), 2 recent (2018–2023). */
    private static int plantedYear(int ageClass, double v) {
        if (ageClass == 0) {
            return 1995 + (int) (v * 13);
        }
        if (ageClass == 1) {
            return 2008 + (int) (v * 10);
        }
        double[] recent = {0.10, 0.18, 0.22, 0.22, 0.16, 0.12};
        return 2018 + Rand.pick(recent, v);
    }
}
