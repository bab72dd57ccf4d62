package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Parks and green spaces (公园绿地): the five the plan names along the outer ring road (程林公园 and 程盛公园 new, 金隅公园,
 * 花柏园 and 绿岛公园 upgraded) and some forty invented ones — parks, pocket parks (游园) and green strips (绿地) —
 * mostly in the built-up west and the towns, a few by the lakes. They do not depend on the scale and do not overlap
 * one another, water or trunk roads.
 */
final class ParkBuilder {

    /** One park. */
    record Park(String name, String status, int year, Geometry storage, Geometry planar) {
    }

    private static final String[] GENERIC = {"福源", "栖凤", "明珠", "雪莲", "津塘", "翠屏", "湖滨", "和顺", "瑞景", "汇美",
        "悦湖", "惠风", "春华", "秋实", "丽水", "锦绣", "康宁", "金穗", "槐荫", "柳岸", "蓝湾", "溪畔", "晨光", "稻香"};

    private final Landscape land;
    private final SplittableRandom random;
    private final List<Park> parks = new ArrayList<>();
    private final List<Geometry> taken = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final PreparedGeometry obstacles;
    private final PreparedGeometry inside;

    ParkBuilder(Landscape land, long seed) {
        this.land = land;
        this.random = Rand.stream(seed, 11);
        List<Geometry> blocked = new ArrayList<>();
        for (Landscape.WaterBody w : land.water) {
            blocked.add(w.planar());
        }
        for (Landscape.Road r : land.roads) {
            blocked.add(r.planar());
        }
        blocked.add(land.airportPlanar.buffer(150));
        this.obstacles = PreparedGeometryFactory.prepare(UnaryUnionOp.union(blocked).buffer(15));
        this.inside = PreparedGeometryFactory.prepare(land.outlinePlanar.buffer(-40));
    }

    List<Park> build() {
        named("程林公园", "built", 2023, -8.35, -1.3, 0.42);
        named("程盛公园", "under_construction", 2024, -8.1, 3.3, 0.36);
        named("金隅公园", "built", 2024, -9.6, -4.5, 0.30);
        named("花柏园", "built", 2023, -10.3, 5.7, 0.22);
        named("绿岛公园", "built", 2024, -8.7, 7.6, 0.28);
        int target = 46 + random.nextInt(7);
        int attempts = 0;
        while (parks.size() < target && attempts++ < 20000) {
            double kind = random.nextDouble();
            if (kind < 0.45) {
                park();
            } else if (kind < 0.8) {
                pocketPark();
            } else {
                greenStrip();
            }
        }
        return parks;
    }

    private void named(String name, String status, int year, double x, double y, double r) {
        Geometry shape = Shapes.blob(x, y, r, 0.2, random);
        Geometry fitted = largest(shape.difference(obstacles.getGeometry()).intersection(inside.getGeometry()));
        add(name, status, year, fitted);
    }

    private void park() {
        Coordinate c = randomPoint();
        double u = land.urban(c.x, c.y);
        boolean water = land.nearLake(c) || land.nearRiver(c);
        if (random.nextDouble() > 0.08 + 0.7 * u + (water ? 0.25 : 0)) {
            return;
        }
        double r = Rand.between(random, 0.15, 0.42);
        Polygon shape = Shapes.blob(Plane.eastKm(c.x), Plane.northKm(c.y), r, 0.25, random);
        String suffix = water ? pick("湿地公园", "滨河公园", "公园") : pick("公园", "中心公园", "体育公园", "文化公园");
        place(shape, name(c, suffix, true));
    }

    private void pocketPark() {
        Coordinate c = randomPoint();
        if (random.nextDouble() > 0.03 + 0.97 * land.urban(c.x, c.y)) {
            return;
        }
        Polygon shape = Shapes.rectangle(c, Rand.between(random, 60, 220), Rand.between(random, 60, 220),
                Rand.between(random, -0.15, 0.15));
        place(shape, name(c, pick("游园", "社区游园", "口袋公园"), false));
    }

    private void greenStrip() {
        Landscape.Road road = land.roads.get(random.nextInt(land.roads.size()));
        LineString centre = road.centre();
        double along = Rand.between(random, 0.1, 0.9) * centre.getLength();
        Coordinate[] c = centre.getCoordinates();
        double walked = 0;
        for (int i = 0; i < c.length - 1; i++) {
            double d = c[i].distance(c[i + 1]);
            if (walked + d >= along) {
                double f = (along - walked) / d;
                double tx = (c[i + 1].x - c[i].x) / d;
                double ty = (c[i + 1].y - c[i].y) / d;
                double width = Rand.between(random, 40, 90);
                double side = random.nextBoolean() ? 1 : -1;
                double offset = side * (road.width() / 2 + 25 + width / 2);
                Coordinate at = new Coordinate(c[i].x + f * (c[i + 1].x - c[i].x) - ty * offset,
                        c[i].y + f * (c[i + 1].y - c[i].y) + tx * offset);
                if (random.nextDouble() > 0.15 + 0.85 * land.urban(at.x, at.y)) {
                    return;
                }
                Polygon shape = Shapes.rectangle(at, Rand.between(random, 280, 900), width, StrictMath.atan2(ty, tx));
                String sideName = Math.abs(tx) > Math.abs(ty) ? (side * tx > 0 ? "北侧" : "南侧")
                        : (side * ty > 0 ? "西侧" : "东侧");
                place(shape, unique(road.name() + sideName + "绿地"));
                return;
            }
            walked += d;
        }
    }

    private void place(Geometry shape, String name) {
        if (name == null || !inside.contains(shape) || obstacles.intersects(shape)) {
            return;
        }
        for (Geometry t : taken) {
            if (t.isWithinDistance(shape, 40)) {
                return;
            }
        }
        double s = random.nextDouble();
        if (s < 0.70) {
            add(name, "built", 1998 + random.nextInt(26), shape);
        } else if (s < 0.83) {
            add(name, "under_construction", 2023 + random.nextInt(3), shape);
        } else {
            add(name, "planned", 2025 + random.nextInt(3), shape);
        }
    }

    private void add(String name, String status, int year, Geometry planar) {
        names.add(name);
        taken.add(planar);
        parks.add(new Park(name, status, year, Plane.toStorage(planar), planar));
    }

    /** A name from the nearest settlement (within 3 km) or a generic one; null when none is left unused. */
    private String name(Coordinate c, String suffix, boolean large) {
        double best = 3.0;
        String prefix = null;
        for (Landscape.Settlement s : Landscape.SETTLEMENTS) {
            double d = StrictMath.hypot(Plane.eastKm(c.x) - s.x(), Plane.northKm(c.y) - s.y());
            if (d < best) {
                best = d;
                prefix = s.name().replace("工业园", "").replace("经济区", "").replace("开发区", "");
            }
        }
        if (prefix != null && !names.contains(prefix + suffix)) {
            return prefix + suffix;
        }
        for (int tries = 0; tries < GENERIC.length; tries++) {
            String n = GENERIC[random.nextInt(GENERIC.length)] + (large ? "公园" : suffix);
            if (!names.contains(n)) {
                return n;
            }
        }
        return null;
    }

    private String unique(String name) {
        return names.contains(name) ? null : name;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private Coordinate randomPoint() {
        var env = land.outlinePlanar.getEnvelopeInternal();
        return new Coordinate(Rand.between(random, env.getMinX(), env.getMaxX()),
                Rand.between(random, env.getMinY(), env.getMaxY()));
    }

    /** The largest polygon of a polygonal geometry. */
    static Polygon largest(Geometry g) {
        Polygon best = null;
        for (Object o : PolygonExtracter.getPolygons(g)) {
            Polygon p = (Polygon) o;
            if (best == null || p.getArea() > best.getArea()) {
                best = p;
            }
        }
        return best;
    }
}
