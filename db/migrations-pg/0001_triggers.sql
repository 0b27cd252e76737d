-- The triggers of the SQLite migrations that keep derived values, with the same names, tables and
-- conditions (SQLite's `IS NOT` is `IS DISTINCT FROM` here):
-- * data_request_votes_count_* keep data_requests.vote_count (SQLite migration 0008);
-- * results_inputs_* bump challenges.results_inputs_version whenever anything the results are
--   computed from changes, so a stored snapshot knows it is stale by one comparison (0011).
-- Not here, each for its own step of issue 22: the search index (FTS5 tables and search_* triggers,
-- 0004/0006/0009), the append-only audit log (0003). Public UUIDs (0020) are a column default.
CREATE FUNCTION "data_request_votes_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "data_requests" SET "vote_count" = "vote_count" + 1 WHERE "id" = NEW."request_id";
  ELSE
    UPDATE "data_requests" SET "vote_count" = "vote_count" - 1 WHERE "id" = OLD."request_id";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "data_request_votes_count_insert" AFTER INSERT ON "data_request_votes"
FOR EACH ROW EXECUTE FUNCTION "data_request_votes_count"();
--> statement-breakpoint
CREATE TRIGGER "data_request_votes_count_delete" AFTER DELETE ON "data_request_votes"
FOR EACH ROW EXECUTE FUNCTION "data_request_votes_count"();
--> statement-breakpoint
-- Bumps the challenges of the old and the new row's challenge_id (whichever the operation has).
CREATE FUNCTION "results_inputs_bump_challenge"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "challenges" SET "results_inputs_version" = "results_inputs_version" + 1 WHERE "id" = OLD."challenge_id";
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id") THEN
    UPDATE "challenges" SET "results_inputs_version" = "results_inputs_version" + 1 WHERE "id" = NEW."challenge_id";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Reviews count once completed; the challenge is the reviewed submission's.
CREATE FUNCTION "results_inputs_reviews"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  submission_ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    submission_ids := ARRAY[NEW."submission_id"];
  ELSIF TG_OP = 'UPDATE' THEN
    submission_ids := ARRAY[OLD."submission_id", NEW."submission_id"];
  ELSE
    submission_ids := ARRAY[OLD."submission_id"];
  END IF;
  UPDATE "challenges" SET "results_inputs_version" = "results_inputs_version" + 1
  WHERE "id" IN (SELECT "challenge_id" FROM "submissions" WHERE "id" = ANY (submission_ids));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Scores count when their review is completed.
CREATE FUNCTION "results_inputs_scores"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  review_ids integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    review_ids := ARRAY[NEW."review_id"];
  ELSIF TG_OP = 'UPDATE' THEN
    review_ids := ARRAY[OLD."review_id", NEW."review_id"];
  ELSE
    review_ids := ARRAY[OLD."review_id"];
  END IF;
  UPDATE "challenges" SET "results_inputs_version" = "results_inputs_version" + 1
  WHERE "id" IN (
    SELECT s."challenge_id" FROM "reviews" r JOIN "submissions" s ON s."id" = r."submission_id"
    WHERE r."id" = ANY (review_ids) AND r."status" = 'completed'
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Possible conflicts come from judges' e-mail domains.
CREATE FUNCTION "results_inputs_users_email"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "challenges" SET "results_inputs_version" = "results_inputs_version" + 1
  WHERE "id" IN (SELECT "challenge_id" FROM "challenge_judges" WHERE "user_id" = NEW."id");
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Expected reviews follow the assignment rule.
CREATE FUNCTION "results_inputs_challenges"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "challenges" SET "results_inputs_version" = "results_inputs_version" + 1 WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "results_inputs_reviews_ai" AFTER INSERT ON "reviews"
FOR EACH ROW WHEN (NEW."status" = 'completed') EXECUTE FUNCTION "results_inputs_reviews"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_reviews_au" AFTER UPDATE OF "status", "submission_id", "judge_id" ON "reviews"
FOR EACH ROW WHEN (
  (NEW."status" IS DISTINCT FROM OLD."status" OR NEW."submission_id" IS DISTINCT FROM OLD."submission_id" OR NEW."judge_id" IS DISTINCT FROM OLD."judge_id")
  AND (NEW."status" = 'completed' OR OLD."status" = 'completed')
) EXECUTE FUNCTION "results_inputs_reviews"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_reviews_ad" AFTER DELETE ON "reviews"
FOR EACH ROW WHEN (OLD."status" = 'completed') EXECUTE FUNCTION "results_inputs_reviews"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_scores_ai" AFTER INSERT ON "scores"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_scores"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_scores_au" AFTER UPDATE OF "score", "review_id", "criterion_id" ON "scores"
FOR EACH ROW WHEN (NEW."score" IS DISTINCT FROM OLD."score" OR NEW."review_id" IS DISTINCT FROM OLD."review_id" OR NEW."criterion_id" IS DISTINCT FROM OLD."criterion_id")
EXECUTE FUNCTION "results_inputs_scores"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_scores_ad" AFTER DELETE ON "scores"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_scores"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_conflicts_ai" AFTER INSERT ON "conflicts"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_conflicts_au" AFTER UPDATE OF "challenge_id", "submission_id", "judge_id" ON "conflicts"
FOR EACH ROW WHEN (NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id" OR NEW."submission_id" IS DISTINCT FROM OLD."submission_id" OR NEW."judge_id" IS DISTINCT FROM OLD."judge_id")
EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_conflicts_ad" AFTER DELETE ON "conflicts"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_judges_ai" AFTER INSERT ON "challenge_judges"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_judges_au" AFTER UPDATE OF "challenge_id", "user_id" ON "challenge_judges"
FOR EACH ROW WHEN (NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id" OR NEW."user_id" IS DISTINCT FROM OLD."user_id")
EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_judges_ad" AFTER DELETE ON "challenge_judges"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_assignments_ai" AFTER INSERT ON "judge_assignments"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_assignments_au" AFTER UPDATE OF "challenge_id", "submission_id", "judge_id" ON "judge_assignments"
FOR EACH ROW WHEN (NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id" OR NEW."submission_id" IS DISTINCT FROM OLD."submission_id" OR NEW."judge_id" IS DISTINCT FROM OLD."judge_id")
EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_assignments_ad" AFTER DELETE ON "judge_assignments"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_submissions_ai" AFTER INSERT ON "submissions"
FOR EACH ROW WHEN (NEW."status" = 'submitted') EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_submissions_au" AFTER UPDATE OF "status", "challenge_id" ON "submissions"
FOR EACH ROW WHEN (
  (NEW."status" IS DISTINCT FROM OLD."status" AND (NEW."status" = 'submitted' OR OLD."status" = 'submitted'))
  OR (NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id" AND (NEW."status" = 'submitted' OR OLD."status" = 'submitted'))
) EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_submissions_ad" AFTER DELETE ON "submissions"
FOR EACH ROW WHEN (OLD."status" = 'submitted') EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_criteria_ai" AFTER INSERT ON "criteria"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_criteria_au" AFTER UPDATE OF "challenge_id", "weight", "max_score" ON "criteria"
FOR EACH ROW WHEN (NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id" OR NEW."weight" IS DISTINCT FROM OLD."weight" OR NEW."max_score" IS DISTINCT FROM OLD."max_score")
EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_criteria_ad" AFTER DELETE ON "criteria"
FOR EACH ROW EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_members_ai" AFTER INSERT ON "submission_members"
FOR EACH ROW WHEN (NEW."status" = 'active') EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_members_au" AFTER UPDATE OF "status", "email", "submission_id", "challenge_id" ON "submission_members"
FOR EACH ROW WHEN (
  (NEW."status" IS DISTINCT FROM OLD."status" OR NEW."email" IS DISTINCT FROM OLD."email" OR NEW."submission_id" IS DISTINCT FROM OLD."submission_id" OR NEW."challenge_id" IS DISTINCT FROM OLD."challenge_id")
  AND (NEW."status" = 'active' OR OLD."status" = 'active')
) EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_members_ad" AFTER DELETE ON "submission_members"
FOR EACH ROW WHEN (OLD."status" = 'active') EXECUTE FUNCTION "results_inputs_bump_challenge"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_users_email_au" AFTER UPDATE OF "email" ON "users"
FOR EACH ROW WHEN (NEW."email" IS DISTINCT FROM OLD."email") EXECUTE FUNCTION "results_inputs_users_email"();
--> statement-breakpoint
CREATE TRIGGER "results_inputs_challenges_au" AFTER UPDATE OF "assignment_mode", "judges_per_entry" ON "challenges"
FOR EACH ROW WHEN (NEW."assignment_mode" IS DISTINCT FROM OLD."assignment_mode" OR NEW."judges_per_entry" IS DISTINCT FROM OLD."judges_per_entry")
EXECUTE FUNCTION "results_inputs_challenges"();
