-- Rate limit counters and sign-in failures are rewritten on every attempt and worth nothing after a
-- crash (as when they lived in memory): unlogged, they cost no write-ahead log.
ALTER TABLE "rate_limits" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "sign_in_failures" SET UNLOGGED;
