// Compiles against the generated types for tests/sql/types/relationships.sql with supabase-js:
// embedding through views as PostgREST allows it. A table through a view
// (`.from('book_list').select('*, authors(*)')`, view -> table), a view through a table (table
// -> view), a view through a view, a view over a view, a materialized view and a two-column
// key. Each @ts-expect-error proves a rejection: an embedding with no whole key behind it (a
// view exposing part of a key, a view of another schema, an unrelated table) or with two
// (a key column selected twice, without a hint) gives supabase-js's error type, not rows.
import { createClient } from "@supabase/supabase-js"
import type { Database } from "./database.types"

// true only when A and B are mutually assignable: a too-wide or too-narrow type fails.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

const supabase = createClient<Database>("http://localhost:54321", "key")

type Author = { id: number; name: string }
type Details = { book_id: number; pages: number | null }
type RecentBook = { author_id: number | null; id: number | null; title: string | null }

async function main() {
  const { data: listed } = await supabase
    .from("book_list")
    .select("id, title, authors!books_author_id_fkey(*)")
  const listedExact: Exact<
    typeof listed,
    { id: number | null; title: string | null; authors: Author | null }[] | null
  > = true
  const { data: details } = await supabase.from("book_list").select("id, book_details(*)")
  const detailsExact: Exact<
    typeof details,
    { id: number | null; book_details: Details | null }[] | null
  > = true
  const { data: recent } = await supabase.from("authors").select("id, recent_books(*)")
  const recentExact: Exact<typeof recent, { id: number; recent_books: RecentBook[] }[] | null> =
    true
  const { data: names } = await supabase.from("recent_books").select("id, author_names(name)")
  const namesExact: Exact<
    typeof names,
    { id: number | null; author_names: { name: string | null } | null }[] | null
  > = true
  const { data: runs } = await supabase.from("print_runs").select("id, editions(*)")
  const runsExact: Exact<
    typeof runs,
    { id: number | null; editions: { book_id: number; number: number } | null }[] | null
  > = true

  type Rows<T> = { id: number | null; related: T }[] | null
  const { data: partial } = await supabase
    .from("edition_numbers")
    .select("id:number, related:prints(*)")
  // @ts-expect-error edition_numbers exposes only part of prints' key: no relationship
  const partialRows: Rows<{ id: number }[]> = partial
  const { data: unrelated } = await supabase.from("book_list").select("id, related:tags(*)")
  // @ts-expect-error nothing relates book_list and tags
  const unrelatedRows: Rows<{ name: string }[]> = unrelated
  const { data: other } = await supabase
    .schema("api")
    .from("books")
    .select("id, related:authors(*)")
  // @ts-expect-error api.books is in another schema than authors: no relationship
  const otherRows: Rows<Author | null> = other
  // book_list's author_id and writer both carry books_author_id_fkey (two entries): the
  // embedding needs a hint, and with one it works.
  const { data: ambiguous } = await supabase.from("book_authors").select("book_id, book_list(id)")
  // @ts-expect-error two relationships: supabase-js asks for a hint
  const ambiguousRows: { book_id: number | null; book_list: unknown[] }[] | null = ambiguous
  const { data: hinted } = await supabase
    .from("book_authors")
    .select("book_id, book_list!writer(id)")
  const hintedExact: Exact<
    typeof hinted,
    { book_id: number | null; book_list: { id: number | null }[] }[] | null
  > = true
  return [listedExact, detailsExact, recentExact, namesExact, runsExact, partialRows,
    unrelatedRows, otherRows, ambiguousRows, hintedExact]
}

void main
