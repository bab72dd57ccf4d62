-- The grant to enter the plan's indicator values (issue 17): editors need it, admins always may; so no existing
-- editor keeps entering values until an admin grants it.
ALTER TABLE account ADD COLUMN plan_values BOOLEAN DEFAULT FALSE NOT NULL;
