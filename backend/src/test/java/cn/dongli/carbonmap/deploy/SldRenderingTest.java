package cn.dongli.carbonmap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.UnitMetricsTable;
import cn.dongli.carbonmap.support.MapServer;
import cn.dongli.carbonmap.support.PostgisServer;
import cn.dongli.carbonmap.support.StorageProfile;

/**
 * A real SLD consumer draws every style of {@code styles/} from PostGIS: CarbonMap starts on a fresh PostGIS database
 * with the Dongli sample data and writes its {@code unit_metrics} table; MapServer then answers a WMS GetMap for each
 * layer (and for both metrics views of each indicator style) with the SLD in {@code SLD_BODY}, and the PNG must show
 * the style: several colours, a fair share of drawn pixels, and none of the magenta the mapfile's own class would
 * paint had the SLD not been applied. The PNGs are kept in {@code backend/target/styles/} to be looked at.
 *
 * <p>MapServer's font set cannot name a font with spaces, so the SLD's {@code WenQuanYi Micro Hei} (the family name
 * GeoServer matches) is given to MapServer as {@code WenQuanYiMicroHei}, the same file.
 */
@SpringBootTest
// a context with its own database and the whole sample: closed after the class, never reused
@DirtiesContext
@ActiveProfiles("postgis")
class SldRenderingTest {

    private static final Path CJK_FONT_FILE = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final Pattern DATABASE = Pattern.compile("jdbc:postgresql://[^/]+/([A-Za-z0-9_]+)");
    private static final Pattern PROPERTY = Pattern.compile("<ogc:PropertyName>([a-z_]+)</ogc:PropertyName>");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
        registry.add("carbonmap.load-sample", () -> "true");
        registry.add("carbonmap.unit-metrics-refresh", () -> "0s");
    }

    @Autowired
    UnitMetricsTable unitMetrics;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    DataSource dataSource;

    @Value("${spring.datasource.url}")
    String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void mapServerAndFont() {
        System.out.println("SLD consumer: " + MapServer.version());
        if (!Files.isRegularFile(CJK_FONT_FILE)) {
            fail(CJK_FONT_FILE + " is missing: the labels are drawn with WenQuanYi Micro Hei; install Debian's package"
                    + " 'fonts-wqy-microhei'");
        }
    }

    @Test
    void mapServerDrawsEveryLayerFromPostgisWithItsStyle() throws Exception {
        assertThat(unitMetrics.publish()).isEqualTo(24);
        Envelope district = store.extent(catalog.get(LayerCatalog.STREETS)).orElseThrow();
        district.expandBy(0.01);
        String bbox = district.getMinX() + "," + district.getMinY() + "," + district.getMaxX() + "," + district.getMaxY();
        Path config = Files.writeString(dir.resolve("mapserver.conf"), "CONFIG\n  ENV\n    MS_MAP_PATTERN \"^" + dir
                + "/\"\n  END\nEND\n");
        Files.writeString(dir.resolve("fonts.txt"), "WenQuanYiMicroHei " + CJK_FONT_FILE + "\nWenQuanYiMicroHei-bold "
                + CJK_FONT_FILE + "\n");
        Path out = Files.createDirectories(Path.of("target", "styles"));
        List<String> drawn = new ArrayList<>();
        for (SldStyles.Style style : SldStyles.all()) {
            for (String table : style.tables()) {
                checkPropertiesAreColumns(style, table);
                Path mapfile = Files.writeString(dir.resolve(table + ".map"), mapfile(table, district));
                String sld = style.text().replace("<Name>" + style.namedLayer() + "</Name>", "<Name>" + table + "</Name>")
                        .replace(SldStylesTest.CJK_FONT, "WenQuanYiMicroHei");
                byte[] png = MapServer.getMap(config, mapfile, table, sld, bbox, 800, 800);
                String name = style.name().replace(".sld", "") + (style.tables().size() > 1 ? "-" + table : "");
                Files.write(out.resolve(name + ".png"), png);
                checkDrawn(name, png);
                drawn.add(name);
            }
        }
        assertThat(drawn).hasSize(13);
    }

    /** Every property a style filters or labels on is a column of the table GeoServer publishes. */
    private void checkPropertiesAreColumns(SldStyles.Style style, String table) {
        Set<String> columns = new HashSet<>(new JdbcTemplate(dataSource).queryForList(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", String.class, table));
        assertThat(columns).as(table).isNotEmpty();
        Matcher m = PROPERTY.matcher(style.text());
        while (m.find()) {
            assertThat(columns).as(style.name() + " on " + table).contains(m.group(1));
        }
        Element root = style.document().getDocumentElement();
        assertThat(root).isNotNull();
    }

    private static void checkDrawn(String name, byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as(name + " is a PNG").isNotNull();
        Set<Integer> colours = new HashSet<>();
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    drawn++;
                }
                if (rgb == 0xFF00FF) {
                    fail(name + ": magenta at " + x + "," + y + ": the mapfile's own class was drawn, not the SLD");
                }
            }
        }
        double share = (double) drawn / ((long) image.getWidth() * image.getHeight());
        assertThat(colours.size()).as(name + " colours").isGreaterThanOrEqualTo(3);
        assertThat(share).as(name + " share of drawn pixels").isGreaterThan(0.01);
    }

    private String mapfile(String table, Envelope extent) {
        Matcher m = DATABASE.matcher(url);
        assertThat(m.find()).as(url).isTrue();
        String connection = "host=" + PostgisServer.host() + " port=" + PostgisServer.port() + " dbname=" + m.group(1)
                + " user=" + PostgisServer.user() + " password=" + PostgisServer.password();
        return """
                MAP
                  NAME "carbonmap-styles"
                  EXTENT %s %s %s %s
                  SIZE 800 800
                  UNITS DD
                  IMAGECOLOR 255 255 255
                  FONTSET "%s"
                  PROJECTION "init=epsg:4326" END
                  WEB
                    METADATA
                      "wms_title" "CarbonMap styles"
                      "wms_srs" "EPSG:4326"
                      "wms_enable_request" "*"
                    END
                  END
                  LAYER
                    NAME "%s"
                    TYPE POLYGON
                    STATUS ON
                    CONNECTIONTYPE POSTGIS
                    CONNECTION "%s"
                    DATA "geom from %s using unique id using srid=4490"
                    PROJECTION "init=epsg:4490" END
                    METADATA "wms_title" "%s" END
                    # magenta: what the layer would look like if the SLD were not applied
                    CLASS STYLE COLOR 255 0 255 END END
                  END
                END
                """.formatted(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY(),
                dir.resolve("fonts.txt"), table, connection, table, table);
    }
}
