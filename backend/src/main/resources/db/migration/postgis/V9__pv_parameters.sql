-- Rooftop PV potential: the parameters of the yield model, each with its source; admins edit them.
CREATE TABLE pv_parameter (
    param_key VARCHAR(64) PRIMARY KEY,
    param_value DOUBLE PRECISION,
    source VARCHAR(400) NOT NULL,
    updated_by VARCHAR(64) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('usable_fraction.public_institution', 0.4, '国家能源局综合司《关于报送整县（市、区）屋顶分布式光伏开发试点方案的通知》（2021-06-20）：党政机关建筑屋顶总面积可安装光伏发电比例不低于50%，学校、医院、村委会等公共建筑不低于40%；公共机构取两者中较低的40%', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('usable_fraction.factory', 0.3, '同上：工商业厂房屋顶总面积可安装光伏发电比例不低于30%', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('usable_fraction.commercial', 0.3, '同上：工商业厂房屋顶不低于30%（商业建筑按工商业取值）', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('usable_fraction.residential', 0.2, '同上：农村居民屋顶总面积可安装光伏发电比例不低于20%（城镇住宅按同值取）', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('module_kwp_per_m2', 0.2, '组件面积功率密度：标准测试条件（STC，辐照度1000 W/m²，IEC 60904-3）下组件效率20%即0.20 kWp/m²；主流量产晶硅组件效率在20%以上，取保守值', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('annual_yield_kwh_per_kwp', 1200, '估算，待核定：天津（北纬约39°）倾斜面年总辐照量约1500 kWh/m² × 系统综合效率0.8，按GB 50797-2012《光伏发电站设计规范》上网电量E_P = H_A × P_AZ / E_s × K的方法；请以PVGIS或本地气象站辐照数据核定后修改', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('grid_emission_t_per_mwh', 0.6361, '生态环境部、国家统计局《关于发布2023年电力二氧化碳排放因子的公告》：华北区域电力平均二氧化碳排放因子0.6361 kgCO₂/kWh（全国0.5306）', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('district_generation_capacity_kw', NULL, '未录入：全区发电装机总容量（kW），由区发改委提供后录入，用于计算屋顶光伏在清洁能源发电装机中的占比', 'system', CURRENT_TIMESTAMP);
INSERT INTO pv_parameter (param_key, param_value, source, updated_by, updated_at) VALUES ('building_energy_use_kwh_per_year', NULL, '未录入：全区城市建筑年用能（kWh，电当量），由区住建委提供后录入，用于计算建筑可再生能源替代率', 'system', CURRENT_TIMESTAMP);
