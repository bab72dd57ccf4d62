package cn.dongli.carbonmap.layer;

import static cn.dongli.carbonmap.layer.AttributeType.BOOLEAN;
import static cn.dongli.carbonmap.layer.AttributeType.DATE;
import static cn.dongli.carbonmap.layer.AttributeType.DECIMAL;
import static cn.dongli.carbonmap.layer.AttributeType.ENUM;
import static cn.dongli.carbonmap.layer.AttributeType.INTEGER;
import static cn.dongli.carbonmap.layer.AttributeType.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven layers of CarbonMap and their schemas.
 *
 * <p>Aliases let files in the district's own vocabulary import as they are: Chinese status words (已建成, 已验收),
 * species names (杨树), building uses (公共机构, 厂房) and GB/T 21010 land-use codes (0301 乔木林地 → forest).
 */
public final class LayerCatalog {

    /** 管控区 and the structure of the ecological barrier (一廊两芯两环六片区). */
    public static final String ZONES = "zones";
    /** The ten 街道 of Dongli. */
    public static final String STREETS = "streets";
    /** The land-cover survey (三调-style). */
    public static final String LAND_COVER = "land_cover";
    /** Forest inventory plots (林地小班). */
    public static final String FOREST_PLOTS = "forest_plots";
    /** Parks and green spaces. */
    public static final String PARKS = "parks";
    /** High-standard farmland projects (高标准农田). */
    public static final String FARMLAND = "farmland";
    /** Building rooftops and their PV state (屋顶光伏). */
    public static final String PV_ROOFTOPS = "pv_rooftops";

    private static final Map<String, String> STATUS_ZH = Map.of(
            "规划", "planned", "规划中", "planned", "拟建", "planned",
            "在建", "under_construction", "建设中", "under_construction",
            "已建", "built", "已建成", "built", "建成", "built");

    private final Map<String, Layer> layers = new LinkedHashMap<>();

    /** The catalogue of the seven layers. */
    public LayerCatalog() {
        add(new Layer(ZONES, "生态屏障管控区", "Ecological barrier zones", List.of(
                Attribute.of("code", STRING).required().maxLength(64).title("编码", "Code").fieldAliases("编码", "BM").build(),
                Attribute.of("name", STRING).required().title("名称", "Name").fieldAliases("名称", "MC").build(),
                Attribute.of("zone_type", ENUM).required()
                        .values("control_level", "functional_area", "corridor", "core", "ring")
                        .aliases(Map.of("管控区", "control_level", "片区", "functional_area", "廊", "corridor",
                                "绿廊", "corridor", "芯", "core", "环", "ring", "绿环", "ring"))
                        .title("类型", "Zone type").fieldAliases("类型", "LX").build(),
                Attribute.of("level", INTEGER).range(1.0, 3.0).title("管控级别", "Control level")
                        .fieldAliases("管控级别", "JB").build()),
                List.of(a -> {
                    boolean control = "control_level".equals(a.get("zone_type"));
                    if (control && a.get("level") == null) {
                        return "a control_level zone needs a level (1, 2 or 3)";
                    }
                    if (!control && a.get("level") != null) {
                        return "only control_level zones have a level";
                    }
                    return null;
                }),
                new Layer.Editing(Layer.Overlap.REFUSE_SAME_ZONE_TYPE, List.of(), List.of(), null)));
        add(new Layer(STREETS, "街道", "Streets", List.of(
                Attribute.of("code", STRING).required().pattern("\\d{12}").maxLength(12)
                        .title("统计用区划代码", "Statistics code").fieldAliases("编码", "区划代码", "ext_id").build(),
                Attribute.of("name", STRING).required().title("名称", "Name").fieldAliases("名称", "ext_name").build()),
                List.of(),
                new Layer.Editing(Layer.Overlap.REFUSE, List.of(), List.of(), null)));
        add(new Layer(LAND_COVER, "土地覆盖", "Land cover", List.of(
                Attribute.of("class", ENUM).column("cover_class").required()
                        .values("forest", "cropland", "orchard", "grassland", "water", "wetland", "park_green", "built",
                                "road", "bare")
                        .aliases(LandUseCodes.aliases()).keepAliasIn("source_code")
                        .title("覆盖类型", "Class").fieldAliases("DLBM", "地类编码", "DLMC", "地类名称", "land_use").build(),
                Attribute.of("source_code", STRING).maxLength(32).title("原地类编码", "Original land-use code").build()),
                List.of(),
                new Layer.Editing(Layer.Overlap.REFUSE, List.of(), List.of(), null)));
        add(new Layer(FOREST_PLOTS, "林地小班", "Forest plots", List.of(
                Attribute.of("plot_code", STRING).required().maxLength(64).title("小班号", "Plot code")
                        .fieldAliases("小班号", "XBH").build(),
                Attribute.of("species", ENUM).required()
                        .values("poplar", "willow", "ash", "sophora", "black_locust", "elm", "chinese_pine",
                                "arborvitae", "other")
                        .aliases(Map.of("杨树", "poplar", "柳树", "willow", "白蜡", "ash", "国槐", "sophora",
                                "刺槐", "black_locust", "榆树", "elm", "油松", "chinese_pine", "侧柏", "arborvitae",
                                "其他", "other"))
                        .title("优势树种", "Species").fieldAliases("优势树种", "树种", "YSSZ").build(),
                Attribute.of("canopy_closure", DECIMAL).required().range(0.0, 1.0).title("郁闭度", "Canopy closure")
                        .fieldAliases("郁闭度", "YBD").build(),
                Attribute.of("planted_year", INTEGER).range(1949.0, 2100.0).title("造林年度", "Planted year")
                        .fieldAliases("造林年度", "ZLND").build(),
                Attribute.of("stock_m3", DECIMAL).required().range(0.0, 1.0e6).title("蓄积量（m³）", "Stock (m³)")
                        .fieldAliases("蓄积量", "XJL").build(),
                Attribute.of("survey_date", DATE).title("调查日期", "Survey date").fieldAliases("调查日期", "DCRQ").build()),
                List.of(),
                new Layer.Editing(Layer.Overlap.REFUSE,
                        List.of("species", "canopy_closure", "planted_year", "stock_m3", "survey_date"),
                        List.of("stock_m3"), "plot_code")));
        add(new Layer(PARKS, "公园绿地", "Parks", List.of(
                Attribute.of("name", STRING).required().title("名称", "Name").fieldAliases("名称", "MC").build(),
                Attribute.of("status", ENUM).required().values("planned", "under_construction", "built")
                        .aliases(STATUS_ZH).title("状态", "Status").fieldAliases("状态", "ZT").build(),
                Attribute.of("year", INTEGER).column("project_year").range(1949.0, 2100.0).title("年份", "Year")
                        .fieldAliases("年份", "ND").build()),
                List.of(),
                new Layer.Editing(Layer.Overlap.ALLOW, List.of(), List.of(), null)));
        add(new Layer(FARMLAND, "高标准农田", "High-standard farmland", List.of(
                Attribute.of("project", STRING).required().title("项目名称", "Project").fieldAliases("项目名称", "XMMC").build(),
                Attribute.of("status", ENUM).required().values("planned", "under_construction", "accepted")
                        .aliases(Map.of("规划", "planned", "规划中", "planned", "在建", "under_construction",
                                "建设中", "under_construction", "已验收", "accepted", "验收", "accepted",
                                "建成并验收", "accepted"))
                        .title("状态", "Status").fieldAliases("状态", "ZT").build(),
                Attribute.of("year", INTEGER).column("project_year").range(1949.0, 2100.0).title("年度", "Year")
                        .fieldAliases("年度", "ND").build(),
                Attribute.of("street", STRING).maxLength(64).title("所在街道", "Street").fieldAliases("街道", "所在街道").build()),
                List.of(),
                new Layer.Editing(Layer.Overlap.REFUSE, List.of(), List.of(), null)));
        add(new Layer(PV_ROOFTOPS, "屋顶光伏", "Rooftop PV", List.of(
                Attribute.of("building_use", ENUM).required()
                        .values("public_institution", "factory", "residential", "commercial")
                        .aliases(Map.of("公共机构", "public_institution", "厂房", "factory", "工厂", "factory",
                                "住宅", "residential", "商业", "commercial"))
                        .title("建筑用途", "Building use").fieldAliases("建筑用途", "YT").build(),
                Attribute.of("built_year", INTEGER).required().range(1900.0, 2100.0).title("建成年份", "Built year")
                        .fieldAliases("建成年份", "JCNF").build(),
                Attribute.of("roof_area_m2", DECIMAL).required().range(0.0, 1.0e6).title("屋顶面积（m²）", "Roof area (m²)")
                        .fieldAliases("屋顶面积", "WDMJ").build(),
                Attribute.of("pv_installed", BOOLEAN).required().title("已装光伏", "PV installed")
                        .fieldAliases("已装光伏", "SFAZ").build(),
                Attribute.of("pv_area_m2", DECIMAL).range(0.0, 1.0e6).title("光伏面积（m²）", "PV area (m²)")
                        .fieldAliases("光伏面积", "GFMJ").build(),
                Attribute.of("pv_capacity_kwp", DECIMAL).range(0.0, 1.0e6).title("装机容量（kWp）", "Capacity (kWp)")
                        .fieldAliases("装机容量", "ZJRL").build()),
                List.of(a -> {
                    Double pv = (Double) a.get("pv_area_m2");
                    Double roof = (Double) a.get("roof_area_m2");
                    if (pv != null && roof != null && pv > roof * 1.0001) {
                        return "pv_area_m2 (" + pv + ") exceeds roof_area_m2 (" + roof + ")";
                    }
                    boolean installed = Boolean.TRUE.equals(a.get("pv_installed"));
                    if (!installed && ((pv != null && pv > 0) || positive(a.get("pv_capacity_kwp")))) {
                        return "pv_installed is false but a PV area or capacity is given";
                    }
                    return null;
                }),
                new Layer.Editing(Layer.Overlap.REFUSE, List.of(),
                        List.of("roof_area_m2", "pv_area_m2", "pv_capacity_kwp"), null)));
    }

    private static boolean positive(Object v) {
        return v instanceof Double d && d > 0;
    }

    private void add(Layer layer) {
        layers.put(layer.name(), layer);
    }

    /** All layers, in display order. */
    public List<Layer> all() {
        return List.copyOf(layers.values());
    }

    /** The layer of that name. */
    public Optional<Layer> find(String name) {
        return Optional.ofNullable(layers.get(name));
    }

    /**
     * The layer of that name.
     *
     * @throws UnknownLayerException if there is none
     */
    public Layer get(String name) {
        Layer layer = layers.get(name);
        if (layer == null) {
            throw new UnknownLayerException(name, layers.keySet());
        }
        return layer;
    }
}
