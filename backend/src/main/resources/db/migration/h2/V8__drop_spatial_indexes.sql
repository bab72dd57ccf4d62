DROP INDEX zones_geom_idx;
DROP INDEX streets_geom_idx;
DROP INDEX land_cover_geom_idx;
DROP INDEX forest_plots_geom_idx;
DROP INDEX parks_geom_idx;
DROP INDEX farmland_geom_idx;
DROP INDEX pv_rooftops_geom_idx;
