CREATE TABLE "missed_visit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"scheduled_at" timestamp (3) with time zone NOT NULL,
	"outcome" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_addendum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"note" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "missed_visit" ADD CONSTRAINT "missed_visit_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missed_visit" ADD CONSTRAINT "missed_visit_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_addendum" ADD CONSTRAINT "session_addendum_session_id_therapy_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."therapy_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_addendum" ADD CONSTRAINT "session_addendum_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "missed_visit_referral_scheduled_idx" ON "missed_visit" USING btree ("referral_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "missed_visit_therapist_idx" ON "missed_visit" USING btree ("therapist_id");--> statement-breakpoint
CREATE INDEX "session_addendum_session_created_idx" ON "session_addendum" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "session_addendum_author_idx" ON "session_addendum" USING btree ("author_id");