CREATE TABLE "referral_visit" (
	"user_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"seen_seq" bigint NOT NULL,
	"visited_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "referral_visit_user_id_referral_id_pk" PRIMARY KEY("user_id","referral_id")
);
--> statement-breakpoint
ALTER TABLE "uploaded_file" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD COLUMN "stored_in" text DEFAULT 'postgres' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "notification_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "occurrence" text;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "prescription_expires_on" date;--> statement-breakpoint
ALTER TABLE "referral_visit" ADD CONSTRAINT "referral_visit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visit" ADD CONSTRAINT "referral_visit_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_visit_referral_idx" ON "referral_visit" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "notification_user_seq_idx" ON "notification" USING btree ("user_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_user_occurrence_uq" ON "notification" USING btree ("user_id","occurrence") WHERE "notification"."occurrence" is not null;--> statement-breakpoint
CREATE INDEX "referral_active_expiry_idx" ON "referral" USING btree ("prescription_expires_on") WHERE "referral"."status" = 'active';--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD CONSTRAINT "uploaded_file_content_where_stored" CHECK (("uploaded_file"."stored_in" = 'postgres') = ("uploaded_file"."content" is not null));