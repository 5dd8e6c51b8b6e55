#include "backends/json/ir_json.h"

#include <catch2/catch.hpp>

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
          R"("identity":"always"})");
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
  table.checks.push_back({"t_a_check", "a > 0", true, true, {}});
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
          R"("where":"a IS NOT NULL"})");
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

}  // namespace schemac::json
