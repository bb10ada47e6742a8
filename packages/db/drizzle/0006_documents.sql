CREATE TABLE "letter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"previous_letter_id" uuid,
	"patient_id" uuid NOT NULL,
	"physician_id" uuid NOT NULL,
	"physician_name" text NOT NULL,
	"physician_npi" text NOT NULL,
	"diagnosis_codes" text[] NOT NULL,
	"narrative" text NOT NULL,
	"goals" jsonb NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "therapist_fee" (
	"therapist_id" uuid NOT NULL,
	"cpt_code" text NOT NULL,
	"cents_per_unit" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "therapist_fee_therapist_id_cpt_code_pk" PRIMARY KEY("therapist_id","cpt_code"),
	CONSTRAINT "therapist_fee_cents_nonnegative" CHECK ("therapist_fee"."cents_per_unit" >= 0)
);
--> statement-breakpoint
CREATE TABLE "uploaded_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"uploader_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "physician_profile" ADD COLUMN "practice_address" text;--> statement-breakpoint
ALTER TABLE "physician_profile" ADD COLUMN "license_number" text;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_previous_letter_id_letter_id_fk" FOREIGN KEY ("previous_letter_id") REFERENCES "public"."letter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_patient_id_user_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_physician_id_user_id_fk" FOREIGN KEY ("physician_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_fee" ADD CONSTRAINT "therapist_fee_therapist_id_user_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD CONSTRAINT "uploaded_file_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD CONSTRAINT "uploaded_file_uploader_id_user_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "letter_referral_version_uq" ON "letter" USING btree ("referral_id","version");--> statement-breakpoint
CREATE INDEX "letter_referral_created_idx" ON "letter" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "letter_patient_idx" ON "letter" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "letter_physician_idx" ON "letter" USING btree ("physician_id");--> statement-breakpoint
CREATE INDEX "letter_previous_idx" ON "letter" USING btree ("previous_letter_id");--> statement-breakpoint
CREATE INDEX "uploaded_file_referral_created_idx" ON "uploaded_file" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "uploaded_file_uploader_idx" ON "uploaded_file" USING btree ("uploader_id");