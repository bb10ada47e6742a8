ALTER TABLE "user" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD COLUMN "direction" text;--> statement-breakpoint
ALTER TABLE "therapy_session" ADD COLUMN "services" jsonb DEFAULT '[]'::jsonb NOT NULL;