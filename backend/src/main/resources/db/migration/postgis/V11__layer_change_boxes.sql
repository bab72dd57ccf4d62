-- Where each change happened: the bounding box of the feature before and after it (their union), in EPSG:4490.
-- A page of features by area stays valid while no later change's box meets its own; NULL (whole-layer changes and
-- entries older than this migration) meets every box.
ALTER TABLE layer_change ADD COLUMN min_x DOUBLE PRECISION;
ALTER TABLE layer_change ADD COLUMN min_y DOUBLE PRECISION;
ALTER TABLE layer_change ADD COLUMN max_x DOUBLE PRECISION;
ALTER TABLE layer_change ADD COLUMN max_y DOUBLE PRECISION;
