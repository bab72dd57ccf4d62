-- Readers follow the change log per layer (a layer's entries commit in the order of their numbers, under the
-- layer's write lock; across layers they need not): the last entry of a layer is one index seek.
CREATE INDEX layer_change_layer_seq_idx ON layer_change(layer_name, seq);
