-- Issue 13 item 4: the engine build (git commit of the code around the rules) that made a decision, next to the
-- ruleset hash; replay compares it with the build that replays. Null for decisions made before it was recorded
-- or by a build made outside a git checkout.
alter table screening_decision add column engine_build varchar(80);
