package cn.dongli.carbonmap.metrics;

import java.util.List;

/**
 * What the indicators count: every class list, status list and threshold, with the plan's defaults. All of it can be
 * set under {@code carbonmap.metrics.*}.
 *
 * @param blueGreenLandCover land-cover classes that are blue-green space (蓝绿空间)
 * @param blueGreenForestPlots whether every forest plot is blue-green space
 * @param blueGreenParkStatuses park statuses that count as blue-green space
 * @param blueGreenFarmlandStatuses farmland statuses that count as blue-green space (empty: all)
 * @param forestCanopyMin the canopy closure from which a plot is forest (China's definition of forest land: 0.2)
 * @param farmlandStatuses farmland statuses counted as built high-standard farmland
 * @param pvNewFromYear rooftops built in or after this year are "new"
 * @param pvBuildingUses building uses whose new rooftops are eligible for the PV target
 * @param piecesPerCell how many polygon pieces the engine aims to put in a grid cell (sets the cell size)
 * @param onTrackShare a target not yet due is "on track" when the value reaches this share of it
 * @param targets the plan's targets
 */
public record MetricsDefinitions(List<String> blueGreenLandCover, Boolean blueGreenForestPlots,
                                 List<String> blueGreenParkStatuses, List<String> blueGreenFarmlandStatuses,
                                 Double forestCanopyMin, List<String> farmlandStatuses, Integer pvNewFromYear,
                                 List<String> pvBuildingUses, Integer piecesPerCell, Double onTrackShare,
                                 List<PlanTarget> targets) {

    /** Square metres in one 亩. */
    public static final double M2_PER_MU = 10000.0 / 15.0;

    public MetricsDefinitions {
        blueGreenLandCover = orDefault(blueGreenLandCover,
                List.of("forest", "cropland", "orchard", "grassland", "water", "wetland", "park_green"));
        blueGreenForestPlots = blueGreenForestPlots == null || blueGreenForestPlots;
        blueGreenParkStatuses = orDefault(blueGreenParkStatuses, List.of("built"));
        blueGreenFarmlandStatuses = blueGreenFarmlandStatuses == null ? List.of() : List.copyOf(blueGreenFarmlandStatuses);
        forestCanopyMin = forestCanopyMin == null ? 0.2 : forestCanopyMin;
        farmlandStatuses = orDefault(farmlandStatuses, List.of("accepted"));
        pvNewFromYear = pvNewFromYear == null ? 2022 : pvNewFromYear;
        pvBuildingUses = orDefault(pvBuildingUses, List.of("public_institution", "factory"));
        piecesPerCell = piecesPerCell == null ? 48 : piecesPerCell;
        onTrackShare = onTrackShare == null ? 0.9 : onTrackShare;
        targets = targets == null || targets.isEmpty() ? planTargets() : List.copyOf(targets);
    }

    /** The defaults of the plan. */
    public static MetricsDefinitions defaults() {
        return new MetricsDefinitions(null, null, null, null, null, null, null, null, null, null, null);
    }

    private static List<String> orDefault(List<String> v, List<String> d) {
        return v == null || v.isEmpty() ? d : List.copyOf(v);
    }

    /** The spatial targets of 天津市东丽区碳达峰实施方案 (碳汇能力巩固提升行动, 城乡建设, 农业减排固碳). */
    static List<PlanTarget> planTargets() {
        String agri = "区农业农村委";
        return List.of(
                new PlanTarget("blueGreenShare", "barrier", 0.65, 2025, "生态屏障区蓝绿空间占比",
                        "Blue-green share of the ecological barrier", agri),
                new PlanTarget("blueGreenShare", "level:1", 0.85, 2025, "一级管控区蓝绿空间占比",
                        "Blue-green share of the level-1 control zone", agri),
                new PlanTarget("forestCover", "level:1", 0.275, 2025, "一级管控区森林覆盖率",
                        "Forest cover of the level-1 control zone", agri),
                new PlanTarget("forestStockM3", "barrier", 60_000, 2025, "森林蓄积量",
                        "Forest stock", agri),
                new PlanTarget("pvCountShare", "district", 0.5, 2025, "新建公共机构建筑、新建厂房屋顶光伏覆盖率",
                        "Rooftop PV on new public-institution buildings and factories", "区住建委"),
                new PlanTarget("farmlandMu", "district", 27_000, 2025, "建成并验收的高标准农田（亩）",
                        "High-standard farmland built and accepted (mu)", agri));
    }
}
