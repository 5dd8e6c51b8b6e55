// Convergence on a real PostgreSQL: random pairs of schemas (A, B) from a seeded generator. For
// each pair: build A; apply up(A -> B); reading the database back gives B (an empty diff);
// applying up again changes nothing; applying down gives A again.
//   SCHEMAC_CONVERGENCE_SEED=S    first seed (default: 1); pair i uses seed S + i
//   SCHEMAC_CONVERGENCE_PAIRS=N   number of pairs (default: 300)
// A failing pair prints the command that runs it alone (tools/test.sh -R convergence).

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pqxx/pqxx>
#include <map>
#include <set>
#include <random>

#include "backends/json/ir_json.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect.h"
#include "backends/postgres/runner.h"
#include "compiler/diff.h"
#include "tests/integration/pg_test_util.h"

namespace schemac::testing {

namespace {

// The generator's model: tables and columns with stable ids, so that objects keep their names
// across renames (PostgreSQL does not rename constraints and indexes with their columns).
struct GenColumn {
  int id = 0;
  bool renamed = false;
  int type = 0;  // Index into kTypes.
  bool nullable = true;
  int default_value = 0;  // 0: none.
  std::string comment;
  bool check = false;
  bool unique = false;
  int index = 0;  // 0 none, 1 plain, 2 desc nulls last partial, 3 expression.
  int fk = -1;    // Id of the referenced table.
  bool policy = false;
  int identity = 0;   // 0 none, 1 always, 2 by default (integer and bigint).
  int generated = 0;  // 0 none, else stored `id * generated` (bigint).
  bool collate_c = false;  // COLLATE "C" (text and varchar).
  bool pattern = false;    // A plain text index with text_pattern_ops.
  bool index_extras = false;  // A plain index with INCLUDE (id) and fillfactor.
  bool fk_cascade = false;
  bool deferrable = false;
  bool nulls_not_distinct = false;
};

struct GenTable {
  int id = 0;
  bool renamed = false;
  std::vector<GenColumn> columns;
  bool rls = false;
  bool force_rls = false;
  int policy_command = 0;
  bool policy_restrictive = false;
  bool grant_reader = false;
  bool grant_writer_all = false;
  int published = 0;  // 0 no, 1 whole table, 2 column list (id), 3 row filter (id > 0).
  bool replica_full = false;
  std::string comment;
  bool policy_comment = false;
};

struct GenSchema {
  std::vector<GenTable> tables;
  std::vector<std::string> mood;  // Labels of enum public.mood (empty: no enum).
  std::string mood_comment;
  bool trgm = false;   // Extension pg_trgm.
  bool extra = false;  // Schema extra with table extra.audit.
};

// Makes a column's features consistent with each other after generation or mutation.
void Normalize(GenColumn& c) {
  if (c.fk >= 0) c.type = 1, c.identity = 0, c.generated = 0;
  if (c.type > 1) c.identity = 0;
  if (c.type != 1) c.generated = 0;
  if (c.generated) c.identity = 0, c.default_value = 0;
  if (c.identity) c.nullable = false, c.default_value = 0;
  if (c.type != 2 && c.type != 3) c.collate_c = false;
  if (c.type != 2 || c.index != 1) c.pattern = false;
  if (c.index != 1) c.index_extras = false;
  if (!c.unique) c.nulls_not_distinct = false;
}

struct TypeInfo {
  const char* name;
  std::vector<int64_t> modifiers;
  const char* default_sql;
  bool numeric;
};
const TypeInfo kTypes[] = {
    {"integer", {}, "7", true},
    {"bigint", {}, "42", true},
    {"text", {}, "'x'::text", false},
    {"character varying", {20}, "'v'::character varying", false},
    {"boolean", {}, "false", false},
    {"numeric", {10, 2}, "1.50", true},
    {"timestamp with time zone", {}, "now()", false},
    {"jsonb", {}, "'{}'::jsonb", false},
    {"uuid", {}, "gen_random_uuid()", false},
    {"mood", {}, "'calm'::mood", false},
};
constexpr int kTypeCount = sizeof(kTypes) / sizeof(kTypes[0]);
constexpr int kMoodType = kTypeCount - 1;

std::string TableName(const GenTable& t) { return "t" + std::to_string(t.id) + (t.renamed ? "_r" : ""); }
std::string ColumnName(const GenColumn& c) { return "c" + std::to_string(c.id) + (c.renamed ? "_r" : ""); }

class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(seed) {}

  int Int(int below) { return std::uniform_int_distribution<int>(0, below - 1)(random_); }
  bool Chance(int percent) { return Int(100) < percent; }

  GenColumn NewColumn(const GenSchema& schema, const std::vector<int>& tables_before) {
    GenColumn c;
    c.id = next_id_++;
    c.type = Int(schema.mood.empty() ? kTypeCount - 1 : kTypeCount);
    if (!tables_before.empty() && Chance(20)) {
      c.type = 1;  // bigint, referencing an earlier table's id.
      c.fk = tables_before[Int(static_cast<int>(tables_before.size()))];
    }
    c.nullable = Chance(60);
    c.default_value = Chance(30) ? 1 : 0;
    if (Chance(15)) c.comment = "note " + std::to_string(c.id);
    c.check = kTypes[c.type].numeric && Chance(30);
    c.unique = c.fk < 0 && Chance(10) && kTypes[c.type].name != std::string("jsonb");
    if (kTypes[c.type].name != std::string("jsonb") && Chance(25)) c.index = 1 + Int(3);
    if (c.index == 3 && c.type != 2) c.index = 1;
    c.policy = kTypes[c.type].numeric && Chance(30);
    c.identity = Chance(15) ? 1 + Int(2) : 0;
    c.generated = Chance(10) ? 2 : 0;
    c.collate_c = Chance(30);
    c.pattern = Chance(40);
    c.index_extras = Chance(30);
    c.fk_cascade = Chance(50);
    c.deferrable = Chance(20);
    c.nulls_not_distinct = Chance(30);
    Normalize(c);
    return c;
  }

  GenTable NewTable(const GenSchema& schema) {
    GenTable t;
    t.id = next_id_++;
    std::vector<int> before;
    for (const GenTable& other : schema.tables) before.push_back(other.id);
    int columns = 1 + Int(5);
    for (int i = 0; i < columns; ++i) t.columns.push_back(NewColumn(schema, before));
    t.rls = Chance(40);
    t.force_rls = t.rls && Chance(20);
    t.policy_command = Int(5);
    t.policy_restrictive = Chance(20);
    t.grant_reader = Chance(40);
    t.grant_writer_all = Chance(20);
    t.published = Chance(25) ? 1 + Int(3) : 0;
    t.policy_comment = Chance(20);
    t.replica_full = Chance(10);
    if (Chance(20)) t.comment = "table " + std::to_string(t.id);
    return t;
  }

  GenSchema NewSchema() {
    GenSchema s;
    if (Chance(50)) s.mood = {"calm", "busy"};
    if (!s.mood.empty() && Chance(30)) s.mood_comment = "how it feels";
    s.trgm = Chance(30);
    s.extra = Chance(30);
    int tables = 1 + Int(4);
    for (int i = 0; i < tables; ++i) s.tables.push_back(NewTable(s));
    return s;
  }

  // B: A with random changes. Renames are recorded in `renames` as hints would be.
  GenSchema Mutate(GenSchema s, Renames* renames) {
    if (!s.mood.empty() && Chance(20)) {
      s.mood.insert(s.mood.begin() + Int(static_cast<int>(s.mood.size()) + 1),
                    "m" + std::to_string(next_id_++));
    }
    // Removed or reordered values: the type is recreated ('calm', which rows hold, stays).
    if (s.mood.size() > 2 && Chance(15)) {
      s.mood.erase(std::find_if(s.mood.begin(), s.mood.end(),
                                [](const std::string& l) { return l != "calm"; }));
    } else if (s.mood.size() > 1 && Chance(10)) {
      std::swap(s.mood.front(), s.mood.back());
    }
    std::vector<GenTable> tables;
    for (GenTable t : s.tables) {
      if (Chance(10)) {  // Dropped: so are foreign keys to it.
        for (GenTable& other : s.tables) {
          for (GenColumn& c : other.columns) {
            if (c.fk == t.id) c.fk = -1;
          }
        }
        for (GenTable& other : tables) {
          for (GenColumn& c : other.columns) {
            if (c.fk == t.id) c.fk = -1;
          }
        }
        continue;
      }
      ir::QualifiedName old_name{"public", TableName(t)};
      if (!t.renamed && Chance(10)) {
        t.renamed = true;
        renames->tables[old_name] = {"public", TableName(t)};
      }
      ir::QualifiedName name{"public", TableName(t)};
      std::vector<GenColumn> columns;
      for (GenColumn c : t.columns) {
        if (Chance(8)) continue;  // Dropped.
        if (!c.renamed && Chance(10)) {
          renames->columns[{name, ColumnName(c)}] = ColumnName(c) + "_r";
          c.renamed = true;
        }
        if (c.fk < 0 && Chance(10)) {  // A compatible type change.
          static const int kNext[] = {1, 0, 3, 2, 4, 5, 6, 7, 8, 9};
          c.type = kNext[c.type];
          if (!kTypes[c.type].numeric) c.check = c.policy = false;
        }
        if (Chance(10)) c.nullable = !c.nullable;
        if (Chance(10)) c.default_value = c.default_value ? 0 : 1;
        if (Chance(10)) c.comment = c.comment.empty() ? "changed" : "";
        if (kTypes[c.type].numeric && Chance(10)) c.check = !c.check;
        if (Chance(10)) c.index = kTypes[c.type].name == std::string("jsonb") ? 0 : Int(3);
        if (c.type == 2 && Chance(10)) c.index = 3;
        if (c.fk < 0 && Chance(5) && kTypes[c.type].name != std::string("jsonb")) c.unique = !c.unique;
        if (kTypes[c.type].numeric && Chance(15)) c.policy = !c.policy;
        if (Chance(8)) c.identity = c.identity ? (Chance(50) ? 0 : 3 - c.identity) : 1 + Int(2);
        if (Chance(6)) c.generated = c.generated ? (Chance(50) ? 0 : 5 - c.generated) : 2;
        if (Chance(8)) c.collate_c = !c.collate_c;
        if (Chance(8)) c.pattern = !c.pattern;
        if (Chance(8)) c.index_extras = !c.index_extras;
        if (Chance(10)) c.fk_cascade = !c.fk_cascade;
        if (Chance(8)) c.deferrable = !c.deferrable;
        if (Chance(8)) c.nulls_not_distinct = !c.nulls_not_distinct;
        Normalize(c);
        columns.push_back(c);
      }
      t.columns = columns;
      if (Chance(20)) {
        // Added to a table with rows: NOT NULL needs a default.
        GenColumn added = NewColumn(s, {});
        if (!added.nullable && !added.identity && !added.generated) added.default_value = 1;
        Normalize(added);
        t.columns.push_back(added);
      }
      if (Chance(15)) t.rls = !t.rls;
      t.force_rls = t.rls && (Chance(80) ? t.force_rls : !t.force_rls);
      if (Chance(15)) t.policy_command = Int(5);
      if (Chance(10)) t.policy_restrictive = !t.policy_restrictive;
      if (Chance(15)) t.grant_reader = !t.grant_reader;
      if (Chance(10)) t.grant_writer_all = !t.grant_writer_all;
      if (Chance(15)) t.published = Int(4);
      if (Chance(10)) t.policy_comment = !t.policy_comment;
      if (Chance(10)) t.replica_full = !t.replica_full;
      if (Chance(10)) t.comment = t.comment.empty() ? "changed" : "";
      tables.push_back(t);
    }
    s.tables = tables;
    if (Chance(30)) s.tables.push_back(NewTable(s));
    bool uses_mood = false;
    for (const GenTable& t : s.tables) {
      for (const GenColumn& c : t.columns) uses_mood |= c.type == kMoodType;
    }
    if (!uses_mood && !s.mood.empty() && Chance(20)) s.mood.clear();
    if (!s.mood.empty() && Chance(10)) s.mood_comment = s.mood_comment.empty() ? "changed" : "";
    if (s.mood.empty()) s.mood_comment.clear();
    if (Chance(15)) s.trgm = !s.trgm;
    if (Chance(15)) s.extra = !s.extra;
    return s;
  }

 private:
  std::mt19937_64 random_;
  int next_id_ = 1;
};

ir::Schema ToIr(const GenSchema& g) {
  ir::Schema s;
  if (!g.mood.empty()) {
    ir::Enum e;
    e.name = {"public", "mood"};
    for (const std::string& label : g.mood) e.values.push_back({label, {}});
    e.comment = g.mood_comment;
    s.enums.push_back(e);
  }
  if (g.trgm) s.extensions.push_back({"pg_trgm", "public", "", false, {}});
  if (g.extra) {
    s.schemas.push_back("extra");
    ir::Table audit;
    audit.name = {"extra", "audit"};
    ir::Column id;
    id.name = "id";
    id.type.name = "bigint";
    audit.columns.push_back(id);
    audit.primary_key = ir::PrimaryKey{"audit_pkey", {"id"}, {}};
    s.tables.push_back(audit);
  }
  for (const GenTable& t : g.tables) {
    ir::Table table;
    table.name = {"public", TableName(t)};
    std::string n = "t" + std::to_string(t.id);
    ir::Column id;
    id.name = "id";
    id.type.name = "bigint";
    id.identity = ir::Identity::kAlways;
    table.columns.push_back(id);
    table.primary_key = ir::PrimaryKey{n + "_pkey", {"id"}, {}};
    std::string policy_expr;
    for (const GenColumn& c : t.columns) {
      const TypeInfo& info = kTypes[c.type];
      ir::Column column;
      column.name = ColumnName(c);
      column.type.name = info.name;
      column.type.modifiers = info.modifiers;
      if (c.type == kMoodType) {
        column.type.kind = ir::TypeKind::kEnum;
        column.type.schema = "public";
      }
      column.nullable = c.nullable;
      if (c.default_value) column.default_sql = info.default_sql;
      column.comment = c.comment;
      column.identity = c.identity == 1   ? ir::Identity::kAlways
                        : c.identity == 2 ? ir::Identity::kByDefault
                                          : ir::Identity::kNone;
      if (c.generated) {
        column.generated = ir::Generated::kStored;
        column.generated_sql = "id * " + std::to_string(c.generated);
      }
      if (c.collate_c) column.collation = "C";
      table.columns.push_back(column);
      std::string k = "k" + std::to_string(c.id);
      if (c.check) table.checks.push_back({k + "_check", column.name + " >= 0", false, false, {}});
      if (c.unique) table.uniques.push_back({k + "_key", {column.name}, c.nulls_not_distinct, {}});
      if (c.fk >= 0) {
        ir::ForeignKey fk;
        fk.name = k + "_fkey";
        fk.columns = {column.name};
        for (const GenTable& other : g.tables) {
          if (other.id == c.fk) fk.ref_table = {"public", TableName(other)};
        }
        fk.ref_columns = {"id"};
        fk.on_delete = c.fk_cascade ? ir::FkAction::kCascade : ir::FkAction::kRestrict;
        fk.deferrable = c.deferrable;
        table.foreign_keys.push_back(fk);
      }
      if (c.index) {
        ir::Index index;
        index.name = k + "_idx";
        ir::IndexKey key;
        if (c.index == 3) {
          key.expression = "lower(" + column.name + ")";
        } else {
          key.column = column.name;
        }
        if (c.pattern) key.opclass = "text_pattern_ops";
        if (c.index_extras) {
          index.include = {"id"};
          index.with = {{"fillfactor", "70"}};
        }
        if (c.index == 2) {
          key.order = ir::SortOrder::kDesc;
          key.nulls_first = false;
          index.where = column.name + " IS NOT NULL";
        }
        index.keys.push_back(key);
        table.indexes.push_back(index);
      }
      if (c.policy) policy_expr += (policy_expr.empty() ? "" : " AND ") + column.name + " > 0";
    }
    table.rls_enabled = t.rls;
    table.rls_forced = t.force_rls;
    if (t.rls) {
      ir::Policy policy;
      policy.name = "p " + n;
      policy.permissive = !t.policy_restrictive;
      policy.command = static_cast<ir::PolicyCommand>(t.policy_command);
      policy.roles = {t.grant_reader ? "schemac_conv_reader" : "public"};
      if (t.policy_comment) policy.comment = "who sees " + n;
      std::string expr = policy_expr.empty() ? "true" : policy_expr;
      if (policy.command != ir::PolicyCommand::kInsert) policy.using_expr = expr;
      if (policy.command == ir::PolicyCommand::kInsert || policy.command == ir::PolicyCommand::kUpdate) {
        policy.with_check = expr;
      }
      table.policies.push_back(policy);
    }
    if (t.grant_reader) table.grants.push_back({"schemac_conv_reader", {"select"}, {}});
    if (t.grant_writer_all) {
      table.grants.push_back({"schemac_conv_writer", {"select", "insert", "update", "delete"}, {}});
    }
    if (t.published == 1) table.publications.push_back({"schemac_conv", {}, {}});
    if (t.published == 2) table.publications.push_back({"schemac_conv", {"id"}, {}});
    if (t.published == 3) table.publications.push_back({"schemac_conv", {}, "id > 0"});
    if (t.replica_full) table.replica_identity = ir::ReplicaIdentity::kFull;
    table.comment = t.comment;
    s.tables.push_back(table);
  }
  s.Reindex();
  return s;
}

constexpr const char* kPlatform =
    "do $$ begin "
    "if not exists (select 1 from pg_roles where rolname = 'schemac_conv_reader') then "
    "  create role schemac_conv_reader; end if; "
    "if not exists (select 1 from pg_roles where rolname = 'schemac_conv_writer') then "
    "  create role schemac_conv_writer; end if; end $$; "
    "create publication schemac_conv";

// One row per table, every column set (ids are 1: foreign keys point at the first row).
std::string SeedSql(const GenSchema& g) {
  static const char* kValues[] = {"3", "4", "'hello'", "'v'", "true", "2.50",
                                  "'2020-01-02 03:04:05+00'", "'{\"a\": 1}'",
                                  "'00000000-0000-0000-0000-000000000001'", "'calm'"};
  std::string out;
  for (const GenTable& t : g.tables) {
    std::string columns;
    std::string values;
    for (const GenColumn& c : t.columns) {
      if (c.generated || c.identity) continue;  // Computed or from its sequence.
      columns += ", " + ColumnName(c);
      values += ", " + std::string(c.fk >= 0 ? "1" : kValues[c.type]);
    }
    out += columns.empty() ? "insert into " + TableName(t) + " default values;\n"
                           : "insert into " + TableName(t) + " (" + columns.substr(2) +
                                 ") values (" + values.substr(2) + ");\n";
  }
  return out;
}

// Each column's value in the first row, as text, by "table id/column id".
std::map<std::string, std::string> RowValues(const std::string& url, const GenSchema& g) {
  std::map<std::string, std::string> out;
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::work tx(*connection);
  for (const GenTable& t : g.tables) {
    for (const GenColumn& c : t.columns) {
      pqxx::result rows = tx.exec("select " + ColumnName(c) + "::text from " + TableName(t) +
                                  " where id = 1");
      std::string key = std::to_string(t.id) + "/" + std::to_string(c.id);
      out[key] = rows.empty() ? "<no row>" : rows[0][0].is_null() ? "<null>" : rows[0][0].c_str();
    }
  }
  return out;
}

// Each column's generation expression (0: not generated), by "table id/column id".
std::map<std::string, int> GeneratedByKey(const GenSchema& g) {
  std::map<std::string, int> out;
  for (const GenTable& t : g.tables) {
    for (const GenColumn& c : t.columns) out[std::to_string(t.id) + "/" + std::to_string(c.id)] = c.generated;
  }
  return out;
}

// The database's schema, read back.
ir::Schema Read(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  return pg::Introspect(*connection, {});
}

void Apply(const std::string& url, const std::string& sql) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pg::RunMigration(*connection, sql);
}

// The schema as JSON with each table's columns sorted by name: column order is not part of a
// diff (PostgreSQL appends added columns; a down migration re-adds a dropped column last).
std::string JsonIgnoringColumnOrder(ir::Schema schema) {
  for (ir::Table& table : schema.tables) {
    std::sort(table.columns.begin(), table.columns.end(),
              [](const ir::Column& a, const ir::Column& b) { return a.name < b.name; });
  }
  return json::ToJsonText(schema);
}

// What still differs between the database and the schema it should have: the steps a diff would
// plan, or the JSON when the diff sees nothing (a difference the diff engine misses).
std::string Remaining(const ir::Schema& actual, const ir::Schema& expected) {
  std::string out;
  for (const plan::Step& step : Diff(actual, expected, {}, {true}).steps) out += step.Describe() + "\n";
  std::string actual_json = JsonIgnoringColumnOrder(actual);
  std::string expected_json = JsonIgnoringColumnOrder(expected);
  if (out.empty() && actual_json != expected_json) {
    out = "no step, but the IR differs:\n" + actual_json + "\nexpected:\n" + expected_json;
  }
  return out;
}

uint64_t EnvNumber(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("convergence: up, up again and down on random schema pairs", "[pg][convergence]") {
  uint64_t first = EnvNumber("SCHEMAC_CONVERGENCE_SEED", 1);
  uint64_t pairs = EnvNumber("SCHEMAC_CONVERGENCE_PAIRS", 300);
  ScratchDb work(Engine::kPostgres);  // Where A is built and migrated.
  ScratchDb canon(Engine::kPostgres);  // Where B is built, for its canonical form.
  std::set<plan::StepKind> kinds;  // Planned in some pair, up or down.
  int steps = 0;
  for (uint64_t seed = first; seed < first + pairs; ++seed) {
    INFO("seed " << seed << ": rerun alone with SCHEMAC_CONVERGENCE_SEED=" << seed
                 << " SCHEMAC_CONVERGENCE_PAIRS=1 tools/test.sh -R convergence");
    Generator generator(seed);
    GenSchema a = generator.NewSchema();
    Renames renames;
    GenSchema b = generator.Mutate(a, &renames);
    ir::Schema a_ir = ToIr(a);
    ir::Schema b_ir = ToIr(b);

    work.Reset();
    work.Exec(kPlatform);
    work.Exec(pg::CreateSql(a_ir));
    work.Exec(SeedSql(a));
    std::map<std::string, std::string> seeded = RowValues(work.url(), a);
    canon.Reset();
    canon.Exec(kPlatform);
    canon.Exec(pg::CreateSql(b_ir));
    ir::Schema from = Read(work.url());
    ir::Schema to = Read(canon.url());

    plan::Plan up = Diff(from, to, renames, {true, true});
    INFO("errors: " << (up.errors.empty() ? "" : up.errors.front()));
    REQUIRE(up.errors.empty());
    pg::EmitOptions emit;
    emit.concurrent_indexes = seed % 4 == 0;  // CREATE INDEX CONCURRENTLY, after the transaction.
    std::string up_sql = pg::EmitSql(up, to, emit);
    INFO("up:\n" << up_sql);
    steps += static_cast<int>(up.steps.size());
    REQUIRE_NOTHROW(Apply(work.url(), up_sql));
    REQUIRE(Remaining(Read(work.url()), to) == "");
    REQUIRE_NOTHROW(Apply(work.url(), up_sql));  // Idempotent.
    REQUIRE(Remaining(Read(work.url()), to) == "");
    // Rows keep their values in the columns that stay, renamed or retyped.
    std::map<std::string, int> generated_before = GeneratedByKey(a);
    std::map<std::string, int> generated_after = GeneratedByKey(b);
    for (const auto& [key, value] : RowValues(work.url(), b)) {
      auto before = seeded.find(key);
      if (before == seeded.end()) continue;  // A column added by the migration.
      if (generated_before[key] != generated_after[key]) continue;  // Computed differently.
      INFO("column " << key);
      CHECK(value == before->second);
    }

    plan::Plan down = Diff(to, from, renames.Inverted(), {true, true});
    REQUIRE(down.errors.empty());
    if (up.Hazards() & plan::kDataLoss) {
      // Data the up migration dropped cannot come back, and rows that pointed at it would fail
      // the restored foreign keys: the down migration is tried on empty tables.
      work.Exec("do $$ declare r record; begin for r in select tablename from pg_tables "
                "where schemaname = 'public' loop execute format('truncate %I cascade', "
                "r.tablename); end loop; end $$");
    }
    std::string down_sql = pg::EmitSql(down, from, {});
    INFO("down:\n" << down_sql);
    REQUIRE_NOTHROW(Apply(work.url(), down_sql));
    REQUIRE(Remaining(Read(work.url()), from) == "");
    for (const plan::Plan* p : {&up, &down}) {
      for (const plan::Step& step : p->steps) kinds.insert(step.kind);
    }
  }
  // The generator must exercise the engine: over the default run, every kind of step below.
  CHECK(steps >= static_cast<int>(pairs));
  if (pairs >= 300) {
    using K = plan::StepKind;
    for (K kind : {K::kCreateEnum, K::kAddEnumValue, K::kRecreateEnum, K::kDropEnum,
                   K::kRenameTable, K::kCreateTable, K::kDropTable, K::kRenameColumn,
                   K::kAddColumn, K::kDropColumn, K::kAlterColumnType, K::kSetDefault,
                   K::kDropDefault, K::kSetNotNull, K::kDropNotNull, K::kAddConstraint,
                   K::kValidateConstraint, K::kDropConstraint, K::kCreateIndex, K::kDropIndex,
                   K::kSetRls, K::kSetForceRls, K::kCreatePolicy, K::kAlterPolicy,
                   K::kDropPolicy, K::kGrant, K::kRevoke, K::kAddToPublication,
                   K::kDropFromPublication, K::kSetReplicaIdentity, K::kCommentTable,
                   K::kCommentColumn, K::kCommentPolicy, K::kCommentEnum, K::kCreateSchema,
                   K::kDropSchema, K::kCreateExtension, K::kDropExtension, K::kAddIdentity,
                   K::kDropIdentity, K::kSetIdentity, K::kDropExpression}) {
      INFO("step kind " << static_cast<int>(kind) << " never planned");
      CHECK(kinds.count(kind) == 1);
    }
  }
}

}  // namespace schemac::testing

namespace schemac::testing {

// pgvector on the PGlite engine (PostgreSQL 18): vector and halfvec columns, hnsw and ivfflat
// indexes with operator classes and storage parameters, each pair migrated up, up again and down.
TEST_CASE("convergence: pgvector columns and indexes on PGlite", "[pglite][convergence]") {
  const std::string base =
      "create extension if not exists vector;"
      "create table docs (id bigint primary key, body text, embedding vector(3));";
  const std::string indexed =
      base +
      "create index docs_hnsw on docs using hnsw (embedding vector_cosine_ops) "
      "  with (m = 16, ef_construction = 64);"
      "create index docs_ivf on docs using ivfflat (embedding vector_l2_ops) with (lists = 10);"
      "alter table docs add column summary vector(4);";
  const std::string changed =
      "create extension if not exists vector;"
      "create table docs (id bigint primary key, body text, embedding vector(3), "
      "  summary vector(5), small halfvec(3));"
      "create index docs_hnsw on docs using hnsw (embedding vector_ip_ops) with (m = 8);"
      "create index docs_small on docs using hnsw (small halfvec_l2_ops);";
  const std::pair<std::string, std::string> pairs[] = {
      {"", indexed}, {base, indexed}, {indexed, changed}, {changed, base}};
  ScratchDb db(Engine::kPglite);
  for (const auto& [a_sql, b_sql] : pairs) {
    INFO("A: " << a_sql << "\nB: " << b_sql);
    db.Reset();
    db.Exec(b_sql);
    ir::Schema to = Read(db.url());
    db.Reset();
    if (!a_sql.empty()) db.Exec(a_sql + "insert into docs (id, body) values (1, 'kept');");
    ir::Schema from = Read(db.url());

    plan::Plan up = Diff(from, to, {}, {true});
    REQUIRE(up.errors.empty());
    REQUIRE_FALSE(up.steps.empty());
    std::string up_sql = pg::EmitSql(up, to, {});
    INFO("up:\n" << up_sql);
    REQUIRE_NOTHROW(Apply(db.url(), up_sql));
    REQUIRE(Remaining(Read(db.url()), to) == "");
    REQUIRE_NOTHROW(Apply(db.url(), up_sql));
    REQUIRE(Remaining(Read(db.url()), to) == "");

    plan::Plan down = Diff(to, from, {}, {true});
    std::string down_sql = pg::EmitSql(down, from, {});
    INFO("down:\n" << down_sql);
    REQUIRE_NOTHROW(Apply(db.url(), down_sql));
    REQUIRE(Remaining(Read(db.url()), from) == "");
  }
}

}  // namespace schemac::testing
