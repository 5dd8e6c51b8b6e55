// The Views and Functions sections of `schemac types`, from in-memory IR (the DSL forms of
// views and functions are separate work). The expected texts are what Supabase's generator
// (@supabase/postgrest-typegen 0.2.5) wrote for the same objects created with SQL on
// PostgreSQL 15; tests/integration/types_test.cc checks the same against the generator itself.

#include <catch2/catch.hpp>

#include "backends/typescript/typescript.h"

namespace schemac::typescript {

namespace {

ir::ColumnType Builtin(const std::string& name, int array_dims = 0) {
  ir::ColumnType type;
  type.name = name;
  type.array_dims = array_dims;
  return type;
}

ir::ColumnType Named(ir::TypeKind kind, const std::string& name, int array_dims = 0) {
  ir::ColumnType type;
  type.kind = kind;
  type.schema = "public";
  type.name = name;
  type.array_dims = array_dims;
  return type;
}

ir::FunctionArg Arg(const std::string& name, ir::ColumnType type, std::string default_sql = "",
                    ir::ArgMode mode = ir::ArgMode::kIn) {
  ir::FunctionArg arg;
  arg.mode = mode;
  arg.name = name;
  arg.type = std::move(type);
  arg.default_sql = std::move(default_sql);
  return arg;
}

ir::Function Fn(const std::string& name, std::vector<ir::FunctionArg> args, ir::ColumnType returns,
                bool returns_set = false) {
  ir::Function function;
  function.name = {"public", name};
  function.args = std::move(args);
  function.returns = std::move(returns);
  function.returns_set = returns_set;
  return function;
}

ir::ViewColumn ViewColumn(const std::string& name, ir::ColumnType type, bool updatable) {
  ir::ViewColumn column;
  column.name = name;
  column.type = std::move(type);
  column.updatable = updatable;
  column.nullable = false;  // Whatever the IR says, the types make every view column nullable.
  return column;
}

ir::Column Column(const std::string& name, ir::ColumnType type, bool nullable,
                  const std::string& default_sql = "") {
  ir::Column column;
  column.name = name;
  column.type = std::move(type);
  column.nullable = nullable;
  column.default_sql = default_sql;
  return column;
}

// The schema of the exploration database: a table, an enum, two views and a materialized view.
// Built by hand: the views and functions are, and the table is then the same on both sides.
ir::Schema Base() {
  ir::Schema schema;
  ir::Enum mood;
  mood.name = {"public", "mood"};
  mood.values = {{"sad", std::nullopt}, {"happy", std::nullopt}};
  schema.enums.push_back(mood);
  ir::Table docs;
  docs.name = {"public", "docs"};
  docs.columns = {Column("id", Builtin("bigint"), false), Column("content", Builtin("text"), false),
                  Column("meta", Builtin("jsonb"), true),
                  Column("score", Builtin("integer"), true, "0"),
                  Column("m", Named(ir::TypeKind::kEnum, "mood"), true)};
  docs.columns[0].identity = ir::Identity::kAlways;
  schema.tables.push_back(docs);
  schema.Reindex();
  ir::View docs_v;
  docs_v.name = {"public", "docs_v"};
  docs_v.columns = {
      ViewColumn("id", Builtin("bigint"), true), ViewColumn("content", Builtin("text"), true),
      ViewColumn("meta", Builtin("jsonb"), true), ViewColumn("score1", Builtin("integer"), false),
      ViewColumn("m", Named(ir::TypeKind::kEnum, "mood"), true)};
  docs_v.insertable = true;
  docs_v.updatable = true;
  ir::View docs_mv;
  docs_mv.name = {"public", "docs_mv"};
  docs_mv.materialized = true;
  docs_mv.columns = {ViewColumn("id", Builtin("bigint"), false),
                     ViewColumn("content", Builtin("text"), false)};
  ir::View docs_join;
  docs_join.name = {"public", "docs_join"};
  docs_join.security_invoker = true;
  docs_join.columns = {ViewColumn("id", Builtin("bigint"), false),
                       ViewColumn("name", Builtin("text"), false)};
  schema.views = {docs_v, docs_mv, docs_join};
  return schema;
}

// The lines of `text` from the line `start` up to and including the next line `end`.
std::string Block(const std::string& text, const std::string& start, const std::string& end) {
  size_t from = text.find(start + "\n");
  REQUIRE(from != std::string::npos);
  size_t to = text.find("\n" + end + "\n", from);
  REQUIRE(to != std::string::npos);
  return text.substr(from, to + end.size() + 2 - from);
}

}  // namespace

TEST_CASE("views: every column nullable, Insert and Update only where the view takes them",
          "[types]") {
  std::string out = DatabaseTypes(Base(), {});
  CHECK(Block(out, "    Views: {", "    }") ==
        "    Views: {\n"
        "      docs_join: {\n"
        "        Row: {\n"
        "          id: number | null\n"
        "          name: string | null\n"
        "        }\n"
        "        Relationships: []\n"
        "      }\n"
        "      docs_mv: {\n"
        "        Row: {\n"
        "          content: string | null\n"
        "          id: number | null\n"
        "        }\n"
        "        Relationships: []\n"
        "      }\n"
        "      docs_v: {\n"
        "        Row: {\n"
        "          content: string | null\n"
        "          id: number | null\n"
        "          m: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta: Json | null\n"
        "          score1: number | null\n"
        "        }\n"
        "        Insert: {\n"
        "          content?: string | null\n"
        "          id?: number | null\n"
        "          m?: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta?: Json | null\n"
        "          score1?: never\n"
        "        }\n"
        "        Update: {\n"
        "          content?: string | null\n"
        "          id?: number | null\n"
        "          m?: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta?: Json | null\n"
        "          score1?: never\n"
        "        }\n"
        "        Relationships: []\n"
        "      }\n"
        "    }\n");
}

TEST_CASE("views: a view only updatable has Update and no Insert, a schema of views is listed",
          "[types]") {
  ir::Schema schema = Base();
  schema.views[0].insertable = false;
  schema.views[0].name.schema = "api";
  Options options;
  options.schemas = {"api", "public"};
  std::string out = DatabaseTypes(schema, options);
  std::string api = Block(out, "  api: {", "  }");
  CHECK(api.find("        Update: {\n") != std::string::npos);
  CHECK(api.find("        Insert: {\n") == std::string::npos);
  CHECK(api.find("Database[\"public\"][\"Enums\"][\"mood\"]") != std::string::npos);
  std::vector<std::string> available = AvailableSchemas(schema);
  CHECK(std::find(available.begin(), available.end(), "api") != available.end());
}

TEST_CASE("functions: args, results, sets, tables, rows, void, record, out arguments", "[types]") {
  ir::Schema schema = Base();
  ir::ColumnType docs = Named(ir::TypeKind::kOther, "docs");
  ir::ColumnType docs_v = Named(ir::TypeKind::kOther, "docs_v");
  ir::ColumnType mood = Named(ir::TypeKind::kEnum, "mood");
  ir::Function match_docs = Fn(
      "match_docs", {Arg("query", Builtin("text")), Arg("match_count", Builtin("integer"), "10")},
      Builtin("record"), true);
  match_docs.args.push_back(Arg("id", Builtin("bigint"), "", ir::ArgMode::kTable));
  match_docs.args.push_back(Arg("content", Builtin("text"), "", ir::ArgMode::kTable));
  match_docs.args.push_back(
      Arg("similarity", Builtin("double precision"), "", ir::ArgMode::kTable));
  ir::Function setrow1 = Fn("setrow1", {}, docs, true);
  setrow1.rows = 1;
  ir::Function outs =
      Fn("outs",
         {Arg("x", Builtin("integer")), Arg("y", Builtin("integer"), "", ir::ArgMode::kOut),
          Arg("z", Builtin("text"), "", ir::ArgMode::kOut)},
         Builtin("record"));
  ir::Function out1 = Fn(
      "out1", {Arg("x", Builtin("integer")), Arg("y", Builtin("integer"), "", ir::ArgMode::kOut)},
      Builtin("integer"));
  ir::Function inout =
      Fn("inout_f",
         {Arg("a", Builtin("integer"), "", ir::ArgMode::kInOut), Arg("b", Builtin("integer"), "2")},
         Builtin("integer"));
  schema.functions = {
      match_docs,
      Fn("all_docs", {}, docs, true),
      Fn("one_doc", {Arg("i", Builtin("bigint"))}, docs),
      Fn("add", {Arg("a", Builtin("text")), Arg("b", Builtin("text"))}, Builtin("text")),
      Fn("add", {Arg("a", Builtin("integer")), Arg("b", Builtin("integer"))}, Builtin("integer")),
      Fn("nothing", {}, Builtin("void")),
      Fn("rec", {Arg("x", Builtin("integer"))}, Builtin("record")),
      outs,
      out1,
      Fn("unnamed", {Arg("", Builtin("integer"))}, Builtin("integer")),
      Fn("unnamed_text", {Arg("", Builtin("text"))}, Builtin("integer")),
      Fn("unnamed_json", {Arg("", Builtin("json")), Arg("", Builtin("jsonb"))}, Builtin("integer")),
      Fn("arr",
         {Arg("xs", Builtin("integer", 1)), Arg("ms", Named(ir::TypeKind::kEnum, "mood", 1))},
         Builtin("text", 1)),
      Fn("trig", {}, Builtin("trigger")),
      Fn("vari", {Arg("xs", Builtin("integer", 1), "", ir::ArgMode::kVariadic)},
         Builtin("integer")),
      Fn("setint", {}, Builtin("integer"), true),
      setrow1,
      Fn("jsonret", {Arg("j", Builtin("json"))}, Builtin("jsonb")),
      inout,
      Fn("getview", {}, docs_v, true),
      Fn("defaults",
         {Arg("a", Builtin("integer")), Arg("b", Builtin("text"), "'x'::text"),
          Arg("c", Builtin("boolean"), "true")},
         Builtin("boolean")),
      Fn("moods", {Arg("m", mood)}, mood),
  };
  std::string out = DatabaseTypes(schema, {});
  CHECK(Block(out, "    Functions: {", "    }") ==
        "    Functions: {\n"
        "      add:\n"
        "        | { Args: { a: number; b: number }; Returns: number }\n"
        "        | { Args: { a: string; b: string }; Returns: string }\n"
        "      all_docs: {\n"
        "        Args: Record<PropertyKey, never>\n"
        "        Returns: {\n"
        "          content: string\n"
        "          id: number\n"
        "          m: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta: Json | null\n"
        "          score: number | null\n"
        "        }[]\n"
        "        SetofOptions: {\n"
        "          from: \"*\"\n"
        "          to: \"docs\"\n"
        "          isOneToOne: false\n"
        "          isSetofReturn: true\n"
        "        }\n"
        "      }\n"
        "      arr: {\n"
        "        Args: { ms: Database[\"public\"][\"Enums\"][\"mood\"][]; xs: number[] }\n"
        "        Returns: string[]\n"
        "      }\n"
        "      defaults: {\n"
        "        Args: { a: number; b?: string; c?: boolean }\n"
        "        Returns: boolean\n"
        "      }\n"
        "      getview: {\n"
        "        Args: Record<PropertyKey, never>\n"
        "        Returns: {\n"
        "          content: string | null\n"
        "          id: number | null\n"
        "          m: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta: Json | null\n"
        "          score1: number | null\n"
        "        }[]\n"
        "        SetofOptions: {\n"
        "          from: \"*\"\n"
        "          to: \"docs_v\"\n"
        "          isOneToOne: false\n"
        "          isSetofReturn: true\n"
        "        }\n"
        "      }\n"
        "      inout_f: { Args: { a: number; b?: number }; Returns: number }\n"
        "      jsonret: { Args: { j: Json }; Returns: Json }\n"
        "      match_docs: {\n"
        "        Args: { match_count?: number; query: string }\n"
        "        Returns: {\n"
        "          content: string\n"
        "          id: number\n"
        "          similarity: number\n"
        "        }[]\n"
        "      }\n"
        "      moods: {\n"
        "        Args: { m: Database[\"public\"][\"Enums\"][\"mood\"] }\n"
        "        Returns: Database[\"public\"][\"Enums\"][\"mood\"]\n"
        "      }\n"
        "      nothing: { Args: Record<PropertyKey, never>; Returns: undefined }\n"
        "      one_doc: {\n"
        "        Args: { i: number }\n"
        "        Returns: {\n"
        "          content: string\n"
        "          id: number\n"
        "          m: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta: Json | null\n"
        "          score: number | null\n"
        "        }\n"
        "        SetofOptions: {\n"
        "          from: \"*\"\n"
        "          to: \"docs\"\n"
        "          isOneToOne: true\n"
        "          isSetofReturn: false\n"
        "        }\n"
        "      }\n"
        "      out1: { Args: { x: number }; Returns: number }\n"
        "      outs: { Args: { x: number }; Returns: Record<string, unknown> }\n"
        "      rec: { Args: { x: number }; Returns: Record<string, unknown> }\n"
        "      setint: { Args: Record<PropertyKey, never>; Returns: number[] }\n"
        "      setrow1: {\n"
        "        Args: Record<PropertyKey, never>\n"
        "        Returns: {\n"
        "          content: string\n"
        "          id: number\n"
        "          m: Database[\"public\"][\"Enums\"][\"mood\"] | null\n"
        "          meta: Json | null\n"
        "          score: number | null\n"
        "        }\n"
        "        SetofOptions: {\n"
        "          from: \"*\"\n"
        "          to: \"docs\"\n"
        "          isOneToOne: true\n"
        "          isSetofReturn: true\n"
        "        }\n"
        "      }\n"
        "      unnamed_text: { Args: { \"\": string }; Returns: number }\n"
        "      vari: { Args: { xs: number[] }; Returns: number }\n"
        "    }\n");
}

TEST_CASE(
    "functions: long forms wrap, overloads PostgREST cannot choose between are errors, "
    "row arguments are computed fields",
    "[types]") {
  ir::Schema schema = Base();
  ir::ColumnType docs = Named(ir::TypeKind::kOther, "docs");
  ir::ColumnType posint = Named(ir::TypeKind::kOther, "posint");
  ir::Function ov_table = Fn("ov", {Arg("y", Builtin("text"))}, Builtin("record"), true);
  ov_table.args.push_back(Arg("q", Builtin("integer"), "", ir::ArgMode::kTable));
  std::vector<ir::FunctionArg> long_args = {Arg("a_very_long_argument_name", Builtin("integer")),
                                            Arg("another_long_argument_name", Builtin("text")),
                                            Arg("third_argument_here", Builtin("boolean"))};
  schema.functions = {
      Fn("longargs", long_args, Builtin("integer")),
      Fn("ov", long_args, Builtin("integer")),
      Fn("ov", {Arg("x", Builtin("integer"))}, docs, true),
      ov_table,
      Fn("ov", {}, Builtin("integer")),
      Fn("Weird-Name", {Arg("Arg One", Builtin("integer"))}, Builtin("integer")),
      Fn("tabarg", {Arg("d", docs)}, Builtin("integer")),
      Fn("tabarg2", {Arg("", docs)}, Builtin("text")),
      Fn("dom", {Arg("p", posint)}, posint),
      Fn("rows_in", {Arg("ds", Named(ir::TypeKind::kOther, "docs", 1))}, Builtin("integer")),
      Fn("search", {Arg("q", Builtin("text"))}, Builtin("integer")),
      Fn("search", {Arg("q", Builtin("integer"))}, Builtin("integer")),
  };
  // A domain is `unknown` in a function even when its base type is known (Supabase names the
  // argument's own type).
  Options options;
  options.domains["public.posint"] = Builtin("integer");
  std::string out = DatabaseTypes(schema, options);
  CHECK(Block(out, "      docs: {", "        }")
            .find("          score: number | null\n"
                  "          tabarg: number | null\n"
                  "          tabarg2: string | null\n"
                  "        }\n") != std::string::npos);
  CHECK(out.find("      dom: { Args: { p: unknown }; Returns: unknown }\n") != std::string::npos);
  CHECK(Block(out, "      longargs: {", "      }") ==
        "      longargs: {\n"
        "        Args: {\n"
        "          a_very_long_argument_name: number\n"
        "          another_long_argument_name: string\n"
        "          third_argument_here: boolean\n"
        "        }\n"
        "        Returns: number\n"
        "      }\n");
  CHECK(Block(out, "      ov:", "          }") ==
        "      ov:\n"
        "        | { Args: Record<PropertyKey, never>; Returns: number }\n"
        "        | {\n"
        "            Args: {\n"
        "              a_very_long_argument_name: number\n"
        "              another_long_argument_name: string\n"
        "              third_argument_here: boolean\n"
        "            }\n"
        "            Returns: number\n"
        "          }\n");
  CHECK(out.find("        | {\n"
                 "            Args: { y: string }\n"
                 "            Returns: {\n"
                 "              q: number\n"
                 "            }[]\n"
                 "          }\n") != std::string::npos);
  CHECK(out.find("            SetofOptions: {\n"
                 "              from: \"*\"\n"
                 "              to: \"docs\"\n"
                 "              isOneToOne: false\n"
                 "              isSetofReturn: true\n"
                 "            }\n"
                 "          }\n") != std::string::npos);
  CHECK(Block(out, "      tabarg2: {", "      }") ==
        "      tabarg2: {\n"
        "        Args: { \"\": Database[\"public\"][\"Tables\"][\"docs\"][\"Row\"] }\n"
        "        Returns: {\n"
        "          error: true\n"
        "        } & \"the function public.tabarg2 with parameter or with a single unnamed "
        "json/jsonb parameter, but no matches were found in the schema cache\"\n"
        "      }\n");
  CHECK(out.find("      tabarg: {\n"
                 "        Args: { d: Database[\"public\"][\"Tables\"][\"docs\"][\"Row\"] }\n"
                 "        Returns: number\n"
                 "      }\n") != std::string::npos);
  CHECK(out.find("      rows_in: {\n"
                 "        Args: { ds: Database[\"public\"][\"Tables\"][\"docs\"][\"Row\"][] }\n"
                 "        Returns: number\n"
                 "      }\n") != std::string::npos);
  CHECK(out.find("      \"Weird-Name\": { Args: { \"Arg One\": number }; Returns: number }\n") !=
        std::string::npos);
  std::string conflict =
      "} & \"Could not choose the best candidate function between: public.search(q => int4), "
      "public.search(q => text). Try renaming the parameters or the function itself in the "
      "database so function overloading can be resolved\"\n";
  std::string search = Block(out, "      search:", "    }");
  CHECK(search.find("        | {\n            Args: { q: number }\n            Returns: {\n"
                    "              error: true\n            " +
                    conflict) != std::string::npos);
  CHECK(search.find("        | {\n            Args: { q: string }\n") != std::string::npos);
}

TEST_CASE("functions: none in a schema, or only trigger functions, leave the section empty",
          "[types]") {
  ir::Schema schema = Base();
  schema.views.clear();
  schema.functions = {Fn("trig", {}, Builtin("trigger"))};
  std::string out = DatabaseTypes(schema, {});
  CHECK(out.find("    Views: {\n      [_ in never]: never\n    }\n"
                 "    Functions: {\n      [_ in never]: never\n    }\n") != std::string::npos);
}

}  // namespace schemac::typescript
