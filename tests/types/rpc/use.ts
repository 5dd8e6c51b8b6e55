// Compiles against the generated types for tests/sql/types/rpc.sql with supabase-js: `.rpc()`
// with named and defaulted arguments, functions returning a table's rows, `returns table (...)`,
// void and overloads; selects from a view, a materialized view and a computed field; writes
// through an updatable view. Each @ts-expect-error proves a rejection (a wrong argument type, an
// unknown function, a missing argument, a non-writable view column, a read-only view, an
// unknown view column, a trigger function).
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables } from "./database.types"

// true only when A and B are mutually assignable: a too-wide or too-narrow type fails.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

const supabase = createClient<Database>("http://localhost:54321", "key")

type Match = { id: number; title: string; similarity: number }
type TitleRow = {
  id: number | null
  title: string | null
  kind: Database["public"]["Enums"]["doc_kind"] | null
  shout: string | null
}

async function main() {
  const { data: matches, error } = await supabase.rpc("match_documents", { query: "vector" })
  if (error) throw error
  const matchesExact: Exact<typeof matches, Match[]> = true
  await supabase.rpc("match_documents", { query: "vector", match_count: 5 })

  const { data: recent } = await supabase
    .rpc("recent_documents", { since: "2026-01-01" })
    .select("id, title")
  const recentExact: Exact<typeof recent, { id: number; title: string }[] | null> = true

  const { data: count } = await supabase.rpc("document_count")
  const countExact: Exact<typeof count, number | null> = true
  await supabase.rpc("touch", { doc_id: 1 })
  await supabase.rpc("lookup", { name: "a" })
  await supabase.rpc("lookup", { name: "a", min_weight: 2 })
  await supabase.rpc("search_titles", { words: ["a", "b"] })

  const { data: titles } = await supabase.from("document_titles").select("*")
  const titlesExact: Exact<typeof titles, TitleRow[] | null> = true
  const row: Tables<"document_titles"> = { id: 1, title: "t", kind: "note", shout: "T" }
  await supabase.from("document_titles").insert({ title: "new", kind: "page" })
  await supabase.from("document_titles").update({ title: "renamed" }).eq("id", 1)
  const { data: stats } = await supabase.from("document_stats").select("kind, n")
  const statsExact: Exact<
    typeof stats,
    { kind: Database["public"]["Enums"]["doc_kind"] | null; n: number | null }[] | null
  > = true
  await supabase.from("tag_weights").select("name, weight")
  const { data: lengths } = await supabase.from("documents").select("id, title_length")
  const lengthsExact: Exact<typeof lengths, { id: number; title_length: number | null }[] | null> =
    true

  // @ts-expect-error match_count is a number
  await supabase.rpc("match_documents", { query: "vector", match_count: "5" })
  // @ts-expect-error no function match_document
  await supabase.rpc("match_document", { query: "vector" })
  // @ts-expect-error query is required
  await supabase.rpc("match_documents", { match_count: 5 })
  // @ts-expect-error shout is an expression: not writable through the view
  await supabase.from("document_titles").insert({ title: "new", shout: "NEW" })
  // @ts-expect-error document_stats is not updatable
  await supabase.from("document_stats").update({ n: 1 })
  // @ts-expect-error no column body in the view
  const wrong: Tables<"document_titles"> = { ...row, body: "x" }
  // @ts-expect-error trigger functions are not callable
  await supabase.rpc("set_title")
  return [matchesExact, recentExact, countExact, titlesExact, statsExact, lengthsExact, wrong]
}

void main
