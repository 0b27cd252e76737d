-- The site search on PostgreSQL, under SQLite's names (migrations 0004, 0006, 0009 there): one row
-- per searchable document in search_index, doc = source id × 8 + kind (1 challenge, 2 dataset,
-- 3 request, 4 entry, 5 comment), kept in step by triggers on the source tables. Who may see a
-- document is decided at query time from the source table, as on SQLite.
--
-- Chinese has no spaces between words, and PostgreSQL's text parsers and pg_trgm find words by the
-- server's locale (a C locale sees no letters in Chinese at all). So the index does not parse: the
-- terms are every character and every pair of adjacent characters of the (lower-cased) text, given
-- to the tsvector as they are (array_to_tsvector), the title's weighted above the body's. A query
-- term becomes the AND of its pairs (or its characters), found through the GIN index, and each
-- candidate is confirmed as a substring (ILIKE), so 1-, 2- and longer terms all match exactly as on
-- SQLite, whatever the locale.
CREATE FUNCTION "jdz_search_grams"("source" text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- The text is split into characters once (substr by position would walk multibyte text from the
  -- start for every character: quadratic in the length of a long entry).
  WITH "chars" AS (
    SELECT "c", "i" FROM unnest(regexp_split_to_array(lower("source"), '')) WITH ORDINALITY AS "u"("c", "i")
  )
  SELECT coalesce(array_agg(DISTINCT "gram"), '{}') FROM (
    SELECT "c" AS "gram" FROM "chars"
    UNION ALL
    SELECT "c" || lead("c") OVER (ORDER BY "i") FROM "chars"
  ) AS "grams"
  WHERE "gram" IS NOT NULL AND "gram" <> '' AND "gram" !~ '[[:space:][:punct:][:cntrl:]]'
$$;
--> statement-breakpoint
-- A search box's terms as a tsquery over the same grams, built here so that lower-casing and the
-- characters left out are the index's own: every pair of each term (or, for a term without a pair
-- the index holds, each of its characters). NULL when a term has nothing the index holds (it is
-- punctuation only): such a search finds nothing, as on SQLite.
CREATE FUNCTION "jdz_search_query"("terms" text[]) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  "term" text;
  "grams" text[];
  "lexemes" text[] := '{}';
BEGIN
  FOREACH "term" IN ARRAY "terms" LOOP
    "grams" := ARRAY(SELECT "g" FROM unnest(jdz_search_grams("term")) AS "g" WHERE char_length("g") = 2);
    IF cardinality("grams") = 0 THEN
      "grams" := jdz_search_grams("term");
    END IF;
    IF cardinality("grams") = 0 THEN
      RETURN NULL;
    END IF;
    "lexemes" := "lexemes" || "grams";
  END LOOP;
  IF cardinality("lexemes") = 0 THEN
    RETURN NULL;
  END IF;
  -- Each lexeme quoted, so tsquery's input takes it as it is (no parser runs on it).
  RETURN array_to_string(ARRAY(
    SELECT '''' || replace(replace("l", '\', '\\'), '''', '''''') || '''' FROM unnest("lexemes") AS "l"
  ), ' & ')::tsquery;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "jdz_search_terms"("title" text, "body" text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(array_to_tsvector(jdz_search_grams(coalesce("title", ''))), 'A') || array_to_tsvector(jdz_search_grams(coalesce("body", '')))
$$;
--> statement-breakpoint
CREATE TABLE "search_index" (
  "doc" bigint PRIMARY KEY NOT NULL,
  "kind" text NOT NULL,
  "ref_id" integer NOT NULL,
  "title" text NOT NULL,
  "body" text NOT NULL,
  "terms" tsvector GENERATED ALWAYS AS (jdz_search_terms("title", "body")) STORED
);
--> statement-breakpoint
CREATE INDEX "search_index_terms_idx" ON "search_index" USING gin ("terms");
--> statement-breakpoint
-- One trigger function for every searchable table; each trigger names the document's kind, its
-- number in `doc`, the title column ('' for none) and the body columns, joined by line breaks.
CREATE FUNCTION "search_document"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "kind_number" integer := TG_ARGV[1]::integer;
  "source" jsonb;
  "body" text := '';
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "search_index" WHERE "doc" = OLD."id" * 8 + "kind_number";
    RETURN NULL;
  END IF;
  "source" := to_jsonb(NEW);
  FOR "i" IN 3 .. TG_NARGS - 1 LOOP
    "body" := "body" || CASE WHEN "i" > 3 THEN chr(10) ELSE '' END || coalesce("source" ->> TG_ARGV["i"], '');
  END LOOP;
  INSERT INTO "search_index" ("doc", "kind", "ref_id", "title", "body")
  VALUES (NEW."id" * 8 + "kind_number", TG_ARGV[0], NEW."id", coalesce("source" ->> TG_ARGV[2], ''), "body")
  ON CONFLICT ("doc") DO UPDATE SET "title" = EXCLUDED."title", "body" = EXCLUDED."body";
  RETURN NULL;
END
$$;
--> statement-breakpoint
INSERT INTO "search_index" ("doc", "kind", "ref_id", "title", "body") SELECT "id" * 8 + 1, 'challenge', "id", "title", "summary" || chr(10) || "body" FROM "challenges";
--> statement-breakpoint
CREATE TRIGGER "search_challenges_ai" AFTER INSERT ON "challenges" FOR EACH ROW EXECUTE FUNCTION "search_document"('challenge', '1', 'title', 'summary', 'body');
--> statement-breakpoint
CREATE TRIGGER "search_challenges_au" AFTER UPDATE OF "title", "summary", "body" ON "challenges" FOR EACH ROW EXECUTE FUNCTION "search_document"('challenge', '1', 'title', 'summary', 'body');
--> statement-breakpoint
CREATE TRIGGER "search_challenges_ad" AFTER DELETE ON "challenges" FOR EACH ROW EXECUTE FUNCTION "search_document"('challenge', '1', 'title', 'summary', 'body');
--> statement-breakpoint
INSERT INTO "search_index" ("doc", "kind", "ref_id", "title", "body") SELECT "id" * 8 + 2, 'dataset', "id", "title", "description" FROM "datasets";
--> statement-breakpoint
CREATE TRIGGER "search_datasets_ai" AFTER INSERT ON "datasets" FOR EACH ROW EXECUTE FUNCTION "search_document"('dataset', '2', 'title', 'description');
--> statement-breakpoint
CREATE TRIGGER "search_datasets_au" AFTER UPDATE OF "title", "description" ON "datasets" FOR EACH ROW EXECUTE FUNCTION "search_document"('dataset', '2', 'title', 'description');
--> statement-breakpoint
CREATE TRIGGER "search_datasets_ad" AFTER DELETE ON "datasets" FOR EACH ROW EXECUTE FUNCTION "search_document"('dataset', '2', 'title', 'description');
--> statement-breakpoint
INSERT INTO "search_index" ("doc", "kind", "ref_id", "title", "body") SELECT "id" * 8 + 3, 'request', "id", "title", "description" || chr(10) || "purpose" FROM "data_requests";
--> statement-breakpoint
CREATE TRIGGER "search_requests_ai" AFTER INSERT ON "data_requests" FOR EACH ROW EXECUTE FUNCTION "search_document"('request', '3', 'title', 'description', 'purpose');
--> statement-breakpoint
CREATE TRIGGER "search_requests_au" AFTER UPDATE OF "title", "description", "purpose" ON "data_requests" FOR EACH ROW EXECUTE FUNCTION "search_document"('request', '3', 'title', 'description', 'purpose');
--> statement-breakpoint
CREATE TRIGGER "search_requests_ad" AFTER DELETE ON "data_requests" FOR EACH ROW EXECUTE FUNCTION "search_document"('request', '3', 'title', 'description', 'purpose');
--> statement-breakpoint
INSERT INTO "search_index" ("doc", "kind", "ref_id", "title", "body") SELECT "id" * 8 + 4, 'entry', "id", "title", "summary" || chr(10) || "body" FROM "submissions";
--> statement-breakpoint
CREATE TRIGGER "search_entries_ai" AFTER INSERT ON "submissions" FOR EACH ROW EXECUTE FUNCTION "search_document"('entry', '4', 'title', 'summary', 'body');
--> statement-breakpoint
CREATE TRIGGER "search_entries_au" AFTER UPDATE OF "title", "summary", "body" ON "submissions" FOR EACH ROW EXECUTE FUNCTION "search_document"('entry', '4', 'title', 'summary', 'body');
--> statement-breakpoint
CREATE TRIGGER "search_entries_ad" AFTER DELETE ON "submissions" FOR EACH ROW EXECUTE FUNCTION "search_document"('entry', '4', 'title', 'summary', 'body');
--> statement-breakpoint
INSERT INTO "search_index" ("doc", "kind", "ref_id", "title", "body") SELECT "id" * 8 + 5, 'comment', "id", '', "body" FROM "comments" WHERE "deleted_at" IS NULL;
--> statement-breakpoint
CREATE TRIGGER "search_comments_ai" AFTER INSERT ON "comments" FOR EACH ROW EXECUTE FUNCTION "search_document"('comment', '5', '', 'body');
--> statement-breakpoint
CREATE TRIGGER "search_comments_au" AFTER UPDATE OF "body" ON "comments" FOR EACH ROW EXECUTE FUNCTION "search_document"('comment', '5', '', 'body');
--> statement-breakpoint
CREATE TRIGGER "search_comments_ad" AFTER DELETE ON "comments" FOR EACH ROW EXECUTE FUNCTION "search_document"('comment', '5', '', 'body');
