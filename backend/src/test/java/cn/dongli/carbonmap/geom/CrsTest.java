package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrsTest {

    @Test
    void parsesTheWaysFilesAndClientsNameACrs() {
        assertThat(Crs.parse("EPSG:4548").epsg()).isEqualTo(4548);
        assertThat(Crs.parse("4527").epsg()).isEqualTo(4527);
        assertThat(Crs.parse("urn:ogc:def:crs:EPSG::4490").epsg()).isEqualTo(4490);
        assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/4548").epsg()).isEqualTo(4548);
        assertThat(Crs.parse("http://www.opengis.net/def/crs/OGC/1.3/CRS84").epsg()).isEqualTo(4326);
        assertThat(Crs.parse("urn:ogc:def:crs:OGC:1.3:CRS84").epsg()).isEqualTo(4326);
        assertThat(Crs.parse("gcj02").gcj02()).isTrue();
        assertThatThrownBy(() -> Crs.parse("Beijing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown CRS");
    }

    @Test
    void gaussKrugerCm117EastingIsFiveHundredKilometresOnTheCentralMeridian() {
        double[] xy = {117.0, 39.0};
        Crs.fromStorage(4548).transform(xy, 1);
        assertThat(xy[0]).isCloseTo(500_000.0, within(1e-6));
        // meridian arc length of CGCS2000 to 39°N, longitude first in the output
        assertThat(xy[1]).isCloseTo(4_318_503.98, within(0.05));
    }

    @Test
    void zone39CarriesTheZoneNumberInTheFalseEasting() {
        double[] gk = {117.4, 39.1};
        double[] zone = {117.4, 39.1};
        Crs.fromStorage(4548).transform(gk, 1);
        Crs.fromStorage(4527).transform(zone, 1);
        assertThat(zone[0] - gk[0]).isCloseTo(39_000_000.0, within(1e-6));
        assertThat(zone[1]).isCloseTo(gk[1], within(1e-6));
    }

    @Test
    void projectedCoordinatesComeBackToTheSameLongitudeLatitude() {
        double[] xy = {117.4567891, 39.1234567, 117.25, 39.0};
        double[] copy = xy.clone();
        Crs.fromStorage(4548).transform(xy, 2);
        Crs.toStorage(new Crs.Code(4548, false)).transform(xy, 2);
        for (int i = 0; i < xy.length; i++) {
            assertThat(xy[i]).isCloseTo(copy[i], within(1e-9));
        }
    }

    @Test
    void wgs84AndCgcs2000LongitudeLatitudeNeedNoChange() {
        assertThat(Crs.toStorage(new Crs.Code(4326, false)).isIdentity()).isTrue();
        assertThat(Crs.toStorage(new Crs.Code(4490, false)).isIdentity()).isTrue();
    }

    @Test
    void webMercatorIsUnprojectedOnItsSphere() {
        double[] xy = {13_068_700.0, 4_733_600.0};
        Crs.toStorage(new Crs.Code(3857, false)).transform(xy, 1);
        double r = 6_378_137.0; // the sphere of Web Mercator, on which it is inverted exactly
        assertThat(xy[0]).isCloseTo(Math.toDegrees(13_068_700.0 / r), within(1e-9));
        assertThat(xy[1]).isCloseTo(Math.toDegrees(2 * Math.atan(Math.exp(4_733_600.0 / r)) - Math.PI / 2), within(1e-9));
    }

    @Test
    void refusesDatumsThatNeedAShiftWithLocalParameters() {
        assertThatThrownBy(() -> Crs.toStorage(new Crs.Code(4610, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Xian 1980");
        assertThatThrownBy(() -> Crs.toStorage(new Crs.Code(999_999, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown CRS");
    }
}
