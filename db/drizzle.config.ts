import { defineConfig } from "drizzle-kit";

// Migrations are generated offline from the schema (`npm run db:generate`) and committed; the store
// applies them itself at start, on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
