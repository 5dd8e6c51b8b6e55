// Compiles against the generated types for schemas/vaults.schema (schemas public and audit) with
// supabase-js: embeds both ways, inserts and updates in both schemas; each @ts-expect-error proves
// a rejection (unknown column, missing required field, generated size_bytes, made-up enum).
import { createClient } from "@supabase/supabase-js"
import type { Database, Json, Tables, TablesInsert, TablesUpdate, Enums } from "./database.types"
import { Constants } from "./database.types"

// true only when A and B are mutually assignable: a too-wide or too-narrow type fails.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

const supabase = createClient<Database>("http://localhost:54321", "key")
const audit = createClient<Database, "audit">("http://localhost:54321", "key", {
  db: { schema: "audit" },
})

type VaultWithArtifacts = {
  id: string
  name: string
  description: string | null
  users: { email: string }
  artifacts: { path: string; version: number; size_bytes: number; content: NonNullable<Json> }[]
}
type Log = Tables<{ schema: "audit" }, "migration_logs">
type ArtifactWithLinks = {
  path: string
  content_hash: string
  vaults: { name: string }
  users: { email: string; name: string | null } | null
}

async function main() {
  // Many-to-one to users (vaults.owner_id, not null): an object; one-to-many artifacts: an array.
  const { data, error } = await supabase
    .from("vaults")
    .select("id, name, description, users(email), artifacts(path, version, size_bytes, content)")
    .eq("archived", false)
  if (error) throw error
  const vaults: VaultWithArtifacts[] = data
  const vaultsExact: Exact<typeof data, VaultWithArtifacts[]> = true

  // artifacts.created_by is nullable, so its embedded user may be null.
  const { data: artifact } = await supabase
    .from("artifacts")
    .select("path, content_hash, vaults(name), users(email, name)")
    .single()
  const artifactExact: Exact<typeof artifact, ArtifactWithLinks | null> = true

  const user: TablesInsert<"users"> = { email: "ada@example.com" }
  await supabase.from("users").insert(user)
  const upload: TablesInsert<"artifacts"> = {
    vault_id: "v",
    path: "docs/readme.md",
    content: { title: "Readme", tags: ["docs"], draft: false, rev: 3 },
    content_hash: "0".repeat(64),
  }
  await supabase.from("artifacts").insert(upload)
  await supabase.from("vaults").update({ archived: true, description: null }).eq("id", "v")

  // The audit schema: its own client, and .schema() on the default one.
  const log: TablesInsert<{ schema: "audit" }, "migration_logs"> = {
    id: 42,
    version: "20250101000000",
    checksum: "f".repeat(64),
    duration_ms: 120,
    success: true,
  }
  await audit.from("migration_logs").insert(log)
  const fix: TablesUpdate<{ schema: "audit" }, "migration_logs"> = { success: false, error: "boom" }
  await supabase.schema("audit").from("migration_logs").update(fix).eq("id", 42)
  const { data: logs } = await audit.from("migration_logs").select().order("applied_at")
  const logsExact: Exact<typeof logs, Log[] | null> = true

  const { data: row } = await supabase.from("artifacts").select().eq("id", "a").single()
  if (!row) return
  const rowExact: Exact<typeof row, Tables<"artifacts">> = true
  const size: number = row.size_bytes
  const createdBy: string | null = row.created_by
  const contentExact: Exact<Tables<"artifacts">["content"], NonNullable<Json>> = true
  const createdByExact: Exact<Tables<"artifacts">["created_by"], string | null> = true
  const emailExact: Exact<Tables<"users">["email"], string> = true
  const nameExact: Exact<Tables<"users">["name"], string | null> = true
  const archivedExact: Exact<Tables<"vaults">["archived"], boolean> = true
  const logIdExact: Exact<Log["id"], number> = true
  const logErrorExact: Exact<Log["error"], string | null> = true
  const appliedByExact: Exact<Log["applied_by"], string> = true
  const noEnums: Exact<
    | keyof Database["public"]["Enums"]
    | keyof Database["audit"]["Enums"]
    | keyof typeof Constants.public.Enums
    | keyof typeof Constants.audit.Enums,
    never
  > = true

  // @ts-expect-error no such column
  row.nope
  // @ts-expect-error description is nullable
  const notNull: string = vaults[0].description
  // @ts-expect-error no such column on insert
  await supabase.from("artifacts").insert({ ...upload, nope: 1 })
  // @ts-expect-error no such column in the audit table
  await audit.from("migration_logs").insert({ ...log, nope: 1 })
  // @ts-expect-error content_hash is required
  const noHash: TablesInsert<"artifacts"> = { vault_id: "v", path: "a.txt", content: {} }
  // @ts-expect-error success is required
  await audit.from("migration_logs").insert({ version: "1", checksum: "c", duration_ms: 1 })
  // @ts-expect-error size_bytes is generated: never insertable
  await supabase.from("artifacts").insert({ ...upload, size_bytes: 10 })
  // @ts-expect-error size_bytes is generated: never updatable
  const resize: TablesUpdate<"artifacts"> = { size_bytes: 10 }
  // @ts-expect-error the schema declares no enums
  type Missing = Enums<"vault_status">
  // @ts-expect-error migration_logs is not in the public schema
  await supabase.from("migration_logs").select()
}

export { main }
