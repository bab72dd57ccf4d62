-- An import is recorded once instead of copying every imported feature into feature_history (issue 19): one marker
-- row in feature_history (feature_id 0, version 0: its id orders the import among the other edits, its edit_id,
-- op, actor, changed_at and undone are the import's) and here the range of ids the import's new rows took. A feature
-- of that range still at version 1 has its history entry read from its current row; an update first writes that
-- entry into feature_history, and a deletion's own row (the state deleted) stands for it afterwards. Imports made
-- before this migration have their history rows already and no entry here.
CREATE TABLE feature_import (
    history_id BIGINT PRIMARY KEY,
    edit_id VARCHAR(40) NOT NULL,
    layer_name VARCHAR(32) NOT NULL,
    first_id BIGINT NOT NULL,
    last_id BIGINT NOT NULL
);
CREATE INDEX feature_import_layer_idx ON feature_import(layer_name, first_id);
CREATE INDEX feature_import_edit_idx ON feature_import(edit_id);
