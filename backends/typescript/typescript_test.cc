#include "backends/typescript/typescript.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/unit/test_util.h"

namespace schemac::typescript {

namespace {

using testing::CompileTexts;
using testing::Compiled;

ir::Schema Compile(const std::string& text) {
  Compiled compiled = CompileTexts({{"t.schema", text}});
  for (const std::string& line : testing::DiagnosticLines(compiled)) UNSCOPED_INFO(line);
  REQUIRE_FALSE(compiled.diagnostics.HasErrors());
  return compiled.schema;
}

std::string Types(const std::string& text, Options options = {}) {
  return DatabaseTypes(Compile(text), options);
}

// The lines of `text` after the line `start` and before the next line `end`.
std::string Section(const std::string& text, const std::string& start, const std::string& end) {
  size_t from = text.find(start + "\n");
  REQUIRE(from != std::string::npos);
  from += start.size() + 1;
  size_t to = text.find(end + "\n", from);
  REQUIRE(to != std::string::npos);
  return text.substr(from, to - from);
}

}  // namespace

TEST_CASE("names sort the way Supabase's English collation sorts them", "[types]") {
  // The order Intl.Collator("en") gives these (checked with Node).
  std::vector<std::string> expected = {"a",  "a b", "a_1", "a_b", "a-b", "a1",
                                       "ab", "aB",  "Ab",  "abc", "b",   "é"};
  std::vector<std::string> names = expected;
  std::reverse(names.begin(), names.end());
  std::sort(names.begin(), names.end(), CollationLess);
  REQUIRE(names == expected);
  std::string chars;
  for (char c = 32; c < 127; ++c) chars += c;
  std::vector<std::string> singles;
  for (char c : chars) singles.push_back(std::string(1, c));
  std::stable_sort(singles.begin(), singles.end(), CollationLess);
  std::string sorted;
  for (const std::string& s : singles) sorted += s;
  REQUIRE(sorted ==
          " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuU"
          "vVwWxXyYzZ");
}

TEST_CASE("Row, Insert and Update follow nullability, defaults, identity and generation",
          "[types]") {
  std::string out = Types(
      "table t {\n"
      "  id bigint primary key identity always\n"
      "  n bigint identity by default\n"
      "  req text\n"
      "  opt text?\n"
      "  def integer default 0\n"
      "  doc jsonb\n"
      "  maybe json?\n"
      "  g bigint generated always as (n * 2) stored\n"
      "  tags text[]?\n"
      "  addr inet?\n"
      "}\n");
  CHECK(Section(out, "        Row: {", "        }") ==
        "          addr: unknown\n"
        "          def: number\n"
        "          doc: NonNullable<Json>\n"
        "          g: number\n"
        "          id: number\n"
        "          maybe: Json | null\n"
        "          n: number\n"
        "          opt: string | null\n"
        "          req: string\n"
        "          tags: string[] | null\n");
  CHECK(Section(out, "        Insert: {", "        }") ==
        "          addr?: unknown\n"
        "          def?: number\n"
        "          doc: NonNullable<Json>\n"
        "          g?: never\n"
        "          id?: never\n"
        "          maybe?: Json | null\n"
        "          n?: number\n"
        "          opt?: string | null\n"
        "          req: string\n"
        "          tags?: string[] | null\n");
  CHECK(Section(out, "        Update: {", "        }") ==
        "          addr?: unknown\n"
        "          def?: number\n"
        "          doc?: NonNullable<Json>\n"
        "          g?: never\n"
        "          id?: never\n"
        "          maybe?: Json | null\n"
        "          n?: number\n"
        "          opt?: string | null\n"
        "          req?: string\n"
        "          tags?: string[] | null\n");
}

TEST_CASE("enums: of written schemas by reference, of others inline, long unions wrapped",
          "[types]") {
  std::string text =
      "schema app\n"
      "enum app.level ('low', 'high')\n"
      "enum status ('a_rather_long_value_number_one', 'a_rather_long_value_number_two', 'three')\n"
      "table t {\n"
      "  id int primary key\n"
      "  l app.level?\n"
      "  ls app.level[]\n"
      "  s status\n"
      "}\n";
  std::string only_public = Types(text);
  CHECK(only_public.find("          l: \"low\" | \"high\" | null\n") != std::string::npos);
  CHECK(only_public.find("          ls: (\"low\" | \"high\")[]\n") != std::string::npos);
  CHECK(only_public.find("          s: Database[\"public\"][\"Enums\"][\"status\"]\n") !=
        std::string::npos);
  CHECK(only_public.find("      status:\n"
                         "        | \"a_rather_long_value_number_one\"\n"
                         "        | \"a_rather_long_value_number_two\"\n"
                         "        | \"three\"\n") != std::string::npos);
  CHECK(only_public.find("      status: [\n"
                         "        \"a_rather_long_value_number_one\",\n"
                         "        \"a_rather_long_value_number_two\",\n"
                         "        \"three\",\n"
                         "      ],\n") != std::string::npos);
  CHECK(only_public.find("app:") == std::string::npos);
  Options both;
  both.schemas = {"public", "app"};
  std::string with_app = Types(text, both);
  CHECK(with_app.find("          l: Database[\"app\"][\"Enums\"][\"level\"] | null\n") !=
        std::string::npos);
  // Schemas sorted by name, each with every section.
  CHECK(with_app.find("  app: {\n    Tables: {\n      [_ in never]: never\n    }\n    Views: {") !=
        std::string::npos);
  CHECK(with_app.find("  app: {") < with_app.find("  public: {"));
  CHECK(with_app.find("  app: {\n    Enums: {\n      level: [\"low\", \"high\"],\n    },\n  },\n") !=
        std::string::npos);
}

TEST_CASE("relationships: same schema only, sorted by name, one-to-one from keys", "[types]") {
  std::string out = Types(
      "target supabase\n"
      "table parents { id uuid primary key\n a int\n b int\n unique (a, b) }\n"
      "table kids {\n"
      "  id uuid primary key references parents(id)\n"
      "  owner uuid references auth.users(id)\n"
      "  x int\n"
      "  y int\n"
      "  foreign key (x, y) references parents(a, b)\n"
      "  foreign key (y, x) references parents(b, a)\n"
      "}\n");
  CHECK(Section(out, "        Relationships: [", "        ]") ==
        "          {\n"
        "            foreignKeyName: \"kids_id_fkey\"\n"
        "            columns: [\"id\"]\n"
        "            isOneToOne: true\n"
        "            referencedRelation: \"parents\"\n"
        "            referencedColumns: [\"id\"]\n"
        "          },\n"
        "          {\n"
        "            foreignKeyName: \"kids_x_y_fkey\"\n"
        "            columns: [\"x\", \"y\"]\n"
        "            isOneToOne: false\n"
        "            referencedRelation: \"parents\"\n"
        "            referencedColumns: [\"a\", \"b\"]\n"
        "          },\n"
        "          {\n"
        "            foreignKeyName: \"kids_y_x_fkey\"\n"
        "            columns: [\"y\", \"x\"]\n"
        "            isOneToOne: false\n"
        "            referencedRelation: \"parents\"\n"
        "            referencedColumns: [\"b\", \"a\"]\n"
        "          },\n");
  CHECK(out.find("users") == std::string::npos);  // auth.users: another schema.
  CHECK(out.find("      parents: {") != std::string::npos);
  CHECK(out.find("        Relationships: []\n") != std::string::npos);
}

TEST_CASE("one-to-one compares key columns in table order", "[types]") {
  std::string out = Types(
      "table p { a int\n b int\n primary key (a, b) }\n"
      "table c {\n  a int\n  b int\n  unique (b, a)\n"
      "  foreign key (a, b) references p(a, b)\n}\n"
      "table d {\n  a int\n  b int\n  unique (a, b)\n"
      "  foreign key (b, a) references p(b, a)\n}\n");
  // c: unique (b, a) is (a, b) in table order, the key's order: one-to-one. d: the key lists
  // (b, a), the unique constraint's columns in table order are (a, b): PostgREST says no.
  size_t c = out.find("foreignKeyName: \"c_a_b_fkey\"");
  size_t d = out.find("foreignKeyName: \"d_b_a_fkey\"");
  REQUIRE(c != std::string::npos);
  REQUIRE(d != std::string::npos);
  CHECK(out.substr(c, 120).find("isOneToOne: true") != std::string::npos);
  CHECK(out.substr(d, 120).find("isOneToOne: false") != std::string::npos);
}

TEST_CASE("names that are not identifiers are quoted, doc comments become TSDoc", "[types]") {
  std::string out = Types(
      "/// Line one.\n/// Ends with */ here.\n"
      "table \"Odd Table\" {\n"
      "  /// The key.\n"
      "  \"My Id\" int primary key\n"
      "  \"say\" text default 'it''s'\n"
      "  \"naïve…\" text?\n"
      "}\n"
      "enum e ('plain', 'it''s \"q\"', 'two\"')\n");
  CHECK(out.find("      /**\n"
                 "       * Line one.\n"
                 "       * Ends with *\\/ here.\n"
                 "       */\n"
                 "      \"Odd Table\": {\n") != std::string::npos);
  CHECK(out.find("          /** The key. */\n          \"My Id\": number\n") != std::string::npos);
  CHECK(out.find("          /** The key. */\n          \"My Id\"?: number\n") != std::string::npos);
  CHECK(out.find("          say?: string\n") != std::string::npos);
  CHECK(out.find("          \"naïve…\": string | null\n") != std::string::npos);
  CHECK(out.find("      e: \"plain\" | 'it\\'s \"q\"' | 'two\"'\n") != std::string::npos);
}

TEST_CASE("options: PostgREST version, no helpers, domains, empty schema", "[types]") {
  ir::Schema schema = Compile("table t { id int primary key\n  created timestamptz }\n");
  Options options;
  options.postgrest_version = "13";
  std::string out = DatabaseTypes(schema, options);
  CHECK(out.find("export type Database = {\n"
                 "  // Allows to automatically instantiate createClient with right options\n"
                 "  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)\n"
                 "  __InternalSupabase: {\n"
                 "    PostgrestVersion: \"13\"\n"
                 "  }\n"
                 "  public: {\n") != std::string::npos);
  CHECK(out.find("export type Tables<") != std::string::npos);
  CHECK(out.ends_with("} as const\n"));
  options.helpers = false;
  out = DatabaseTypes(schema, options);
  CHECK(out.find("export type Tables<") == std::string::npos);
  CHECK(out.find("Constants") == std::string::npos);
  CHECK(out.ends_with("    CompositeTypes: {\n      [_ in never]: never\n    }\n  }\n}\n"));

  // A domain column (introspected: an "other" type) is written as its base type when known.
  ir::Column column;
  column.name = "amount";
  column.type.kind = ir::TypeKind::kOther;
  column.type.schema = "public";
  column.type.name = "money_amount";
  column.nullable = true;
  schema.tables[0].columns.push_back(column);
  Options plain;
  CHECK(DatabaseTypes(schema, plain).find("          amount: unknown\n") != std::string::npos);
  ir::ColumnType base;
  base.name = "numeric";
  plain.domains["public.money_amount"] = base;
  CHECK(DatabaseTypes(schema, plain).find("          amount: number | null\n") !=
        std::string::npos);

  CHECK(AvailableSchemas(Compile("schema app\n")) == std::vector<std::string>{"app", "public"});
  std::string empty = DatabaseTypes(Compile(""), {});
  CHECK(empty.find("  public: {\n    Tables: {\n      [_ in never]: never\n    }\n") !=
        std::string::npos);
  CHECK(empty.find("  public: {\n    Enums: {},\n  },\n") != std::string::npos);
}

TEST_CASE("many tables written in two halves give the bytes one piece gives", "[types]") {
  std::string text = "target supabase\nenum mood ('ok', 'meh')\n";
  for (int i = 0; i < 250; ++i) {
    std::string n = std::to_string(i);
    text += "/// Table " + n + ".\ntable t" + n + " {\n  id bigint primary key generated always as identity\n" +
            "  mood mood? default 'ok'\n  tags text[]\n  data jsonb\n" +
            (i > 0 ? "  parent bigint? references t" + std::to_string(i - 1) + "(id)\n" : "") +
            "  owner uuid references auth.users(id)\n}\n";
  }
  ir::Schema schema = Compile(text);
  Options whole;
  whole.split_tables = 1000;
  std::string split = DatabaseTypes(schema, Options{});
  REQUIRE(split.find("t249: {") != std::string::npos);
  REQUIRE(split == DatabaseTypes(schema, whole));
}

}  // namespace schemac::typescript

namespace schemac::typescript {

// Declared domains and composite types, as Supabase's generator spells them: a domain column as
// its base type (over an array: an array), an array of a domain `unknown[]`; a composite type in
// CompositeTypes (attributes `T | null`, a domain attribute plain `unknown`) and by reference
// from columns and function results (with SetofOptions).
TEST_CASE("types: declared domains and composite types", "[types]") {
  ir::Schema schema = Compile(
      "domain name_t as text check (length(value) > 0)\n"
      "domain tags_t as text[]\n"
      "type address as (street text, city name_t, n integer[])\n"
      "type nothing as ()\n"
      "table people {\n  id bigint primary key\n  name name_t\n  names name_t[]?\n"
      "  tags tags_t?\n  home address?\n  homes address[]?\n  none nothing?\n}\n"
      "function home_of(p bigint) returns address language sql as $$ select null::address $$\n");
  std::string out = DatabaseTypes(schema, {});
  INFO(out);
  CHECK(out.find("          name: string\n") != std::string::npos);
  CHECK(out.find("          names: unknown[] | null\n") != std::string::npos);
  CHECK(out.find("          tags: string[] | null\n") != std::string::npos);
  CHECK(out.find("          home: Database[\"public\"][\"CompositeTypes\"][\"address\"] | null\n") !=
        std::string::npos);
  CHECK(out.find("          homes: Database[\"public\"][\"CompositeTypes\"][\"address\"][] | null\n") !=
        std::string::npos);
  CHECK(out.find("          none: unknown\n") != std::string::npos);  // No attributes.
  CHECK(out.find("    CompositeTypes: {\n      address: {\n        street: string | null\n"
                 "        city: unknown\n        n: number[] | null\n      }\n    }\n") !=
        std::string::npos);
  CHECK(out.find("        Returns: Database[\"public\"][\"CompositeTypes\"][\"address\"]\n"
                 "        SetofOptions: {\n          from: \"*\"\n          to: \"address\"\n") !=
        std::string::npos);
}

}  // namespace schemac::typescript
