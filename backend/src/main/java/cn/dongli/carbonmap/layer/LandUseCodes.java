package cn.dongli.carbonmap.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GB/T 21010-2017 land-use codes (as used by the third national land survey, 三调) and their land-cover class.
 *
 * <p>Wetland follows the survey's 湿地 group (mangrove, forest and shrub swamp, marsh grassland, salt pans, tidal and
 * inland flats, marsh). Facility farmland (1202, greenhouses and farm buildings) counts as built, not blue-green.
 * Two-digit first-level codes are accepted too. The original code is kept in the feature's {@code source_code}.
 */
final class LandUseCodes {

    private LandUseCodes() {
    }

    static Map<String, String> aliases() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "cropland", "01", "0101", "0102", "0103", "1203", "耕地", "水田", "水浇地", "旱地", "田坎");
        put(m, "orchard", "02", "0201", "0202", "0203", "0204", "园地", "果园", "茶园", "橡胶园", "其他园地");
        put(m, "forest", "03", "0301", "0302", "0305", "0307", "林地", "乔木林地", "竹林地", "灌木林地", "其他林地");
        put(m, "wetland", "00", "0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108", "湿地", "红树林地",
                "森林沼泽", "灌丛沼泽", "沼泽草地", "盐田", "沿海滩涂", "内陆滩涂", "沼泽地");
        put(m, "grassland", "04", "0401", "0403", "0404", "草地", "天然牧草地", "人工牧草地", "其他草地");
        put(m, "built", "05", "0501", "0502", "0503", "0504", "0505", "0506", "0507", "0508", "06", "0601", "0602",
                "0604", "07", "0701", "0702", "08", "0801", "0802", "0803", "0804", "0805", "0806", "0807", "0808",
                "0809", "0810A", "09", "1005", "1007", "1008", "1009", "1109", "1202", "商服用地", "工矿仓储用地",
                "工业用地", "采矿用地", "仓储用地", "住宅用地", "城镇住宅用地", "农村宅基地", "公共管理与公共服务用地",
                "特殊用地", "广场用地", "机场用地", "港口码头用地", "水工建筑用地", "设施农用地", "建设用地");
        put(m, "park_green", "0810", "公园与绿地");
        put(m, "road", "10", "1001", "1002", "1003", "1004", "1006", "交通运输用地", "铁路用地", "轨道交通用地",
                "公路用地", "城镇村道路用地", "农村道路");
        put(m, "water", "11", "1101", "1102", "1103", "1104", "1104A", "1107", "1110", "水域及水利设施用地", "河流水面",
                "湖泊水面", "水库水面", "坑塘水面", "养殖坑塘", "沟渠", "冰川及永久积雪");
        put(m, "bare", "12", "1201", "1204", "1205", "1206", "1207", "其他土地", "空闲地", "盐碱地", "沙地", "裸土地",
                "裸岩石砾地");
        return m;
    }

    private static void put(Map<String, String> m, String cls, String... codes) {
        for (String c : codes) {
            m.put(c, cls);
        }
    }
}
