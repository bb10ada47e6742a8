CREATE TABLE "appointment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"location" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"session_id" uuid,
	"reminded_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_ends_after_start" CHECK ("appointment"."ends_at" > "appointment"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "availability_exception" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"therapist_id" uuid NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "availability_window" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"therapist_id" uuid NOT NULL,
	"day_of_week" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"session_minutes" integer[] NOT NULL,
	"location" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_feed" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "therapist_schedule" (
	"therapist_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"late_cancel_hours" integer DEFAULT 24 NOT NULL,
	"auto_confirm" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_visit" (
	"user_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"seen_seq" bigint NOT NULL,
	"visited_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "referral_visit_user_id_referral_id_pk" PRIMARY KEY("user_id","referral_id")
);
--> statement-breakpoint
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
ALTER TABLE "uploaded_file" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD COLUMN "stored_in" text DEFAULT 'postgres' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "notification_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "occurrence" text;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "prescription_expires_on" date;--> statement-breakpoint
ALTER TABLE "message" ADD COLUMN "audience" text DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_session_id_therapy_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."therapy_session"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_exception" ADD CONSTRAINT "availability_exception_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_window" ADD CONSTRAINT "availability_window_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_schedule" ADD CONSTRAINT "therapist_schedule_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visit" ADD CONSTRAINT "referral_visit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visit" ADD CONSTRAINT "referral_visit_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missed_visit" ADD CONSTRAINT "missed_visit_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missed_visit" ADD CONSTRAINT "missed_visit_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_addendum" ADD CONSTRAINT "session_addendum_session_id_therapy_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."therapy_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_addendum" ADD CONSTRAINT "session_addendum_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_referral_starts_idx" ON "appointment" USING btree ("referral_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_therapist_starts_idx" ON "appointment" USING btree ("therapist_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_patient_starts_idx" ON "appointment" USING btree ("patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_session_idx" ON "appointment" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "availability_exception_therapist_idx" ON "availability_exception" USING btree ("therapist_id","from_day");--> statement-breakpoint
CREATE INDEX "availability_window_therapist_idx" ON "availability_window" USING btree ("therapist_id","day_of_week");--> statement-breakpoint
CREATE INDEX "referral_visit_referral_idx" ON "referral_visit" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "missed_visit_referral_scheduled_idx" ON "missed_visit" USING btree ("referral_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "missed_visit_therapist_idx" ON "missed_visit" USING btree ("therapist_id");--> statement-breakpoint
CREATE INDEX "session_addendum_session_created_idx" ON "session_addendum" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "session_addendum_author_idx" ON "session_addendum" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "notification_user_seq_idx" ON "notification" USING btree ("user_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_user_occurrence_uq" ON "notification" USING btree ("user_id","occurrence") WHERE "notification"."occurrence" is not null;--> statement-breakpoint
CREATE INDEX "referral_active_expiry_idx" ON "referral" USING btree ("prescription_expires_on") WHERE "referral"."status" = 'active';--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD CONSTRAINT "uploaded_file_content_where_stored" CHECK (("uploaded_file"."stored_in" = 'postgres') = ("uploaded_file"."content" is not null));