package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * High-standard farmland projects (高标准农田): rectangles of fields in the rural parts of the streets, cut around
 * water, roads, parks and settlements, each inside one street and none overlapping another.
 *
 * <p>The plan's two 2023 projects are there with their areas — 800 亩 new at 金桥街 and 3,430 亩 upgraded at 华明街赤土村 —
 * and accepted projects are added until the accepted total is about 2.35万亩 (the plan's target is 2.7万亩 by 2025);
 * some are under construction or planned. Nothing depends on the scale.
 */
final class FarmlandBuilder {

    /** 1 亩 in m². */
    static final double MU = 10000.0 / 15;
    /** The accepted area the generator aims at, 亩. */
    static final double ACCEPTED_TARGET_MU = 23_300;

    /** One project. */
    record Project(String project, String status, int year, String street, Geometry storage, Geometry planar) {
    }

    /** How much farmland each street gets, by street index (see {@link Landscape#STREETS}). */
    private static final double[] STREET_WEIGHT = {0, 0, 0, 0, 0.5, 1.0, 1.0, 0.9, 0.8, 0.6};
    /** Villages of each street used in project names. */
    private static final String[][] VILLAGES = {
        {}, {}, {}, {},
        {"新袁庄", "么六桥", "小王庄", "宝元", "四合庄", "东杨场"},
        {"胡张庄", "东窑", "西窑", "大韩庄", "小韩庄", "苗街"},
        {"徐庄子", "大毕庄", "欢坨", "新中", "南何庄", "北何庄"},
        {"刘台", "新兴", "东堼", "西堼", "苗庄", "务本"},
        {"大东庄", "南窑", "马场", "郭庄子", "赵沽里"},
        {"永和", "詹庄", "小东庄", "前进", "东丽湖"}};

    private final Landscape land;
    private final SplittableRandom random;
    private final List<Project> projects = new ArrayList<>();
    private final List<Geometry> placed = new ArrayList<>();
    private final Geometry obstacles;
    private final PreparedGeometry preparedObstacles;
    private final Geometry[] streetInner;

    FarmlandBuilder(Landscape land, List<ParkBuilder.Park> parks, long seed) {
        this.land = land;
        this.random = Rand.stream(seed, 13);
        List<Geometry> blocked = new ArrayList<>();
        for (Landscape.WaterBody w : land.water) {
            blocked.add(w.planar());
        }
        for (Landscape.Road r : land.roads) {
            blocked.add(r.planar());
        }
        for (ParkBuilder.Park p : parks) {
            blocked.add(p.planar().buffer(12));
        }
        blocked.add(land.airportPlanar.buffer(300));
        for (Landscape.Settlement s : Landscape.SETTLEMENTS) {
            double r = s.kind() == Landscape.SettlementKind.VILLAGE ? 0.75 * s.r() : 1.05 * s.r();
            blocked.add(Plane.PLANAR.createPoint(Plane.km(s.x(), s.y())).buffer(r * 1000, 16));
        }
        // the city: everything west of about 6.6 km west of the origin
        Envelope env = land.outlinePlanar.getEnvelopeInternal();
        blocked.add(Plane.PLANAR.toGeometry(new Envelope(env.getMinX() - 1000, Plane.km(-6.6, 0).x,
                env.getMinY() - 1000, env.getMaxY() + 1000)));
        this.obstacles = UnaryUnionOp.union(blocked).buffer(8);
        this.preparedObstacles = PreparedGeometryFactory.prepare(obstacles);
        this.streetInner = new Geometry[land.streets.size()];
        for (int s = 0; s < streetInner.length; s++) {
            streetInner[s] = land.streets.get(s).planar().buffer(-6);
        }
    }

    List<Project> build() {
        special(8, "金桥街2023年新建高标准农田项目", 800, 2023, null);
        special(5, "华明街赤土村高标准农田提升改造项目", 3430, 2023, Landscape.settlement("赤土"));
        double accepted = 800 + 3430;
        int attempts = 0;
        while (accepted < ACCEPTED_TARGET_MU && attempts++ < 50_000) {
            double mu = Math.min(700, Math.max(120, 300 * StrictMath.exp(0.45 * Rand.gaussian(random))));
            int year = acceptedYear();
            Project p = regular("accepted", year, mu, false);
            if (p != null) {
                accepted += p.storage() == null ? 0 : Plane.area(p.storage()) / MU;
            }
        }
        for (int n = 0, tries = 0; n < 8 && tries < 20_000; tries++) {
            if (regular("under_construction", 2024 + random.nextInt(2), Rand.between(random, 200, 600), true) != null) {
                n++;
            }
        }
        for (int n = 0, tries = 0; n < 8 && tries < 20_000; tries++) {
            if (regular("planned", 2025, Rand.between(random, 150, 650), true) != null) {
                n++;
            }
        }
        return projects;
    }

    private int acceptedYear() {
        double[] weights = {0.05, 0.07, 0.08, 0.10, 0.13, 0.14, 0.14, 0.12, 0.10, 0.07};
        return 2015 + Rand.pick(weights, random.nextDouble());
    }

    /** A project of exactly the given area (亩) in a street, near a settlement if one is given. */
    private void special(int street, String name, double mu, int year, Landscape.Settlement near) {
        double target = mu * MU;
        for (int tries = 0; tries < 5000; tries++) {
            Coordinate c;
            if (near != null) {
                double a = Rand.between(random, 0, 2 * StrictMath.PI);
                double d = Rand.between(random, 0.9, 2.0);
                c = Plane.km(near.x() + d * StrictMath.cos(a), near.y() + d * StrictMath.sin(a));
            } else {
                c = pointIn(street);
            }
            if (c == null || land.street(c) != street || land.urban(c.x, c.y) > 0.1) {
                continue;
            }
            double aspect = Rand.between(random, 1.0, 1.6);
            double angle = Rand.between(random, -0.12, 0.12);
            // grow the rectangle until the part left after cutting has the target area
            double lo = 0.7;
            double hi = 2.2;
            Geometry best = null;
            for (int it = 0; it < 40; it++) {
                double k = (lo + hi) / 2;
                Geometry g = cut(Shapes.rectangle(c, k * StrictMath.sqrt(target * aspect),
                        k * StrictMath.sqrt(target / aspect), angle), street);
                double area = g == null ? 0 : g.getArea();
                if (Math.abs(area - target) < 0.001 * target) {
                    best = g;
                    break;
                }
                if (area < target) {
                    lo = k;
                } else {
                    hi = k;
                }
            }
            if (best != null && best.getNumGeometries() <= 2) {
                add(name, "accepted", year, street, best);
                return;
            }
        }
        throw new IllegalStateException("no room for " + name);
    }

    private Project regular(String status, int year, double mu, boolean anyStreet) {
        int street = Rand.pick(STREET_WEIGHT, random.nextDouble());
        Coordinate c = pointIn(street);
        if (c == null || land.urban(c.x, c.y) > 0.15) {
            return null;
        }
        int level = land.level(c);
        double regionWeight = level == 1 ? 0.3 : level > 1 ? 0.6 : 1.0;
        if (random.nextDouble() > regionWeight) {
            return null;
        }
        double target = mu * MU;
        double aspect = Rand.between(random, 1.0, 2.2);
        Polygon rect = Shapes.rectangle(c, StrictMath.sqrt(target * aspect), StrictMath.sqrt(target / aspect),
                Rand.between(random, -0.12, 0.12));
        Geometry g = cut(rect, street);
        if (g == null || g.getArea() < 0.6 * target) {
            return null;
        }
        String[] villages = VILLAGES[street];
        String village = villages[random.nextInt(villages.length)];
        String shortName = Landscape.STREETS[street][1].replace("街道", "街");
        String name = switch (status) {
            case "accepted" -> shortName + village + "村" + year + "年高标准农田"
                    + (year >= 2021 && random.nextDouble() < 0.3 ? "提升改造项目" : "建设项目");
            case "under_construction" -> shortName + village + "村高标准农田建设项目（" + year + "年度）";
            default -> shortName + village + "村" + year + "年高标准农田规划项目";
        };
        return add(name, status, year, street, g);
    }

    /** The rectangle cut to its street, around obstacles and away from earlier projects; null if nothing is left. */
    private Geometry cut(Polygon rect, int street) {
        Geometry g = rect.intersection(streetInner[street]);
        if (preparedObstacles.intersects(g)) {
            g = g.difference(obstacles);
        }
        for (Geometry other : placed) {
            if (other.isWithinDistance(g, 10)) {
                g = g.difference(other.buffer(10));
            }
        }
        List<Polygon> keep = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p && p.getArea() >= 20_000) {
                keep.add(p);
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        return keep.size() == 1 ? keep.get(0) : Plane.PLANAR.createMultiPolygon(keep.toArray(Polygon[]::new));
    }

    private Project add(String name, String status, int year, int street, Geometry planar) {
        for (Project p : projects) {
            if (p.project().equals(name)) {
                return null;
            }
        }
        Project p = new Project(name, status, year, Landscape.STREETS[street][1], Plane.toStorage(planar), planar);
        projects.add(p);
        placed.add(planar);
        return p;
    }

    private Coordinate pointIn(int street) {
        Geometry g = land.streets.get(street).planar();
        Envelope env = g.getEnvelopeInternal();
        for (int tries = 0; tries < 200; tries++) {
            Coordinate c = new Coordinate(Rand.between(random, env.getMinX(), env.getMaxX()),
                    Rand.between(random, env.getMinY(), env.getMaxY()));
            if (land.street(c) == street) {
                return c;
            }
        }
        return null;
    }
}
