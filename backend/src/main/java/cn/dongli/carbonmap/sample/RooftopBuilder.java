package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Building rooftops and their PV state (屋顶光伏): rectangles and L-shapes inside the built cells of the land cover,
 * about 36,000 × scale of them, none overlapping.
 *
 * <p>Each built cell is shared out among its roofs as a treemap, each roof's slot in proportion to the size it wants,
 * and the roof is set in its slot turned to the cell's grain. The use follows the settlement (factories in the
 * industrial parks, housing in the city and the villages), the size follows the use but never fills more than 60 % of
 * the slot — so at large scales, where cells are small, roofs are small too (below 100 m² from about scale 3, never
 * below 20 m²). About 15 % were built in 2022 or later; 36–44 % (by seed) of the new public-institution and factory
 * roofs carry PV, far fewer of the old ones.
 */
final class RooftopBuilder {

    /** Roofs per unit of scale. */
    static final int ROOFS_PER_SCALE = 36_000;
    /** The first year that counts as new building for the plan's PV target. */
    static final int NEW_FROM = 2022;

    static final String[] USES = {"public_institution", "factory", "residential", "commercial"};
    private static final int PUBLIC = 0;
    private static final int FACTORY = 1;
    private static final int RESIDENTIAL = 2;

    /** Median roof area (m²), spread (log), smallest and largest by use. */
    private static final double[][] SIZE = {{2500, 0.6, 300, 12_000}, {7000, 0.7, 800, 40_000},
        {650, 0.6, 120, 4_000}, {1800, 0.7, 200, 15_000}};

    /**
     * One roof.
     *
     * @param pvKey random key that decides, among new public-institution and factory roofs, which carry PV
     * @param pvShare the share of the roof PV covers, if it has PV
     * @param kwpPerM2 the capacity per m² of PV
     */
    record Roof(Geometry storage, String use, int builtYear, double roofArea, boolean pvInstalled, double pvArea,
                double capacity, double pvKey, double pvShare, double kwpPerM2) {

        /** Whether the plan's target covers the roof: a public institution or factory built in 2022 or later. */
        boolean targeted() {
            return builtYear >= NEW_FROM && ("public_institution".equals(use) || "factory".equals(use));
        }

        Roof withPv(boolean installed) {
            double area = installed ? Math.min(roofArea, Math.round(roofArea * pvShare * 10) / 10.0) : 0;
            double kwp = installed ? Math.round(area * kwpPerM2 * 10) / 10.0 : 0;
            return new Roof(storage, use, builtYear, roofArea, installed, area, kwp, pvKey, pvShare, kwpPerM2);
        }
    }

    private final Landscape land;
    private final LandCover cover;
    private final long seed;
    private double density;
    private final double wanted;
    private final double targetedShare;

    RooftopBuilder(Landscape land, LandCover cover, long seed, double scale) {
        this.land = land;
        this.cover = cover;
        this.seed = seed * 7919 + 3;
        double builtArea = 0;
        for (LandCover.Piece p : cover.pieces) {
            if (p.cls == LandCover.BUILT) {
                builtArea += p.area;
            }
        }
        this.wanted = ROOFS_PER_SCALE * scale;
        this.targetedShare = 0.36 + 0.08 * Rand.unit(seed, 0, 0, 0x9f);
        this.density = wanted / builtArea;
    }

    List<Roof> build() {
        List<Roof> roofs = place();
        if (Math.abs(roofs.size() - wanted) > 0.03 * wanted) {
            // some slots stay empty where no roof fits: ask for correspondingly more, once
            density *= wanted / Math.max(1, roofs.size());
            roofs = place();
        }
        // PV on the targeted roofs by quota, so that the share does not wander with the few roofs of a small scale
        List<Integer> targeted = new ArrayList<>();
        for (int i = 0; i < roofs.size(); i++) {
            if (roofs.get(i).targeted()) {
                targeted.add(i);
            }
        }
        List<Roof> all = new ArrayList<>(roofs);
        targeted.sort(Comparator.comparingDouble((Integer i) -> all.get(i).pvKey()).thenComparingInt(i -> i));
        long quota = StrictMath.round(targetedShare * targeted.size());
        for (int k = 0; k < targeted.size(); k++) {
            int i = targeted.get(k);
            all.set(i, all.get(i).withPv(k < quota));
        }
        return all;
    }

    private List<Roof> place() {
        List<List<Roof>> perPiece = cover.pieces.parallelStream()
                .map(p -> p.cls == LandCover.BUILT ? roofs(p) : List.<Roof>of())
                .toList();
        List<Roof> all = new ArrayList<>();
        for (List<Roof> r : perPiece) {
            all.addAll(r);
        }
        return all;
    }

    private List<Roof> roofs(LandCover.Piece piece) {
        int n = (int) StrictMath.floor(piece.area * density + Rand.unit(seed, piece.cell, piece.ordinal, 1));
        if (n <= 0) {
            return List.of();
        }
        n = Math.min(n, 25);
        Coordinate[] q = cover.lattice.quad(piece.cell);
        Geometry inner = piece.quad ? null : Plane.toPlanar(piece.storage).buffer(-3);
        PreparedGeometry preparedInner = inner == null || inner.isEmpty() ? null : PreparedGeometryFactory.prepare(inner);
        if (!piece.quad && preparedInner == null) {
            return List.of();
        }
        Landscape.SettlementKind kind = land.urban(piece.point.x, piece.point.y) < 0.3
                ? Landscape.SettlementKind.VILLAGE : land.settlementKind(piece.point.x, piece.point.y);
        int[] use = new int[n];
        double[] wanted = new double[n];
        double[][] u = new double[n][14];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < u[k].length; j++) {
                u[k][j] = Rand.unit(seed, piece.cell, piece.ordinal * 64L + k, 10 + j);
            }
            use[k] = Rand.pick(useWeights(kind), u[k][0]);
            double[] size = SIZE[use[k]];
            wanted[k] = Math.max(size[2], Math.min(size[3],
                    size[0] * StrictMath.exp(size[1] * gaussian(u[k][1], u[k][2]))));
        }
        // the cell is shared out as a treemap: each roof gets a slot in proportion to the size it wants
        double cellW = (q[0].distance(q[1]) + q[3].distance(q[2])) / 2;
        double cellH = (q[0].distance(q[3]) + q[1].distance(q[2])) / 2;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        // no slot below about a third of an equal share, so small buildings next to a factory keep a useful size
        double total = 0;
        for (double w : wanted) {
            total += w;
        }
        double[] share = new double[n];
        for (int k = 0; k < n; k++) {
            share[k] = Math.max(wanted[k] / total, 0.4 / n);
        }
        Arrays.sort(order, (x, y) -> Double.compare(share[y], share[x]));
        double[][] rects = new double[n][];
        slice(order, 0, n, new double[] {0, 1, 0, 1}, cellW, cellH, share, rects);
        List<Roof> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double[] r = rects[k];
            double gu = Math.min(2.5 / cellW, 0.1 * (r[1] - r[0]));
            double gv = Math.min(2.5 / cellH, 0.1 * (r[3] - r[2]));
            Coordinate[] slot = {bilinear(q, r[0] + gu, r[2] + gv), bilinear(q, r[1] - gu, r[2] + gv),
                bilinear(q, r[1] - gu, r[3] - gv), bilinear(q, r[0] + gu, r[3] - gv)};
            Roof roof = roof(slot, kind, preparedInner, use[k], wanted[k], u[k]);
            if (roof != null) {
                out.add(roof);
            }
        }
        return out;
    }

    /**
     * Slice-and-dice: splits the parameter rectangle {u0, u1, v0, v1} across its longer side (in metres) between the
     * larger and the smaller roofs in proportion to the area they want, until each roof has its own rectangle.
     */
    private static void slice(Integer[] order, int from, int to, double[] rect, double cellW, double cellH,
                              double[] wanted, double[][] out) {
        if (to - from == 1) {
            out[order[from]] = rect;
            return;
        }
        double total = 0;
        for (int k = from; k < to; k++) {
            total += wanted[order[k]];
        }
        int m = from + 1;
        double first = wanted[order[from]];
        while (m < to - 1 && first + wanted[order[m]] / 2 < total / 2) {
            first += wanted[order[m]];
            m++;
        }
        double f = first / total;
        double[] a;
        double[] b;
        if ((rect[1] - rect[0]) * cellW >= (rect[3] - rect[2]) * cellH) {
            double cut = rect[0] + f * (rect[1] - rect[0]);
            a = new double[] {rect[0], cut, rect[2], rect[3]};
            b = new double[] {cut, rect[1], rect[2], rect[3]};
        } else {
            double cut = rect[2] + f * (rect[3] - rect[2]);
            a = new double[] {rect[0], rect[1], rect[2], cut};
            b = new double[] {rect[0], rect[1], cut, rect[3]};
        }
        slice(order, from, m, a, cellW, cellH, wanted, out);
        slice(order, m, to, b, cellW, cellH, wanted, out);
    }

    private Roof roof(Coordinate[] slot, Landscape.SettlementKind kind, PreparedGeometry inner, int use,
                      double wanted, double[] u) {
        double slotArea = quadArea(slot);
        double area = Math.min(wanted, 0.6 * slotArea);
        // 100 m² at least, unless the cells are so small (scales above about 3) that slots cannot hold that; 20 m² in
        // any case
        double smallest = Math.max(20, Math.min(100, 0.25 * slotArea));
        if (area < smallest) {
            return null;
        }
        double aspect = use == RESIDENTIAL ? 1.8 + 1.8 * u[3] : 1.0 + 1.4 * u[3];
        double w = StrictMath.sqrt(area * aspect);
        double h = area / w;
        // keep the rectangle within the slot's extent, its long side along the slot's long side
        double slotW = (slot[0].distance(slot[1]) + slot[3].distance(slot[2])) / 2;
        double slotH = (slot[0].distance(slot[3]) + slot[1].distance(slot[2])) / 2;
        if ((w > h) != (slotW > slotH) && u[4] < 0.8) {
            double t = w;
            w = h;
            h = t;
        }
        double fit = Math.min(1, Math.min(0.85 * slotW / w, 0.85 * slotH / h));
        w *= fit;
        h *= fit;
        double angle = StrictMath.atan2(slot[1].y - slot[0].y, slot[1].x - slot[0].x) + 0.08 * (u[5] - 0.5);
        boolean lShape = u[6] < (use == RESIDENTIAL ? 0.15 : 0.3);
        double alpha = 0.35 + 0.25 * u[7];
        double beta = 0.35 + 0.25 * u[8];
        Coordinate centre = new Coordinate((slot[0].x + slot[1].x + slot[2].x + slot[3].x) / 4,
                (slot[0].y + slot[1].y + slot[2].y + slot[3].y) / 4);
        for (int shrink = 0; shrink < 14; shrink++) {
            Polygon p = shape(centre, w, h, angle, lShape, alpha, beta);
            if (p.getArea() < smallest) {
                return null;
            }
            if (inside(p, slot) && (inner == null || inner.containsProperly(p))) {
                return attributes(p, use, kind, u);
            }
            w *= 0.9;
            h *= 0.9;
        }
        return null;
    }

    private Roof attributes(Polygon planar, int use, Landscape.SettlementKind kind, double[] u) {
        Geometry storage = Plane.toStorage(planar);
        double roofArea = Math.round(Plane.area(storage) * 10) / 10.0;
        double newShare = switch (kind) {
            case CITY -> 0.10;
            case TOWN -> 0.18;
            case INDUSTRIAL -> 0.26;
            case RESORT -> 0.24;
            case VILLAGE -> 0.10;
        };
        int year;
        if (u[9] < newShare) {
            year = NEW_FROM + (int) (u[10] * 4); // 2022–2025
        } else {
            year = 1990 + (int) (StrictMath.sqrt(u[10]) * 32); // 1990–2021, more of the recent years
        }
        boolean isNew = year >= NEW_FROM;
        // new public-institution and factory roofs are settled by quota in build()
        double chance = switch (use) {
            case PUBLIC -> isNew ? 0 : 0.07;
            case FACTORY -> isNew ? 0 : 0.10;
            case RESIDENTIAL -> isNew ? 0.05 : 0.015;
            default -> isNew ? 0.12 : 0.04;
        };
        Roof roof = new Roof(storage, USES[use], year, roofArea, false, 0, 0, u[11], 0.35 + 0.4 * u[12],
                0.15 + 0.05 * u[13]);
        return roof.withPv(u[11] < chance);
    }

    private static double[] useWeights(Landscape.SettlementKind kind) {
        // public institution, factory, residential, commercial
        return switch (kind) {
            case CITY -> new double[] {0.10, 0.10, 0.62, 0.18};
            case TOWN -> new double[] {0.12, 0.16, 0.58, 0.14};
            case INDUSTRIAL -> new double[] {0.06, 0.62, 0.22, 0.10};
            case RESORT -> new double[] {0.10, 0.05, 0.60, 0.25};
            case VILLAGE -> new double[] {0.05, 0.14, 0.78, 0.03};
        };
    }

    private static Polygon shape(Coordinate c, double w, double h, double angle, boolean lShape, double alpha,
                                 double beta) {
        double[][] local = lShape
                ? new double[][] {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2 - beta * h},
                    {w / 2 - alpha * w, h / 2 - beta * h}, {w / 2 - alpha * w, h / 2}, {-w / 2, h / 2}}
                : new double[][] {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        Coordinate[] ring = new Coordinate[local.length + 1];
        for (int i = 0; i < local.length; i++) {
            ring[i] = new Coordinate(c.x + local[i][0] * cos - local[i][1] * sin,
                    c.y + local[i][0] * sin + local[i][1] * cos);
        }
        ring[local.length] = new Coordinate(ring[0]);
        return Plane.PLANAR.createPolygon(ring);
    }

    private static boolean inside(Polygon p, Coordinate[] quad) {
        for (Coordinate c : p.getCoordinates()) {
            if (!LandCover.Lattice.inQuad(quad, c.x, c.y)) {
                return false;
            }
        }
        return true;
    }

    private static double quadArea(Coordinate[] q) {
        double a = 0;
        for (int k = 0; k < 4; k++) {
            a += q[k].x * q[(k + 1) % 4].y - q[(k + 1) % 4].x * q[k].y;
        }
        return a / 2;
    }

    private static Coordinate bilinear(Coordinate[] q, double u, double v) {
        double a = (1 - u) * (1 - v);
        double b = u * (1 - v);
        double c = u * v;
        double d = (1 - u) * v;
        return new Coordinate(a * q[0].x + b * q[1].x + c * q[2].x + d * q[3].x,
                a * q[0].y + b * q[1].y + c * q[2].y + d * q[3].y);
    }

    private static double gaussian(double u, double v) {
        return StrictMath.sqrt(-2 * StrictMath.log(1 - u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }
}
