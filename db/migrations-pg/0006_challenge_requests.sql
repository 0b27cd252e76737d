CREATE TABLE "challenge_requests" (
	"challenge_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"linked_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"announced_at" timestamp (3) with time zone,
	CONSTRAINT "challenge_requests_challenge_id_request_id_pk" PRIMARY KEY("challenge_id","request_id")
);
--> statement-breakpoint
ALTER TABLE "data_request_events" ADD COLUMN "kind" text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE "data_request_events" ADD COLUMN "challenge_id" integer;--> statement-breakpoint
ALTER TABLE "challenge_requests" ADD CONSTRAINT "challenge_requests_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_requests" ADD CONSTRAINT "challenge_requests_request_id_data_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_requests" ADD CONSTRAINT "challenge_requests_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_requests_request_idx" ON "challenge_requests" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE "data_request_events" ADD CONSTRAINT "data_request_events_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE set null ON UPDATE no action;