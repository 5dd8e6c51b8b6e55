#include "backends/json/ir_json.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>

#include "tests/unit/test_util.h"

namespace schemac::json {

namespace {

const ir::Origin kOrigin{"secret_origin.schema", 7, 3};

// public.posts(id bigint identity, status public.post_status null, author_id uuid,
// created_at timestamptz) with a pk, an fk to auth.users, a desc index, a policy and a grant.
ir::Schema SampleSchema() {
  ir::Schema schema;
  schema.target = ir::Target::kSupabase;

  ir::Enum status;
  status.name = {"public", "post_status"};
  status.values = {{"draft", std::nullopt}, {"published", "live"}};
  status.origin = kOrigin;
  schema.enums.push_back(status);

  ir::Table posts;
  posts.name = {"public", "posts"};
  posts.origin = kOrigin;

  ir::Column id;
  id.name = "id";
  id.type.name = "bigint";
  id.identity = ir::Identity::kAlways;
  id.origin = kOrigin;
  posts.columns.push_back(id);

  ir::Column status_column;
  status_column.name = "status";
  status_column.type = {ir::TypeKind::kEnum, "public", "post_status", {}, 0};
  status_column.nullable = true;
  status_column.origin = kOrigin;
  posts.columns.push_back(status_column);

  ir::Column author;
  author.name = "author_id";
  author.type.name = "uuid";
  posts.columns.push_back(author);

  ir::Column created;
  created.name = "created_at";
  created.type.name = "timestamp with time zone";
  created.type.modifiers = {3};
  created.default_sql = "now()";
  posts.columns.push_back(created);

  posts.primary_key = ir::PrimaryKey{"posts_pkey", {"id"}, kOrigin};

  ir::ForeignKey fk;
  fk.name = "posts_author_id_fkey";
  fk.columns = {"author_id"};
  fk.ref_table = {"auth", "users"};
  fk.ref_columns = {"id"};
  fk.on_delete = ir::FkAction::kCascade;
  fk.origin = kOrigin;
  posts.foreign_keys.push_back(fk);

  ir::Index index;
  index.name = "posts_created_at_idx";
  ir::IndexKey key;
  key.column = "created_at";
  key.order = ir::SortOrder::kDesc;
  key.nulls_first = true;
  index.keys.push_back(key);
  index.with = {{"fillfactor", "70"}, {"deduplicate_items", "off"}};
  index.origin = kOrigin;
  posts.indexes.push_back(index);

  posts.rls_enabled = true;
  ir::Policy policy;
  policy.name = "read own";
  policy.command = ir::PolicyCommand::kSelect;
  policy.roles = {"authenticated"};
  policy.using_expr = "author_id = auth.uid()";
  policy.origin = kOrigin;
  posts.policies.push_back(policy);

  posts.grants.push_back({"authenticated", {"select", "insert"}, kOrigin});
  posts.publications = {{"supabase_realtime", {}, {}}, {"audit", {"id", "title"}, "id > 0"}};
  schema.tables.push_back(posts);

  schema.roles.push_back({"authenticated", true});
  schema.publications.push_back({"supabase_realtime", true});
  schema.Reindex();
  return schema;
}

}  // namespace

TEST_CASE("top-level keys come in a fixed order", "[ir-json]") {
  nlohmann::ordered_json json = ToJson(SampleSchema());
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  REQUIRE(keys == std::vector<std::string>{"target", "schemas", "extensions", "enums", "tables",
                                           "roles", "publications"});
  REQUIRE(json["target"] == "supabase");
  REQUIRE(json["schemas"].dump() == "[]");
  REQUIRE(json["roles"].dump() == R"([{"name":"authenticated","extern":true}])");
  REQUIRE(json["publications"].dump() == R"([{"name":"supabase_realtime","extern":true}])");
}

TEST_CASE("an empty schema still writes every top-level array", "[ir-json]") {
  REQUIRE(ToJson(ir::Schema{}).dump() ==
          R"({"target":"postgres","schemas":[],"extensions":[],"enums":[],"tables":[],)"
          R"("roles":[],"publications":[]})");
}

TEST_CASE("enum values keep their order and rename hints", "[ir-json]") {
  REQUIRE(ToJson(SampleSchema())["enums"][0].dump() ==
          R"({"schema":"public","name":"post_status","values":[{"label":"draft"},)"
          R"({"label":"published","renamed_from":"live"}]})");
}

TEST_CASE("columns write their keys in order and only the set optional ones", "[ir-json]") {
  nlohmann::ordered_json columns = ToJson(SampleSchema())["tables"][0]["columns"];
  REQUIRE(columns.size() == 4);
  REQUIRE(columns[0].dump() ==
          R"({"name":"id","type":"bigint","type_kind":"builtin","nullable":false,)"
          R"("identity":"always","identity_options":{"start":0,"increment":0,"min":0,)"
          R"("max":0,"cache":0,"cycle":false}})");
  REQUIRE(columns[1].dump() ==
          R"({"name":"status","type":"public.post_status","type_kind":"enum","nullable":true})");
  REQUIRE(columns[3].dump() ==
          R"({"name":"created_at","type":"timestamp(3) with time zone","type_kind":"builtin",)"
          R"j("nullable":false,"default":"now()"})j");
}

TEST_CASE("generated columns, collations and comments are written when set", "[ir-json]") {
  ir::Schema schema;
  ir::Table table;
  table.name = {"app", "t"};
  table.renamed_from = "old_t";
  table.is_extern = true;
  table.comment = "a table";
  ir::Column column;
  column.name = "slug";
  column.type.name = "text";
  column.generated = ir::Generated::kStored;
  column.generated_sql = "lower(title)";
  column.collation = "C";
  column.renamed_from = "handle";
  column.comment = "url part";
  table.columns.push_back(column);
  table.replica_identity = ir::ReplicaIdentity::kFull;
  schema.tables.push_back(table);

  nlohmann::ordered_json json = ToJson(schema)["tables"][0];
  REQUIRE(json["columns"][0].dump() ==
          R"({"name":"slug","type":"text","type_kind":"builtin","nullable":false,)"
          R"j("generated":{"kind":"stored","expression":"lower(title)"},"collation":"C",)j"
          R"("renamed_from":"handle","comment":"url part"})");
  REQUIRE(json.dump().starts_with(
      R"({"schema":"app","name":"t","renamed_from":"old_t","extern":true,"comment":"a table",)"
      R"("columns":)"));
  REQUIRE(json["primary_key"].is_null());
  REQUIRE(json["replica_identity"] == "full");
}

TEST_CASE("table keys, constraints, indexes, policies and grants", "[ir-json]") {
  nlohmann::ordered_json table = ToJson(SampleSchema())["tables"][0];
  std::vector<std::string> keys;
  for (const auto& item : table.items()) keys.push_back(item.key());
  // No renamed_from, extern or comment: they are unset on this table.
  REQUIRE(keys == std::vector<std::string>{"schema", "name", "columns", "primary_key", "uniques",
                                           "checks", "foreign_keys", "indexes", "rls", "policies",
                                           "grants", "publications", "replica_identity"});
  REQUIRE(table["primary_key"].dump() == R"({"name":"posts_pkey","columns":["id"]})");
  REQUIRE(table["uniques"].dump() == "[]");
  REQUIRE(table["checks"].dump() == "[]");
  REQUIRE(table["foreign_keys"].dump() ==
          R"([{"name":"posts_author_id_fkey","columns":["author_id"],)"
          R"("references":{"schema":"auth","name":"users","columns":["id"]},)"
          R"("on_delete":"cascade","on_update":"no action"}])");
  REQUIRE(table["indexes"].dump() ==
          R"([{"name":"posts_created_at_idx","unique":false,"method":"btree",)"
          R"("keys":[{"column":"created_at","order":"desc","nulls":"first"}],)"
          R"("with":{"fillfactor":"70","deduplicate_items":"off"}}])");
  REQUIRE(table["rls"].dump() == R"({"enabled":true,"forced":false})");
  REQUIRE(table["policies"].dump() ==
          R"([{"name":"read own","permissive":true,"command":"select",)"
          R"j("roles":["authenticated"],"using":"author_id = auth.uid()"}])j");
  REQUIRE(table["grants"].dump() ==
          R"([{"role":"authenticated","privileges":["select","insert"]}])");
  REQUIRE(table["publications"].dump() ==
          R"([{"name":"supabase_realtime"},{"name":"audit","columns":["id","title"],"where":"id > 0"}])");
  REQUIRE(table["replica_identity"] == "default");
}

TEST_CASE("constraint and index flags are written only when true", "[ir-json]") {
  ir::Schema schema;
  ir::Table table;
  table.name.name = "t";
  table.uniques.push_back({"t_a_key", {"a", "b"}, true, {}});
  table.checks.push_back({"t_a_check", "a > 0", true, true, {}, {}});
  ir::ForeignKey fk;
  fk.name = "t_a_fkey";
  fk.columns = {"a"};
  fk.ref_table.name = "u";
  fk.ref_columns = {"id"};
  fk.on_update = ir::FkAction::kSetNull;
  fk.deferrable = true;
  fk.initially_deferred = true;
  fk.not_valid = true;
  table.foreign_keys.push_back(fk);
  ir::Index index;
  index.name = "t_expr_idx";
  index.unique = true;
  index.method = "gin";
  ir::IndexKey key;
  key.expression = "lower(a)";
  key.collation = "C";
  key.opclass = "gin_trgm_ops";
  index.keys.push_back(key);
  index.include = {"b"};
  index.nulls_not_distinct = true;
  index.where = "a IS NOT NULL";
  index.invalid = true;
  table.indexes.push_back(index);
  schema.tables.push_back(table);

  nlohmann::ordered_json json = ToJson(schema)["tables"][0];
  REQUIRE(json["uniques"][0].dump() ==
          R"({"name":"t_a_key","columns":["a","b"],"nulls_not_distinct":true})");
  REQUIRE(json["checks"][0].dump() ==
          R"({"name":"t_a_check","expression":"a > 0","no_inherit":true,"not_valid":true})");
  REQUIRE(json["foreign_keys"][0].dump() ==
          R"({"name":"t_a_fkey","columns":["a"],)"
          R"("references":{"schema":"public","name":"u","columns":["id"]},)"
          R"("on_delete":"no action","on_update":"set null","deferrable":true,)"
          R"("initially_deferred":true,"not_valid":true})");
  REQUIRE(json["indexes"][0].dump() ==
          R"({"name":"t_expr_idx","unique":true,"method":"gin",)"
          R"j("keys":[{"expression":"lower(a)","collation":"C","opclass":"gin_trgm_ops",)j"
          R"("order":"asc","nulls":"last"}],"include":["b"],"nulls_not_distinct":true,)"
          R"("where":"a IS NOT NULL","invalid":true})");
  CHECK(FromJsonText(ToJson(schema).dump()).tables[0].indexes[0].invalid);
}

TEST_CASE("extensions always write all four keys", "[ir-json]") {
  ir::Schema schema;
  schema.extensions.push_back({"vector", "extensions", "", false, kOrigin});
  REQUIRE(ToJson(schema)["extensions"].dump() ==
          R"([{"name":"vector","schema":"extensions","version":"","extern":false}])");
}

TEST_CASE("origins are never written", "[ir-json]") {
  std::string text = ToJsonText(SampleSchema());
  REQUIRE(text.find("origin") == std::string::npos);
  REQUIRE(text.find("secret_origin.schema") == std::string::npos);
}

TEST_CASE("the text form is indented, ends in a newline and is deterministic", "[ir-json]") {
  ir::Schema schema = SampleSchema();
  std::string text = ToJsonText(schema);
  REQUIRE(text.ends_with("}\n"));
  REQUIRE(text.starts_with("{\n  \"target\": \"supabase\",\n  \"schemas\": [],\n"));
  REQUIRE(text == ToJsonText(schema));
  REQUIRE(text == ToJson(schema).dump(2) + "\n");
}

// ---- FromJson / FromJsonText -----------------------------------------------------------------

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// Every column type of `actual` equals the one at the same place in `expected`: the type string
// is split back into schema, name, modifiers and array dimensions as they were.
void RequireSameColumnTypes(const ir::Schema& actual, const ir::Schema& expected) {
  REQUIRE(actual.tables.size() == expected.tables.size());
  for (size_t t = 0; t < expected.tables.size(); ++t) {
    REQUIRE(actual.tables[t].columns.size() == expected.tables[t].columns.size());
    for (size_t c = 0; c < expected.tables[t].columns.size(); ++c) {
      const ir::ColumnType& a = actual.tables[t].columns[c].type;
      const ir::ColumnType& e = expected.tables[t].columns[c].type;
      INFO(expected.tables[t].name.ToString()
           << "." << expected.tables[t].columns[c].name << ": " << e.ToSql());
      CHECK(a.kind == e.kind);
      CHECK(a.schema == e.schema);
      CHECK(a.name == e.name);
      CHECK(a.modifiers == e.modifiers);
      CHECK(a.array_dims == e.array_dims);
    }
  }
}

// The text round trip FromJsonText must pass, plus the structure of the column types.
void RequireRoundTrip(const ir::Schema& schema) {
  std::string text = ToJsonText(schema);
  ir::Schema read = FromJsonText(text);
  REQUIRE(ToJsonText(read) == text);
  RequireSameColumnTypes(read, schema);
  ir::Schema from_dom = FromJson(ToJson(schema));
  REQUIRE(ToJsonText(from_dom) == text);
}

ir::Column MakeColumn(const std::string& name, ir::ColumnType type, bool nullable = false) {
  ir::Column column;
  column.name = name;
  column.type = std::move(type);
  column.nullable = nullable;
  column.origin = kOrigin;
  return column;
}

ir::ColumnType Builtin(const std::string& name, std::vector<int64_t> modifiers = {},
                       int array_dims = 0) {
  return {ir::TypeKind::kBuiltin, "", name, std::move(modifiers), array_dims};
}

// Every field the example schemas and golden cases leave unused, each enum value at least once.
ir::Schema EverythingSchema() {
  ir::Schema schema;
  schema.target = ir::Target::kSupabase;
  schema.schemas = {"app", "billing"};
  schema.extensions.push_back({"vector", "extensions", "0.8.0", false, kOrigin});
  schema.extensions.push_back({"pg_trgm", "", "", false, {}});
  schema.extensions.push_back({"pgcrypto", "extensions", "1.3", true, {}});

  ir::Enum mood;
  mood.name = {"app", "mood"};
  mood.values = {{"happy", "glad"}, {"sad", std::nullopt}, {"it's \"complicated\"", std::nullopt}};
  mood.comment = "How it feels.\nSecond line.";
  mood.origin = kOrigin;
  schema.enums.push_back(mood);
  ir::Enum plain;
  plain.name = {"public", "plain"};
  schema.enums.push_back(plain);  // No values at all.

  ir::Domain name;
  name.name = {"app", "valid_name"};
  name.type.name = "character varying";
  name.type.modifiers = {40};
  name.collation = "C";
  name.default_sql = "'x'::character varying";
  name.not_null = true;
  name.checks = {{"valid_name_check", "(VALUE)::text <> ''::text", {}, {}}};
  name.comment = "A name.";
  schema.domains.push_back(name);
  ir::Domain moods;
  moods.name = {"public", "moods"};
  moods.type = {ir::TypeKind::kEnum, "app", "mood", {}, 1};
  schema.domains.push_back(moods);  // Nothing but a base type.
  ir::CompositeType address;
  address.name = {"app", "address"};
  address.attributes = {{"street", {ir::TypeKind::kBuiltin, "", "text", {}, 0}, "C", {}},
                        {"city", {ir::TypeKind::kOther, "app", "valid_name", {}, 1}, "", {}}};
  address.comment = "Where.";
  schema.composite_types.push_back(address);
  ir::CompositeType empty;
  empty.name = {"public", "empty"};
  schema.composite_types.push_back(empty);  // No attributes.

  ir::Table items;
  items.name = {"app", "items"};
  items.renamed_from = "things";
  items.comment = "All the items.";
  items.origin = kOrigin;

  ir::Column id = MakeColumn("id", Builtin("bigint"));
  id.identity = ir::Identity::kAlways;
  id.identity_options = {100, 5, 1, 9223372036854775807, 1, false};
  items.columns.push_back(id);
  ir::Column seq = MakeColumn("seq", Builtin("integer"));
  seq.identity = ir::Identity::kByDefault;
  seq.identity_options = {-1, -2, -1000, -1, 10, true};
  items.columns.push_back(seq);
  ir::Column title = MakeColumn("title", Builtin("character varying", {200}));
  title.collation = "en_US";
  title.default_sql = "'untitled'::character varying";
  title.not_null_name = "title_required";
  title.not_null_no_inherit = true;
  title.not_null_not_valid = true;
  items.columns.push_back(title);
  ir::Column slug = MakeColumn("slug", Builtin("text"));
  slug.generated = ir::Generated::kStored;
  slug.generated_sql = "lower((title)::text)";
  slug.collation = "C";
  slug.renamed_from = "handle";
  slug.comment = "URL part";
  items.columns.push_back(slug);
  ir::Column total = MakeColumn("total", Builtin("numeric", {12, -2}), true);
  total.generated = ir::Generated::kVirtual;
  total.generated_sql = "(price * qty)";
  items.columns.push_back(total);
  ir::Column mood_column = MakeColumn("mood", {ir::TypeKind::kEnum, "app", "mood", {}, 0}, true);
  mood_column.default_sql = "'happy'::app.mood";
  items.columns.push_back(mood_column);
  items.columns.push_back(MakeColumn("moods", {ir::TypeKind::kEnum, "app", "mood", {}, 1}));
  items.columns.push_back(MakeColumn("tags", Builtin("text", {}, 1)));
  items.columns.push_back(MakeColumn("grid", Builtin("integer", {}, 2)));
  items.columns.push_back(
      MakeColumn("embedding", {ir::TypeKind::kExtension, "extensions", "vector", {3}, 0}, true));
  items.columns.push_back(
      MakeColumn("embeddings", {ir::TypeKind::kExtension, "public", "halfvec", {768}, 1}));
  items.columns.push_back(MakeColumn("at", Builtin("timestamp with time zone", {3})));
  items.columns.push_back(MakeColumn("ats", Builtin("timestamp without time zone", {0}, 1)));
  items.columns.push_back(MakeColumn("t", Builtin("time with time zone", {6})));
  items.columns.push_back(MakeColumn("span", Builtin("interval day to second", {3})));
  items.columns.push_back(MakeColumn("span_fields", Builtin("interval year to month")));
  items.columns.push_back(MakeColumn("flag", Builtin("\"char\"")));
  items.columns.push_back(MakeColumn("bits", Builtin("bit varying", {8})));
  items.columns.push_back(
      MakeColumn("odd", {ir::TypeKind::kOther, "My Schema", "Odd\"Type", {}, 1}, true));
  items.columns.push_back(MakeColumn("kw", {ir::TypeKind::kOther, "auth", "user", {2, 1}, 0}));
  items.columns.push_back(MakeColumn("dotted", {ir::TypeKind::kOther, "a.b", "c.d", {}, 0}));

  items.primary_key = ir::PrimaryKey{"items_pkey", {"id"}, kOrigin};
  items.uniques.push_back({"items_slug_key", {"slug"}, true, kOrigin});
  items.uniques.push_back({"items_title_mood_key", {"title", "mood"}, false, {}});
  items.checks.push_back({"items_total_check", "(total >= (0)::numeric)", true, true, kOrigin, {}});
  items.checks.push_back({"items_title_check", "(length((title)::text) > 0)", false, false, {}, {}});

  const ir::FkAction actions[] = {ir::FkAction::kNoAction, ir::FkAction::kRestrict,
                                  ir::FkAction::kCascade, ir::FkAction::kSetNull,
                                  ir::FkAction::kSetDefault};
  for (int i = 0; i < 5; ++i) {
    ir::ForeignKey fk;
    fk.name = "items_fk" + std::to_string(i);
    fk.columns = {"seq", "title"};
    fk.ref_table = {"billing", "invoices"};
    fk.ref_columns = {"a", "b"};
    fk.on_delete = actions[i];
    fk.on_update = actions[4 - i];
    fk.deferrable = i % 2 == 1;
    fk.initially_deferred = i == 3;
    fk.not_valid = i == 4;
    fk.origin = kOrigin;
    items.foreign_keys.push_back(fk);
  }

  ir::Index expression_index;
  expression_index.name = "items_title_idx";
  expression_index.unique = true;
  ir::IndexKey expression_key;
  expression_key.expression = "lower((title)::text)";
  expression_key.collation = "C";
  expression_key.opclass = "text_pattern_ops";
  expression_key.order = ir::SortOrder::kDesc;
  expression_key.nulls_first = false;
  expression_index.keys.push_back(expression_key);
  ir::IndexKey id_key;
  id_key.column = "id";
  id_key.opclass = "int8_ops";
  id_key.opclass_is_default = true;
  id_key.nulls_first = true;
  expression_index.keys.push_back(id_key);
  expression_index.include = {"mood", "slug"};
  expression_index.nulls_not_distinct = true;
  // Not in sorted order: the order as written is kept.
  expression_index.with = {{"fillfactor", "70"}, {"deduplicate_items", "off"}};
  expression_index.where = "(mood IS NOT NULL)";
  expression_index.origin = kOrigin;
  items.indexes.push_back(expression_index);
  ir::Index hnsw;
  hnsw.name = "items_embedding_idx";
  hnsw.method = "hnsw";
  ir::IndexKey embedding_key;
  embedding_key.column = "embedding";
  embedding_key.opclass = "vector_cosine_ops";
  hnsw.keys.push_back(embedding_key);
  hnsw.with = {{"m", "16"}, {"ef_construction", "64"}};
  items.indexes.push_back(hnsw);

  items.rls_enabled = true;
  items.rls_forced = true;
  const ir::PolicyCommand commands[] = {ir::PolicyCommand::kAll, ir::PolicyCommand::kSelect,
                                        ir::PolicyCommand::kInsert, ir::PolicyCommand::kUpdate,
                                        ir::PolicyCommand::kDelete};
  for (int i = 0; i < 5; ++i) {
    ir::Policy policy;
    policy.name = "policy " + std::to_string(i);
    policy.permissive = i != 1;
    policy.command = commands[i];
    policy.roles = i == 0 ? std::vector<std::string>{"public"}
                          : std::vector<std::string>{"anon", "authenticated"};
    if (i != 2) policy.using_expr = "(( SELECT auth.uid() AS uid) = id)";
    if (i == 0 || i == 2 || i == 3) policy.with_check = "(seq > 0)";
    if (i == 1) policy.comment = "Restrictive: only own rows.";
    policy.origin = kOrigin;
    items.policies.push_back(policy);
  }
  items.grants.push_back({"anon", {"select"}, kOrigin});
  items.grants.push_back(
      {"authenticated",
       {"select", "insert", "update", "delete", "truncate", "references", "trigger"},
       {}});
  items.publications = {{"audit", {"id", "title"}, "(mood = 'happy'::app.mood)"},
                        {"supabase_realtime", {}, ""}};
  items.replica_identity = ir::ReplicaIdentity::kFull;
  schema.tables.push_back(items);

  ir::Table users;
  users.name = {"auth", "users"};
  users.is_extern = true;
  users.columns.push_back(MakeColumn("id", Builtin("uuid")));
  users.primary_key = ir::PrimaryKey{"users_pkey", {"id"}, {}};
  schema.tables.push_back(users);

  ir::Table invoices;  // Nothing but a name: every list empty, no primary key.
  invoices.name = {"billing", "invoices"};
  schema.tables.push_back(invoices);

  // Sequences: every field set (64-bit bounds written exactly), and one with nothing optional.
  ir::Sequence numbers;
  numbers.name = {"billing", "numbers"};
  numbers.renamed_from = "old_numbers";
  numbers.type = "integer";
  numbers.options = {1000, -10, -2147483648, 2147483647, 20, true};
  numbers.owned_table = "invoices";
  numbers.owned_column = "id";
  numbers.grants = {{"anon", {"select", "usage"}, {}}};
  numbers.comment = "Numbers.";
  schema.sequences.push_back(numbers);
  ir::Sequence plain_sequence;
  plain_sequence.name = {"public", "plain"};
  plain_sequence.options = {1, 1, 1, 9223372036854775807, 1, false};
  schema.sequences.push_back(plain_sequence);

  schema.roles = {{"anon", true}, {"authenticated", true}, {"app_writer", false}};
  schema.publications = {{"supabase_realtime", true}, {"audit", false}};
  schema.owners = {{{ir::ObjectKind::kSchema, {"billing", ""}, ""}, "app_writer", kOrigin},
                   {{ir::ObjectKind::kFunction, {"app", "f"}, "(integer, text)"}, "anon", {}}};
  schema.Reindex();
  return schema;
}

std::string ReadText(const fs::path& path) { return testing::ReadFile(path); }

}  // namespace

TEST_CASE("FromJsonText reads back every example schema", "[json]") {
  fs::path dir = testing::SourceDir() / "schemas";
  std::vector<std::string> schemas = testing::SchemaFilesUnder(dir, dir);
  REQUIRE(schemas.size() >= 3);
  for (const std::string& name : schemas) {
    SECTION(name) {
      testing::Compiled compiled = testing::CompileFiles(dir, {name});
      REQUIRE_FALSE(compiled.diagnostics.HasErrors());
      RequireRoundTrip(compiled.schema);
    }
  }
}

TEST_CASE("FromJsonText reads back every golden case", "[json]") {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::SourceDir() / "tests/golden")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 8);
  for (const fs::path& dir : cases) {
    SECTION(dir.filename().string()) {
      testing::Compiled compiled =
          testing::CompileFiles(dir, testing::SchemaFilesUnder(dir, dir / "input"));
      REQUIRE_FALSE(compiled.diagnostics.HasErrors());
      RequireRoundTrip(compiled.schema);
      // The checked-in golden IR reads back to itself as well.
      std::string golden = ReadText(dir / "expected/ir.json");
      REQUIRE(ToJsonText(FromJsonText(golden)) == golden);
    }
  }
}

TEST_CASE("FromJson reads back every field and enum value", "[json]") {
  ir::Schema schema = EverythingSchema();
  RequireRoundTrip(schema);
  RequireRoundTrip(SampleSchema());
  RequireRoundTrip(ir::Schema{});

  ir::Schema read = FromJsonText(ToJsonText(schema));
  // The fields a text comparison could miss, and what is not in the JSON.
  REQUIRE(read.target == ir::Target::kSupabase);
  REQUIRE(read.table_index.size() == 3);
  REQUIRE(read.table_index.at("billing.invoices") == 2);
  REQUIRE(read.enum_index.at("app.mood") == 0);
  const ir::Table* items = read.FindTable({"app", "items"});
  REQUIRE(items != nullptr);
  CHECK(items->origin.file.empty());
  CHECK(items->origin.line == 0);
  CHECK(items->columns[0].origin.file.empty());
  CHECK(read.enums[0].origin.file.empty());
  REQUIRE(read.owners == schema.owners);
  CHECK(read.owners[0].origin.file.empty());
  CHECK(read.extensions[0].origin.file.empty());
  CHECK(items->primary_key->origin.file.empty());
  CHECK(items->renamed_from == "things");
  CHECK(read.enums[0].values[0].renamed_from == "glad");
  CHECK_FALSE(read.enums[0].values[1].renamed_from.has_value());
  CHECK(read.enums[0].values[2].label == "it's \"complicated\"");
  CHECK(items->columns[1].identity == ir::Identity::kByDefault);
  CHECK(items->columns[4].generated == ir::Generated::kVirtual);
  CHECK(items->columns[4].generated_sql == "(price * qty)");
  CHECK(items->columns[2].not_null_name == "title_required");
  CHECK(items->columns[2].not_null_no_inherit);
  CHECK(items->columns[2].not_null_not_valid);
  CHECK(items->columns[3].not_null_name.empty());
  CHECK_FALSE(items->columns[2].renamed_from.has_value());
  CHECK(items->columns[3].renamed_from == "handle");
  const ir::Index& index = items->indexes[0];
  CHECK(index.keys[0].column.empty());
  CHECK(index.keys[0].expression == "lower((title)::text)");
  CHECK(index.keys[0].order == ir::SortOrder::kDesc);
  CHECK_FALSE(index.keys[0].nulls_first);
  CHECK_FALSE(index.keys[0].opclass_is_default);
  CHECK(index.keys[1].column == "id");
  CHECK(index.keys[1].opclass_is_default);
  CHECK(index.keys[1].nulls_first);
  CHECK(index.with == std::vector<std::pair<std::string, std::string>>{
                          {"fillfactor", "70"}, {"deduplicate_items", "off"}});
  CHECK(items->foreign_keys[3].on_delete == ir::FkAction::kSetNull);
  CHECK(items->foreign_keys[3].initially_deferred);
  CHECK(items->policies[1].permissive == false);
  CHECK(items->policies[1].comment == "Restrictive: only own rows.");
  CHECK(items->publications[0] ==
        ir::PublicationMember{"audit", {"id", "title"}, "(mood = 'happy'::app.mood)"});
  CHECK(items->replica_identity == ir::ReplicaIdentity::kFull);
  CHECK(read.tables[1].is_extern);
  CHECK_FALSE(read.tables[2].primary_key.has_value());
  CHECK(read.roles[2].name == "app_writer");
  CHECK_FALSE(read.roles[2].is_extern);
  CHECK(read.extensions[2].version == "1.3");
  CHECK(read.extensions[2].is_extern);
}

TEST_CASE("ToJson writes opclass_is_default only when true", "[json]") {
  ir::Schema schema = EverythingSchema();
  Json keys = ToJson(schema)["tables"][0]["indexes"][0]["keys"];
  CHECK(keys[0].dump() ==
        R"j({"expression":"lower((title)::text)","collation":"C","opclass":"text_pattern_ops",)j"
        R"("order":"desc","nulls":"last"})");
  CHECK(keys[1].dump() ==
        R"({"column":"id","opclass":"int8_ops","opclass_is_default":true,"order":"asc",)"
        R"("nulls":"first"})");
}

TEST_CASE("column types are split back as ToSql joined them", "[json]") {
  // Spellings that look like another split: each must come back as the same parts.
  std::vector<ir::ColumnType> types = {
      Builtin("numeric", {10, 0}),
      Builtin("numeric", {-9223372036854775807 - 1, 9223372036854775807}),
      Builtin("character", {1}, 3),
      Builtin("time without time zone", {0}, 1),
      Builtin("timestamp"),  // No time zone clause: no space to put modifiers before.
      Builtin("weird(name)"),
      Builtin("paren(1) inside"),
      Builtin(""),
      {ir::TypeKind::kEnum, "public", "select", {}, 0},
      {ir::TypeKind::kEnum, "Upper", "CamelCase", {}, 2},
      {ir::TypeKind::kOther, "s", "t(1)", {}, 0},
      {ir::TypeKind::kOther, "s", "a\"\"b", {7}, 1},
      {ir::TypeKind::kOther, "", "unqualified", {}, 0},
      {ir::TypeKind::kExtension, "", "vector", {3}, 0},
  };
  ir::Schema schema;
  ir::Table table;
  table.name.name = "t";
  for (size_t i = 0; i < types.size(); ++i) {
    table.columns.push_back(MakeColumn("c" + std::to_string(i), types[i]));
  }
  schema.tables.push_back(table);
  RequireRoundTrip(schema);
}

TEST_CASE("FromJson accepts optional keys given with their default value", "[json]") {
  Json json = ToJson(SampleSchema());
  Json& column = json["tables"][0]["columns"][2];
  column["default"] = "";
  column["comment"] = "";
  json["tables"][0]["extern"] = false;
  json["tables"][0]["uniques"] = Json::parse(R"([{"name":"u","columns":["a"],)"
                                             R"("nulls_not_distinct":false}])");
  ir::Schema read = FromJson(json);
  CHECK(read.tables[0].columns[2].default_sql.empty());
  CHECK_FALSE(read.tables[0].is_extern);
  CHECK_FALSE(read.tables[0].uniques[0].nulls_not_distinct);
}

TEST_CASE("FromJson rejects a value of the wrong type, naming its path", "[json]") {
  Json base = ToJson(EverythingSchema());
  auto with = [&](auto change) {
    Json json = base;
    change(json);
    return json;
  };
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["tables"][0]["columns"][1]["type"] = 5; })),
                      "tables[0].columns[1].type: expected a string");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["columns"][0]["nullable"] = "no"; })),
      "tables[0].columns[0].nullable: expected true or false");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["tables"] = Json::object(); })),
                      "tables: expected an array");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["tables"][1]["columns"][0] = "id"; })),
                      "tables[1].columns[0]: expected an object");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["tables"][0]["primary_key"] = "id"; })),
                      "tables[0].primary_key: expected an object or null");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["indexes"][0]["with"]["fillfactor"] = 70; })),
      "tables[0].indexes[0].with.fillfactor: expected a string");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["tables"][0]["indexes"][1]["with"] = "m"; })),
                      "tables[0].indexes[1].with: expected an object");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["grants"][1]["privileges"][2] = nullptr; })),
      "tables[0].grants[1].privileges[2]: expected a string");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["foreign_keys"][2]["references"] = true; })),
      "tables[0].foreign_keys[2].references: expected an object");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["tables"][0]["rls"]["forced"] = 1; })),
                      "tables[0].rls.forced: expected true or false");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["enums"][0]["values"][1]["label"] = 1.5; })),
                      "enums[0].values[1].label: expected a string");
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["schemas"] = "app"; })),
                      "schemas: expected an array");
  REQUIRE_THROWS_WITH(FromJson(Json::array()), "top level: expected an object");
  REQUIRE_THROWS_WITH(FromJsonText("null"), "top level: expected an object");
}

TEST_CASE("FromJson rejects unknown keys, naming them", "[json]") {
  Json json = ToJson(EverythingSchema());
  json["tables"][0]["columns"][2]["typ"] = "text";
  REQUIRE_THROWS_WITH(FromJson(json),
                      "tables[0].columns[2].typ: unknown key; expected one of \"name\", \"type\", "
                      "\"type_kind\", \"nullable\", \"default\", \"identity\", "
                      "\"identity_options\", \"generated\", \"collation\", \"renamed_from\", "
                      "\"comment\", \"not_null\"");

  json = ToJson(EverythingSchema());
  json["version"] = 1;
  REQUIRE_THROWS_WITH(FromJson(json),
                      "version: unknown key; expected one of \"target\", \"schemas\", "
                      "\"schema_grants\", \"extensions\", \"enums\", \"tables\", \"roles\", "
                      "\"publications\", \"unmanaged\", \"functions\", "
                      "\"dependencies\", \"triggers\", \"views\", \"owners\", \"sequences\", "
                      "\"domains\", \"composite_types\"");

  json = ToJson(EverythingSchema());
  json["tables"][0]["columns"][3]["generated"]["stored"] = true;
  REQUIRE_THROWS_WITH(FromJson(json), Catch::StartsWith("tables[0].columns[3].generated.stored: "
                                                        "unknown key; expected one of \"kind\""));
  json = ToJson(EverythingSchema());
  json["tables"][0]["indexes"][0]["keys"][1]["origin"] = "x.schema";
  REQUIRE_THROWS_WITH(FromJson(json),
                      Catch::StartsWith("tables[0].indexes[0].keys[1].origin: unknown key"));
  json = ToJson(EverythingSchema());
  json["tables"][0]["primary_key"]["origin"] = "x.schema";
  REQUIRE_THROWS_WITH(FromJson(json), Catch::StartsWith("tables[0].primary_key.origin: "
                                                        "unknown key"));
}

TEST_CASE("FromJson rejects a missing required key, naming it", "[json]") {
  Json json = ToJson(EverythingSchema());
  json["tables"][2].erase("replica_identity");
  REQUIRE_THROWS_WITH(FromJson(json), "tables[2]: missing required key \"replica_identity\"");

  json = ToJson(EverythingSchema());
  json.erase("target");
  REQUIRE_THROWS_WITH(FromJson(json), "top level: missing required key \"target\"");

  json = ToJson(EverythingSchema());
  json["tables"][0]["columns"][5].erase("type_kind");
  REQUIRE_THROWS_WITH(FromJson(json), "tables[0].columns[5]: missing required key \"type_kind\"");

  json = ToJson(EverythingSchema());
  json["tables"][0]["foreign_keys"][0]["references"].erase("columns");
  REQUIRE_THROWS_WITH(FromJson(json),
                      "tables[0].foreign_keys[0].references: missing required key \"columns\"");

  json = ToJson(EverythingSchema());
  json["tables"][1].erase("primary_key");  // Null when absent from the IR, but never left out.
  REQUIRE_THROWS_WITH(FromJson(json), "tables[1]: missing required key \"primary_key\"");

  json = ToJson(EverythingSchema());
  json["extensions"][1].erase("version");  // Written even when empty.
  REQUIRE_THROWS_WITH(FromJson(json), "extensions[1]: missing required key \"version\"");

  json = ToJson(EverythingSchema());
  json["tables"][0]["columns"][3]["generated"].erase("expression");
  REQUIRE_THROWS_WITH(FromJson(json),
                      "tables[0].columns[3].generated: missing required key \"expression\"");
}

TEST_CASE("an index key has exactly one of column and expression", "[json]") {
  Json json = ToJson(EverythingSchema());
  json["tables"][0]["indexes"][0]["keys"][1]["expression"] = "id";
  REQUIRE_THROWS_WITH(FromJson(json),
                      "tables[0].indexes[0].keys[1].expression: not allowed together with "
                      "\"column\"");
  json = ToJson(EverythingSchema());
  json["tables"][0]["indexes"][0]["keys"][0].erase("expression");
  REQUIRE_THROWS_WITH(FromJson(json),
                      "tables[0].indexes[0].keys[0]: missing required key \"column\" or "
                      "\"expression\"");
}

TEST_CASE("FromJson rejects enum names ToJson does not write", "[json]") {
  Json base = ToJson(EverythingSchema());
  auto with = [&](auto change) {
    Json json = base;
    change(json);
    return json;
  };
  REQUIRE_THROWS_WITH(FromJson(with([](Json& j) { j["target"] = "Supabase"; })),
                      "target: unknown value \"Supabase\"; expected \"postgres\" or \"supabase\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["columns"][0]["type_kind"] = "builtins"; })),
      "tables[0].columns[0].type_kind: unknown value \"builtins\"; expected \"builtin\", "
      "\"enum\", \"extension\" or \"other\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["columns"][0]["identity"] = "none"; })),
      "tables[0].columns[0].identity: unknown value \"none\"; expected \"always\" or "
      "\"by default\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["columns"][3]["generated"]["kind"] = ""; })),
      "tables[0].columns[3].generated.kind: unknown value \"\"; expected \"stored\" or "
      "\"virtual\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["foreign_keys"][1]["on_delete"] = "CASCADE"; })),
      "tables[0].foreign_keys[1].on_delete: unknown value \"CASCADE\"; expected \"no action\", "
      "\"restrict\", \"cascade\", \"set null\" or \"set default\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["policies"][0]["command"] = "upsert"; })),
      "tables[0].policies[0].command: unknown value \"upsert\"; expected \"all\", \"select\", "
      "\"insert\", \"update\" or \"delete\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["indexes"][1]["keys"][0]["order"] = "up"; })),
      "tables[0].indexes[1].keys[0].order: unknown value \"up\"; expected \"asc\" or \"desc\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["indexes"][1]["keys"][0]["nulls"] = true; })),
      "tables[0].indexes[1].keys[0].nulls: expected a string");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][0]["indexes"][1]["keys"][0]["nulls"] = "none"; })),
      "tables[0].indexes[1].keys[0].nulls: unknown value \"none\"; expected \"last\" or "
      "\"first\"");
  REQUIRE_THROWS_WITH(
      FromJson(with([](Json& j) { j["tables"][2]["replica_identity"] = "nothing"; })),
      "tables[2].replica_identity: unknown value \"nothing\"; expected \"default\" or \"full\"");
}

TEST_CASE("FromJsonText rejects text that is not one JSON document", "[json]") {
  REQUIRE_THROWS_WITH(FromJsonText(""),
                      "invalid JSON at line 1, column 1: unexpected end of input");
  REQUIRE_THROWS_WITH(FromJsonText("  \n"),
                      "invalid JSON at line 2, column 1: unexpected end of input");
  REQUIRE_THROWS_WITH(FromJsonText("{\"target\": \"postgres\",\n  \"schemas\": [}"),
                      "invalid JSON at line 2, column 15: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"target\": \"postgres\" \"schemas\": []}"),
                      "invalid JSON at line 1, column 23: expected ',' or '}'");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"a\" \"b\"]}"),
                      "invalid JSON at line 1, column 18: expected ',' or ']'");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"a\",]}"),
                      "invalid JSON at line 1, column 18: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"target\" \"postgres\"}"),
                      "invalid JSON at line 1, column 11: expected ':'");
  REQUIRE_THROWS_WITH(FromJsonText("{target: \"postgres\"}"),
                      "invalid JSON at line 1, column 2: expected a key");
  REQUIRE_THROWS_WITH(FromJsonText("{\"target\": \"postgres\",}"),
                      "invalid JSON at line 1, column 23: expected a key");
  REQUIRE_THROWS_WITH(FromJsonText("// comment\n{}"),
                      "invalid JSON at line 1, column 1: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [tru"),
                      "invalid JSON at line 1, column 14: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [01]}"),
                      "invalid JSON at line 1, column 14: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [-]}"),
                      "invalid JSON at line 1, column 14: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [1.e5]}"),
                      "invalid JSON at line 1, column 14: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [12x]}"),
                      "invalid JSON at line 1, column 14: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [nullx]}"),
                      "invalid JSON at line 1, column 14: expected a value");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [-0.5E+3]}"), "schemas[0]: expected a string");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [12 ]}"), "schemas[0]: expected a string");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [false]}"), "schemas[0]: expected a string");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [null]}"), "schemas[0]: expected a string");
  REQUIRE_THROWS_WITH(FromJsonText("{\"target\": \"postgres"),
                      "invalid JSON at line 1, column 21: unterminated string");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"a\tb\"]}"),
                      "invalid JSON at line 1, column 16: control character in a string");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"a\\qb\"]}"),
                      "invalid JSON at line 1, column 16: invalid escape");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"\\u12G4\"]}"),
                      "invalid JSON at line 1, column 15: invalid \\u escape");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"\\ud83d\"]}"),
                      "invalid JSON at line 1, column 15: lone high surrogate in \\u escape");
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"\\ude00\"]}"),
                      "invalid JSON at line 1, column 15: lone low surrogate in \\u escape");
  for (const char* bad : {"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                          "\xc3", "\xe2\x82"}) {
    INFO(Json(std::string(bad)).dump(-1, ' ', true, Json::error_handler_t::replace));
    REQUIRE_THROWS_WITH(FromJsonText(std::string("{\"schemas\": [\"") + bad + "\"]}"),
                        "invalid JSON at line 1, column 15: invalid UTF-8 in a string");
  }
  std::string text = ToJsonText(SampleSchema());
  std::string lines = std::to_string(std::count(text.begin(), text.end(), '\n') + 1);
  REQUIRE_THROWS_WITH(
      FromJsonText(text + "{}"),
      "invalid JSON at line " + lines + ", column 1: unexpected content after the document");
  REQUIRE_THROWS_WITH(FromJsonText(text.substr(0, text.size() / 2)),
                      Catch::StartsWith("invalid JSON at line "));
  REQUIRE_THROWS_WITH(FromJsonText("{\"schemas\": [\"a\""),
                      "invalid JSON at line 1, column 17: unexpected end of input");
  REQUIRE_THROWS_WITH(FromJsonText("{\"target\": \"postgres\""),
                      "invalid JSON at line 1, column 22: unexpected end of input");
}

TEST_CASE("FromJsonText unescapes strings and keeps UTF-8", "[json]") {
  ir::Schema schema = FromJsonText(
      R"({"target": "postgres", "schemas": ["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\ud83d\ude00",)"
      "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", \"\\u0000\"],\n"
      R"("extensions": [], "enums": [], "tables": [], "roles": [], "publications": []})");
  REQUIRE(schema.schemas.size() == 4);
  CHECK(schema.schemas[0] == "a\"b\\c/d\b\f\n\r\t");
  CHECK(schema.schemas[1] == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  CHECK(schema.schemas[2] == schema.schemas[1]);
  CHECK(schema.schemas[3] == std::string(1, '\0'));
  // And they are written back the same way.
  CHECK(ToJsonText(FromJsonText(ToJsonText(schema))) == ToJsonText(schema));
}

TEST_CASE("FromJson of a document with a string that is not UTF-8 throws", "[json]") {
  Json json = ToJson(ir::Schema{});
  json["schemas"].push_back("\xff");
  REQUIRE_THROWS_AS(FromJson(json), std::runtime_error);
}

TEST_CASE("FromJsonText rejects a key given twice in one object", "[json]") {
  std::string text = ToJsonText(SampleSchema());
  std::string once = "\"name\": \"status\",";
  size_t at = text.find(once);
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"name\": \"other\", ");
  REQUIRE_THROWS_WITH(FromJsonText(text), "tables[0].columns[1].name: duplicate key");
  REQUIRE_THROWS_WITH(FromJsonText(R"({"target": "postgres", "target": "postgres"})"),
                      "target: duplicate key");

  text = ToJsonText(SampleSchema());
  once = "\"fillfactor\": \"70\",";
  at = text.find(once);
  REQUIRE(at != std::string::npos);
  text.insert(at, once);
  REQUIRE_THROWS_WITH(FromJsonText(text), "tables[0].indexes[0].with.fillfactor: duplicate key");
}

TEST_CASE("a view column's source survives the IR JSON (the canonical cache keeps it)", "[json]") {
  ir::Schema schema;
  ir::View view;
  view.name = {"public", "book_list"};
  view.query = "SELECT b.author_id, upper(b.title) AS shout FROM books b";
  for (const char* name : {"author_id", "shout"}) {
    ir::ViewColumn column;
    column.name = name;
    column.type.name = "text";
    view.columns.push_back(column);
  }
  view.columns[0].source = {"public", "books"};
  view.columns[0].source_column = "author_id";
  schema.views.push_back(view);
  std::string text = ToJsonText(schema);
  REQUIRE(text.find("\"column_sources\"") != std::string::npos);
  ir::Schema read = FromJsonText(text);
  REQUIRE(read.views.size() == 1);
  CHECK(read.views[0].columns[0].source == ir::QualifiedName{"public", "books"});
  CHECK(read.views[0].columns[0].source_column == "author_id");
  CHECK(read.views[0].columns[1].source_column.empty());
  CHECK(ToJsonText(read) == text);
  // Without sources (a view from .schema files) the key is left out.
  schema.views[0].columns[0].source_column.clear();
  CHECK(ToJsonText(schema).find("column_sources") == std::string::npos);
}

}  // namespace schemac::json
