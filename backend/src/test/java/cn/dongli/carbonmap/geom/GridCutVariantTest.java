package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GridCutVariantTest {

    private static final WKTReader WKT = new WKTReader(Geometries.PLANAR);

    /** One 100 m cell. */
    private final Grid grid = new Grid(new Envelope(0, 100, 0, 100), 100);

    private static double area(Collection<Geometry> pieces) {
        return pieces.stream().mapToDouble(Geometry::getArea).sum();
    }

    @Test
    void aVariantsPiecesAreTheBasesWithItsOwnChangesInPlace() throws ParseException {
        GridCut base = new GridCut(grid, Geometries.PLANAR);
        base.put(1, WKT.read("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"));
        base.put(2, WKT.read("POLYGON((20 0, 30 0, 30 10, 20 10, 20 0))"));
        GridCutVariant variant = new GridCutVariant(base, Geometries.PLANAR);
        assertThat(variant.piecesIn(0)).hasSize(2);

        // feature 1 grows to 200 m², feature 2 goes, feature 3 comes (50 m²)
        variant.put(1, base.cut(WKT.read("POLYGON((0 0, 20 0, 20 10, 0 10, 0 0))")));
        variant.remove(2);
        variant.put(3, base.cut(WKT.read("POLYGON((50 50, 60 50, 60 55, 50 55, 50 50))")));

        assertThat(variant.piecesIn(0)).hasSize(2);
        assertThat(area(variant.piecesIn(0))).isCloseTo(250, within(1e-9));
        assertThat(variant.union(0).getArea()).isCloseTo(250, within(1e-9));
        // the base is as it was
        assertThat(area(base.piecesIn(0))).isCloseTo(200, within(1e-9));
        assertThat(base.union(0).getArea()).isCloseTo(200, within(1e-9));

        variant.reset(2);
        assertThat(area(variant.piecesIn(0))).isCloseTo(350, within(1e-9));
    }

    @Test
    void takingAwayEachNearbyPieceLeavesWhatTakingAwayTheirUnionLeaves() throws ParseException {
        GridCut plots = new GridCut(grid, Geometries.PLANAR);
        plots.put(1, WKT.read("POLYGON((0 0, 40 0, 40 40, 0 40, 0 0))"));
        plots.put(2, WKT.read("POLYGON((40 0, 80 0, 80 40, 40 40, 40 0))"));
        plots.put(3, WKT.read("POLYGON((90 90, 95 90, 95 95, 90 95, 90 90))"));
        Geometry parcel = WKT.read("POLYGON((30 20, 50 20, 50 60, 30 60, 30 20))");
        double byPieces = AddedAreaOp.less(parcel, java.util.List.copyOf(plots.piecesIn(0))).getArea();
        double byUnion = AddedAreaOp.less(parcel, java.util.List.of(plots.union(0))).getArea();
        // 800 m² less the 400 m² under plots 1 and 2
        assertThat(byPieces).isCloseTo(400, within(1e-9));
        assertThat(byUnion).isCloseTo(byPieces, within(1e-9));
    }
}
