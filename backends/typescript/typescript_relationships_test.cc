// Relationships through views (typescript_relationships.cc) on IR made by hand: what the
// introspected sources of view columns give, and what happens without them (from .schema
// files) or with odd inputs (a view cycle, a key of another schema). The parity with
// Supabase's generator on a real database is tests/integration/types_test.cc's.

#include <catch2/catch.hpp>

#include "backends/typescript/typescript.h"

namespace schemac::typescript {
namespace {

ir::Column Column(const std::string& name) {
  ir::Column column;
  column.name = name;
  column.type.name = "bigint";
  column.nullable = false;
  return column;
}

ir::ViewColumn ViewColumn(const std::string& name, ir::QualifiedName source = {},
                          const std::string& source_column = "") {
  ir::ViewColumn column;
  column.name = name;
  column.type.name = "bigint";
  column.source = std::move(source);
  column.source_column = source_column;
  return column;
}

// authors(id) <- books(id, author_id); view v selects books' id and author_id (twice).
ir::Schema Library() {
  ir::Schema schema;
  ir::Table authors;
  authors.name = {"public", "authors"};
  authors.columns = {Column("id")};
  authors.primary_key.emplace();
  authors.primary_key->columns = {"id"};
  ir::Table books;
  books.name = {"public", "books"};
  books.columns = {Column("id"), Column("author_id")};
  books.primary_key.emplace();
  books.primary_key->columns = {"id"};
  ir::ForeignKey key;
  key.name = "books_author_id_fkey";
  key.columns = {"author_id"};
  key.ref_table = authors.name;
  key.ref_columns = {"id"};
  books.foreign_keys = {key};
  schema.tables = {authors, books};
  ir::View v;
  v.name = {"public", "v"};
  v.columns = {ViewColumn("id", books.name, "id"), ViewColumn("author_id", books.name, "author_id"),
               ViewColumn("writer", books.name, "author_id"), ViewColumn("n")};
  schema.views = {v};
  return schema;
}

// The `Relationships` lines of relation `name` (the first one written under that key).
std::string RelationshipsOf(const std::string& out, const std::string& name) {
  size_t at = out.find("      " + name + ": {\n");
  REQUIRE(at != std::string::npos);
  size_t from = out.find("        Relationships:", at);
  size_t to = out.find("\n      }\n", from);
  return out.substr(from, to - from);
}

TEST_CASE("a view has the foreign keys of the table columns it selects, one per view column",
          "[types]") {
  std::string out = DatabaseTypes(Library(), {});
  REQUIRE(RelationshipsOf(out, "v") ==
          "        Relationships: [\n"
          "          {\n"
          "            foreignKeyName: \"books_author_id_fkey\"\n"
          "            columns: [\"author_id\"]\n"
          "            isOneToOne: false\n"
          "            referencedRelation: \"authors\"\n"
          "            referencedColumns: [\"id\"]\n"
          "          },\n"
          "          {\n"
          "            foreignKeyName: \"books_author_id_fkey\"\n"
          "            columns: [\"writer\"]\n"
          "            isOneToOne: false\n"
          "            referencedRelation: \"authors\"\n"
          "            referencedColumns: [\"id\"]\n"
          "          },\n"
          "        ]");
  // The table's own key is unchanged, and no view selects authors.id: nothing towards a view.
  REQUIRE(RelationshipsOf(out, "books").find("referencedRelation: \"authors\"") !=
          std::string::npos);
  REQUIRE(RelationshipsOf(out, "books").find("referencedRelation: \"v\"") == std::string::npos);
}

TEST_CASE("a key referencing columns a view selects also references the view, through views",
          "[types]") {
  ir::Schema schema = Library();
  ir::View names;
  names.name = {"public", "names"};
  names.columns = {ViewColumn("key", {"public", "authors"}, "id")};
  ir::View upper;  // A view on a view: followed down to the table.
  upper.name = {"public", "upper"};
  upper.columns = {ViewColumn("k", names.name, "key")};
  schema.views.push_back(names);
  schema.views.push_back(upper);
  std::string out = DatabaseTypes(schema, {});
  std::string books = RelationshipsOf(out, "books");
  REQUIRE(books.find("referencedRelation: \"names\"\n            referencedColumns: [\"key\"]") !=
          std::string::npos);
  REQUIRE(books.find("referencedRelation: \"upper\"\n            referencedColumns: [\"k\"]") !=
          std::string::npos);
  std::string v = RelationshipsOf(out, "v");
  REQUIRE(v.find("columns: [\"writer\"]\n            isOneToOne: false\n"
                 "            referencedRelation: \"upper\"") != std::string::npos);
}

TEST_CASE(
    "no relationships through views without the columns' sources, across schemas, or "
    "for part of a key, and a cycle of views ends",
    "[types]") {
  ir::Schema schema = Library();
  for (ir::ViewColumn& column : schema.views[0].columns) column.source_column.clear();
  REQUIRE(RelationshipsOf(DatabaseTypes(schema, {}), "v") == "        Relationships: []");

  schema = Library();
  schema.views[0].name.schema = "api";
  Options options;
  options.schemas = {"api", "public"};
  std::string out = DatabaseTypes(schema, options);
  REQUIRE(RelationshipsOf(out, "v") == "        Relationships: []");

  // Two views selecting each other's column (PostgreSQL cannot build it; the IR can hold it).
  schema = Library();
  ir::View a;
  a.name = {"public", "a"};
  a.columns = {ViewColumn("x", {"public", "b"}, "y")};
  ir::View b;
  b.name = {"public", "b"};
  b.columns = {ViewColumn("y", {"public", "a"}, "x")};
  schema.views.push_back(a);
  schema.views.push_back(b);
  REQUIRE(RelationshipsOf(DatabaseTypes(schema, {}), "a") == "        Relationships: []");

  // A two-column key of which the view selects one column.
  schema = Library();
  schema.tables[0].columns.push_back(Column("code"));
  schema.tables[0].uniques.emplace_back();
  schema.tables[0].uniques.back().columns = {"id", "code"};
  schema.tables[1].columns.push_back(Column("author_code"));
  schema.tables[1].foreign_keys[0].columns = {"author_id", "author_code"};
  schema.tables[1].foreign_keys[0].ref_columns = {"id", "code"};
  REQUIRE(RelationshipsOf(DatabaseTypes(schema, {}), "v") == "        Relationships: []");
}

}  // namespace
}  // namespace schemac::typescript
