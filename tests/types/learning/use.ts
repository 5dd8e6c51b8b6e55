// Compiles against the generated types for schemas/learning.schema with supabase-js: nested and
// many-to-many embeds, pgvector columns, enums and Constants; each @ts-expect-error proves a
// rejection (unknown column, missing required field incl. users.id, vector as array, bad enum).
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables, TablesInsert, TablesUpdate, Enums } from "./database.types"
import { Constants } from "./database.types"

// true only when A and B are mutually assignable: a too-wide or too-narrow type fails.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

const supabase = createClient<Database>("http://localhost:54321", "key")

type Content = { kind: Enums<"content_kind">; content_embedding: string | null }
type ClassOutline = {
  id: string
  title: string
  starts_on: string | null
  teacher: { display_name: string; role: Enums<"user_role"> }
  students: { display_name: string }[]
  lessons: { position: number; body: string | null; educational_content: Content[] }[]
}
type EnrollmentWithLinks = {
  enrolled_at: string
  classes: { title: string }
  users: { email: string; avatar_url: string | null }
}

async function main() {
  // users is reachable from classes both through teacher_id and through enrollments, so each
  // embed names its path: the foreign key (an object) or the junction table (an array).
  const { data, error } = await supabase
    .from("classes")
    .select(
      `id, title, starts_on,
      teacher:users!classes_teacher_id_fkey(display_name, role),
      students:users!enrollments(display_name),
      lessons(position, body, educational_content(kind, content_embedding))`,
    )
    .order("title")
  if (error) throw error
  const classes: ClassOutline[] = data
  const classesExact: Exact<typeof data, ClassOutline[]> = true

  const { data: enrollment } = await supabase
    .from("enrollments")
    .select("enrolled_at, classes(title), users(email, avatar_url)")
    .single()
  const enrollmentExact: Exact<typeof enrollment, EnrollmentWithLinks | null> = true

  const profile: TablesInsert<"users"> = { id: "u", email: "ada@example.com", display_name: "Ada" }
  await supabase.from("users").insert(profile)
  await supabase.from("enrollments").insert({ class_id: "c", student_id: "u" })
  const material: TablesInsert<"educational_content"> = {
    lesson_id: "l",
    kind: "video",
    title: "Vectors",
    content: "A vector is...",
    content_embedding: JSON.stringify(Array<number>(1536).fill(0)),
  }
  await supabase.from("educational_content").insert(material)
  const promote: TablesUpdate<"users"> = { role: "teacher", avatar_url: null }
  await supabase.from("users").update(promote).eq("id", "u")

  let kind: Enums<"content_kind"> = "article"
  for (const k of Constants.public.Enums.content_kind) kind = k
  const roles: readonly Enums<"user_role">[] = Constants.public.Enums.user_role
  const rolesExact: Exact<
    (typeof Constants.public.Enums.user_role)[number],
    Enums<"user_role">
  > = true

  const { data: row } = await supabase.from("educational_content").select().eq("id", "x").single()
  if (!row) return
  const rowExact: Exact<typeof row, Tables<"educational_content">> = true
  const embedding: string | null = row.content_embedding
  const body: string = row.content
  const embeddingExact: Exact<typeof row.content_embedding, string | null> = true
  const startsOnExact: Exact<Tables<"classes">["starts_on"], string | null> = true
  const positionExact: Exact<Tables<"lessons">["position"], number> = true
  const roleExact: Exact<Tables<"users">["role"], Enums<"user_role">> = true
  const enrollmentRowExact: Exact<
    Tables<"enrollments">,
    { class_id: string; student_id: string; enrolled_at: string }
  > = true

  // The view, its relationship to enrollments (through classes.id), and the two RPCs.
  const mine = await supabase.from("my_classes").select("id, title, teaching, enrollments(student_id)")
  if (mine.error) throw mine.error
  const mineExact: Exact<
    typeof mine.data,
    { id: string | null; title: string | null; teaching: boolean | null;
      enrollments: { student_id: string }[] }[]
  > = true
  const matches = await supabase.rpc("match_content", { query_embedding: "[0.1,0.2]" })
  if (matches.error) throw matches.error
  const matchesExact: Exact<typeof matches.data, Tables<"educational_content">[]> = true
  const counts = await supabase.rpc("class_enrollment_counts")
  if (counts.error) throw counts.error
  const countsExact: Exact<
    typeof counts.data,
    { class_id: string; title: string; students: number }[]
  > = true
  // @ts-expect-error match_content needs its query embedding
  await supabase.rpc("match_content", { match_count: 5 })
  // @ts-expect-error no such column on the view
  await supabase.from("my_classes").select("teacher_id").then((r) => r.data?.[0].teacher_id)

  // @ts-expect-error no such column
  row.nope
  // @ts-expect-error the embedding is nullable
  const notNull: string = row.content_embedding
  // @ts-expect-error no such column on insert
  await supabase.from("lessons").insert({ class_id: "c", position: 1, title: "Intro", nope: 1 })
  // @ts-expect-error users.id has no default: a profile needs its auth user's id
  const noId: TablesInsert<"users"> = { email: "ada@example.com", display_name: "Ada" }
  // @ts-expect-error position is required
  await supabase.from("lessons").insert({ class_id: "c", title: "Intro" })
  // @ts-expect-error a vector travels as its text form, not as an array
  const asArray: TablesUpdate<"educational_content"> = { content_embedding: [0.1, 0.2] }
  // @ts-expect-error not a user_role
  const bad: Enums<"user_role"> = "guest"
  // @ts-expect-error not a content_kind
  await supabase.from("educational_content").insert({ ...material, kind: "podcast" })
  // @ts-expect-error not a user_role
  await supabase.from("users").update({ role: "owner" }).eq("id", "u")
}

export { main }
