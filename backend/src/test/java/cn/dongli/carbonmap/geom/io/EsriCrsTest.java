package cn.dongli.carbonmap.geom.io;

import cn.dongli.carbonmap.support.Gdal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The .prj texts written for the CGCS2000, WGS 84 and Web Mercator codes are those GDAL writes, and read back as the
 * same code.
 */
class EsriCrsTest {

    static Stream<Integer> codes() {
        return Stream.concat(Stream.of(4490, 4326, 3857), IntStream.rangeClosed(4491, 4554).boxed());
    }

    @ParameterizedTest(name = "EPSG:{0}")
    @MethodSource("codes")
    void thePrjIsGdalsAndReadsBackAsTheSameCode(int epsg) throws Exception {
        String gdal = Gdal.gdalsrsinfo("--single-line", "-o", "wkt_esri", "EPSG:" + epsg).strip();
        assertThat(EsriCrs.wkt(epsg)).isEqualTo(gdal);
        assertThat(PrjReader.identify(gdal).epsg()).isEqualTo(epsg);
        String name = gdal.substring(gdal.indexOf('"') + 1, gdal.indexOf('"', gdal.indexOf('"') + 1));
        assertThat(EsriCrs.epsgOfName(name)).as(name).isEqualTo(epsg);
    }
}
