-- Snapshots name the shape of the state they hold. A build whose state has
-- another shape passes them over and rebuilds from the log; rows written
-- before this column existed have the empty shape, which no build has.
ALTER TABLE snapshots ADD COLUMN shape TEXT NOT NULL DEFAULT '';
