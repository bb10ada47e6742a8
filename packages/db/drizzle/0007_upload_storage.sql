ALTER TABLE "uploaded_file" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD COLUMN "stored_in" text DEFAULT 'postgres' NOT NULL;--> statement-breakpoint
ALTER TABLE "uploaded_file" ADD CONSTRAINT "uploaded_file_content_where_stored" CHECK (("uploaded_file"."stored_in" = 'postgres') = ("uploaded_file"."content" is not null));