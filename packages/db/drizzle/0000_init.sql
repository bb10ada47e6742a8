CREATE TABLE "account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp (3) with time zone,
	"refresh_token_expires_at" timestamp (3) with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	"last_request" bigint NOT NULL,
	CONSTRAINT "rate_limit_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" uuid NOT NULL,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"role" text DEFAULT 'patient' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_plan_referral_id_unique" UNIQUE("referral_id")
);
--> statement-breakpoint
CREATE TABLE "care_plan_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"care_plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_approval" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"care_plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_goal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"measure" text NOT NULL,
	"custom_name" text,
	"custom_unit" text,
	"baseline" real NOT NULL,
	"target" real NOT NULL,
	"by_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_name" text NOT NULL,
	"plan_name" text,
	"member_id" text NOT NULL,
	"group_number" text,
	"massage_covered" boolean,
	"amount_per_session_cents" integer,
	"visits_per_year" integer,
	"prior_auth_required" boolean,
	"requires_license" boolean DEFAULT true NOT NULL,
	"requires_npi" boolean DEFAULT false NOT NULL,
	"requires_in_network" boolean DEFAULT false NOT NULL,
	"call_date" date,
	"call_reference" text,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_patient_id_unique" UNIQUE("patient_id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"referral_id" uuid,
	"entity" text,
	"entity_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_answer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"option_id" text NOT NULL,
	"correct" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"total" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "timeline_event_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"referral_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_profile" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"date_of_birth" date,
	"state" text,
	"phone" text,
	"medical_conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"medications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allergies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "physician_profile" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"npi" text,
	"practice" text,
	"state" text,
	"phone" text,
	"verified_at" timestamp (3) with time zone,
	"verified_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "therapist_profile" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"credential_kind" text,
	"credential_number" text,
	"credential_state" text,
	"credential_expires_on" date,
	"npi" text,
	"specialties" text[] DEFAULT '{}' NOT NULL,
	"payers" text[] DEFAULT '{}' NOT NULL,
	"bio" text,
	"phone" text,
	"verified_at" timestamp (3) with time zone,
	"verified_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prescription" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"previous_prescription_id" uuid,
	"patient_id" uuid NOT NULL,
	"physician_id" uuid NOT NULL,
	"physician_name" text NOT NULL,
	"physician_npi" text NOT NULL,
	"diagnosis_codes" text[] NOT NULL,
	"sessions_per_week" integer NOT NULL,
	"weeks" integer NOT NULL,
	"total_sessions" integer NOT NULL,
	"cpt_codes" text[] NOT NULL,
	"body_regions" text[] NOT NULL,
	"precautions" text DEFAULT '' NOT NULL,
	"valid_from" date NOT NULL,
	"expires_on" date NOT NULL,
	"attestation" boolean NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"patient_id" uuid NOT NULL,
	"physician_id" uuid NOT NULL,
	"therapist_id" uuid,
	"kind" text NOT NULL,
	"body_regions" text[] NOT NULL,
	"symptoms" text[] NOT NULL,
	"description" text NOT NULL,
	"pain_now" integer NOT NULL,
	"evening_pain" integer NOT NULL,
	"sleep_hours" real NOT NULL,
	"medication_doses_per_day" integer NOT NULL,
	"medical_conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"medications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expectations" jsonb NOT NULL,
	"onset_date" date,
	"closed_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "therapist_invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"pain_now" integer NOT NULL,
	"evening_pain" integer NOT NULL,
	"sleep_hours" real NOT NULL,
	"medication_doses" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "therapy_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"prescription_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"techniques" text[] NOT NULL,
	"body_regions" text[] NOT NULL,
	"pressure" text NOT NULL,
	"subjective" text NOT NULL,
	"objective" text DEFAULT '' NOT NULL,
	"assessment" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"pain_before" integer NOT NULL,
	"pain_after" integer NOT NULL,
	"cpt_code" text NOT NULL,
	"units" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan" ADD CONSTRAINT "care_plan_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_version" ADD CONSTRAINT "care_plan_version_care_plan_id_care_plan_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_version" ADD CONSTRAINT "care_plan_version_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approval" ADD CONSTRAINT "plan_approval_care_plan_id_care_plan_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approval" ADD CONSTRAINT "plan_approval_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_plan_version_id_care_plan_version_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."care_plan_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage" ADD CONSTRAINT "coverage_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_answer" ADD CONSTRAINT "quiz_answer_attempt_id_quiz_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quiz_attempt"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_event" ADD CONSTRAINT "timeline_event_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_event" ADD CONSTRAINT "timeline_event_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_profile" ADD CONSTRAINT "patient_profile_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "physician_profile" ADD CONSTRAINT "physician_profile_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "physician_profile" ADD CONSTRAINT "physician_profile_verified_by_user_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_profile" ADD CONSTRAINT "therapist_profile_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_profile" ADD CONSTRAINT "therapist_profile_verified_by_user_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription" ADD CONSTRAINT "prescription_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription" ADD CONSTRAINT "prescription_previous_prescription_id_prescription_id_fk" FOREIGN KEY ("previous_prescription_id") REFERENCES "public"."prescription"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription" ADD CONSTRAINT "prescription_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription" ADD CONSTRAINT "prescription_physician_id_user_id_fk" FOREIGN KEY ("physician_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_physician_id_user_id_fk" FOREIGN KEY ("physician_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_invitation" ADD CONSTRAINT "therapist_invitation_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_invitation" ADD CONSTRAINT "therapist_invitation_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message" ADD CONSTRAINT "message_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message" ADD CONSTRAINT "message_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapy_session" ADD CONSTRAINT "therapy_session_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapy_session" ADD CONSTRAINT "therapy_session_prescription_id_prescription_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescription"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapy_session" ADD CONSTRAINT "therapy_session_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_user_id_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_id_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "care_plan_version_uq" ON "care_plan_version" USING btree ("care_plan_id","version");--> statement-breakpoint
CREATE INDEX "care_plan_version_author_idx" ON "care_plan_version" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_approval_uq" ON "plan_approval" USING btree ("care_plan_id","version","role");--> statement-breakpoint
CREATE INDEX "plan_approval_user_idx" ON "plan_approval" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "plan_goal_version_idx" ON "plan_goal" USING btree ("plan_version_id","position");--> statement-breakpoint
CREATE INDEX "audit_log_referral_created_idx" ON "audit_log" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_created_idx" ON "audit_log" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "quiz_answer_attempt_idx" ON "quiz_answer" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "quiz_answer_question_idx" ON "quiz_answer" USING btree ("question_id","option_id");--> statement-breakpoint
CREATE INDEX "quiz_attempt_patient_created_idx" ON "quiz_attempt" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "timeline_event_referral_seq_idx" ON "timeline_event" USING btree ("referral_id","seq");--> statement-breakpoint
CREATE INDEX "timeline_event_referral_created_idx" ON "timeline_event" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "timeline_event_actor_idx" ON "timeline_event" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "physician_profile_state_idx" ON "physician_profile" USING btree ("state");--> statement-breakpoint
CREATE INDEX "physician_profile_verified_by_idx" ON "physician_profile" USING btree ("verified_by");--> statement-breakpoint
CREATE INDEX "therapist_profile_state_idx" ON "therapist_profile" USING btree ("credential_state");--> statement-breakpoint
CREATE INDEX "therapist_profile_verified_by_idx" ON "therapist_profile" USING btree ("verified_by");--> statement-breakpoint
CREATE INDEX "therapist_profile_payers_idx" ON "therapist_profile" USING gin ("payers");--> statement-breakpoint
CREATE INDEX "therapist_profile_specialties_idx" ON "therapist_profile" USING gin ("specialties");--> statement-breakpoint
CREATE INDEX "prescription_referral_created_idx" ON "prescription" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "prescription_patient_idx" ON "prescription" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "prescription_physician_idx" ON "prescription" USING btree ("physician_id");--> statement-breakpoint
CREATE INDEX "prescription_previous_idx" ON "prescription" USING btree ("previous_prescription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prescription_first_per_referral_uq" ON "prescription" USING btree ("referral_id") WHERE "prescription"."previous_prescription_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "prescription_one_renewal_uq" ON "prescription" USING btree ("previous_prescription_id");--> statement-breakpoint
CREATE INDEX "referral_patient_created_idx" ON "referral" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_physician_created_idx" ON "referral" USING btree ("physician_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_physician_status_created_idx" ON "referral" USING btree ("physician_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referral_therapist_created_idx" ON "referral" USING btree ("therapist_id","created_at");--> statement-breakpoint
CREATE INDEX "therapist_invitation_referral_created_idx" ON "therapist_invitation" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "therapist_invitation_therapist_created_idx" ON "therapist_invitation" USING btree ("therapist_id","created_at");--> statement-breakpoint
CREATE INDEX "message_referral_created_idx" ON "message" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "message_author_idx" ON "message" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "progress_report_referral_created_idx" ON "progress_report" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "progress_report_patient_idx" ON "progress_report" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "therapy_session_referral_occurred_idx" ON "therapy_session" USING btree ("referral_id","occurred_at");--> statement-breakpoint
CREATE INDEX "therapy_session_prescription_idx" ON "therapy_session" USING btree ("prescription_id");--> statement-breakpoint
CREATE INDEX "therapy_session_therapist_idx" ON "therapy_session" USING btree ("therapist_id","occurred_at");