package cn.dongli.carbonmap.geom.io;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;

import cn.dongli.carbonmap.geom.Crs;

/** What the export tests write: three parcels in CGCS2000 GK CM 117E, with every column type. */
final class ExportSamples {

    /** 120 characters of remarks: 360 bytes of UTF-8, more than a DBF field holds. */
    static final String LONG_REMARK = "东丽湖湿地保护区核心区芦苇生长良好，".repeat(7) + "东丽湖湿地保护区核心区芦苇";

    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("名称", ColumnSpec.Type.STRING),
            new ColumnSpec("canopy_closure", ColumnSpec.Type.DECIMAL),
            new ColumnSpec("canopy_closure_2018", ColumnSpec.Type.DECIMAL),
            new ColumnSpec("株数", ColumnSpec.Type.INTEGER),
            new ColumnSpec("公益林", ColumnSpec.Type.BOOLEAN),
            new ColumnSpec("调查日期", ColumnSpec.Type.DATE),
            new ColumnSpec("备注", ColumnSpec.Type.STRING));

    private ExportSamples() {
    }

    /** The parcels of {@link DongliSamples#PARCELS}, projected to EPSG:4548 as an export would. */
    static List<WritableFeature> features() {
        Map<String, Object> wetland = new HashMap<>();
        wetland.put("名称", "东丽湖湿地");
        wetland.put("canopy_closure", 0.65);
        wetland.put("canopy_closure_2018", new BigDecimal("0.5"));
        wetland.put("株数", 340L);
        wetland.put("公益林", true);
        wetland.put("调查日期", LocalDate.of(2024, 5, 1));
        wetland.put("备注", LONG_REMARK);
        wetland.put("not_a_column", "dropped");
        Map<String, Object> belt = new HashMap<>();
        belt.put("名称", "金钟河防护林带, \"北段\"\n二期");
        belt.put("canopy_closure", -12345.678);
        belt.put("株数", 12);
        belt.put("公益林", false);
        belt.put("备注", "=HYPERLINK(\"http://example.com\")");
        Map<String, Object> lost = new HashMap<>();
        lost.put("名称", "无图形记录");
        return List.of(
                new WritableFeature(101L, projected(DongliSamples.PARCEL_WKT[0]), wetland),
                new WritableFeature(102L, projected(DongliSamples.PARCEL_WKT[1]), belt),
                new WritableFeature(103L, null, lost));
    }

    private static Geometry projected(String lonLatWkt) {
        return Crs.fromStorage(4548).apply(DongliSamples.wkt(lonLatWkt), 4548);
    }
}
