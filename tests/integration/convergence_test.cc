// Convergence on a real PostgreSQL: random pairs of schemas (A, B) from a seeded generator. The
// generator writes each schema twice, as .schema text for schemac and as a plain SQL script of its
// own (no schemac code builds it), so the target state does not come from schemac. For each pair:
//   - database X is built from A (by `schemac diff --from empty --to a.schema`, or by the
//     generator's SQL), a row is put in each table;
//   - database Y is built from the generator's SQL for A, then for B: the oracle's dumps;
//   - when B drops something (or removes enum values), `schemac apply` without the flag that
//     allows it refuses, and X is left as it was;
//   - `schemac diff --from X --to b.schema` (up) and `... --down` are applied to X: after up (and
//     up again) `pg_dump --schema-only` of X equals Y's dump of B, the rows kept their values;
//     after down it equals Y's dump of A. schemac's own reading of X must also find nothing left.
//   SCHEMAC_CONVERGENCE_SEED=S    first seed (default: 1); pair i uses seed S + i
//   SCHEMAC_CONVERGENCE_PAIRS=N   number of pairs (default: 100)
// A failing pair prints the command that runs it alone (tools/test.sh -R convergence).

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <pqxx/pqxx>
#include <random>
#include <set>
#include <sstream>

#include "backends/json/ir_json.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect.h"
#include "backends/postgres/runner.h"
#include "compiler/diff.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// Kinds of change the generator makes. Each is on: a kind that made schemac fail would be
// switched off here with a comment `// schemac bug: ...` naming the failing seed.
constexpr bool kEnumValueRenames = true;
constexpr bool kConstraintRenames = true;    // Checks, keys, foreign keys, indexes, primary keys.
constexpr bool kIncompatibleTypes = true;    // boolean <-> integer (USING), jsonb/uuid -> text.
constexpr bool kLengthChanges = true;        // varchar(n) and numeric(p,2) wider and narrower.
constexpr bool kPrimaryKeyChanges = true;    // (id) <-> (id, column).
constexpr bool kMultiColumnKeys = true;      // Two-column unique constraints and indexes.
constexpr bool kIndexMethods = true;         // hash, gin (jsonb, arrays, tsvector), brin, gist.

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
  int index = 0;   // 0 none, 1 plain, 2 desc nulls last partial, 3 expression.
  int method = 0;  // Of the index: 0 btree, 1 hash, 2 gin, 3 brin, 4 gist.
  int fk = -1;     // Id of the referenced table.
  bool policy = false;
  int identity = 0;   // 0 none, 1 always, 2 by default (integer and bigint).
  int generated = 0;  // 0 none, else stored `id * generated` (bigint).
  bool collate_c = false;     // COLLATE "C" (text and varchar).
  bool pattern = false;       // The index's other opclass: text_pattern_ops, jsonb_path_ops.
  bool index_extras = false;  // btree: INCLUDE (id) and fillfactor; brin: pages_per_range.
  bool fk_cascade = false;
  bool deferrable = false;
  bool nulls_not_distinct = false;
  int names = 0;  // Version of the names of its constraints and index (a rename bumps it).
};

// A two-column unique constraint (kind 0) or index (kind 1: the second key descending).
struct GenMulti {
  int id = 0;
  int kind = 0;
  int a = 0, b = 0;  // Column ids.
  int names = 0;
};

struct GenTable {
  int id = 0;
  bool renamed = false;
  std::vector<GenColumn> columns;
  int pk_with = -1;  // A column id: the primary key is (id, that column).
  int pk_names = 0;
  std::vector<GenMulti> multis;
  bool rls = false;
  bool force_rls = false;
  int policy_command = 0;
  bool policy_restrictive = false;
  bool grant_reader = false;
  bool grant_writer_all = false;
  bool published = false;  // Member of supabase_realtime (`realtime`).
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

// What a mutation did that schemac must refuse without a flag.
struct Refusals {
  bool data_loss = false;      // A table, column, enum, extension or schema dropped.
  bool enum_recreate = false;  // Enum values removed or reordered.
};

struct TypeInfo {
  const char* name;        // As written in .schema files and in SQL.
  const char* default_sql;
  const char* seed;        // The value of the seeded row.
  bool numeric;
};
const TypeInfo kTypes[] = {
    {"integer", "7", "3", true},
    {"bigint", "42", "4", true},
    {"text", "'x'::text", "'hello'", false},
    {"varchar(20)", "'v'::character varying", "'v'", false},
    {"boolean", "false", "true", false},
    {"numeric(10,2)", "1.50", "2.50", true},
    {"timestamptz", "now()", "'2020-01-02 03:04:05+00'", false},
    {"jsonb", "'{}'::jsonb", "'{\"a\": 1}'", false},
    {"uuid", "gen_random_uuid()", "'00000000-0000-0000-0000-000000000001'", false},
    {"varchar(40)", "'w'::character varying", "'v'", false},
    {"varchar(10)", "'s'::character varying", "'v'", false},
    {"numeric(12,2)", "2.25", "2.50", true},
    {"text[]", "'{}'::text[]", "'{a,b}'", false},
    {"tsvector", "'a b'::tsvector", "'hello world'", false},
    {"mood", "", "'calm'", false},  // Last; its default names the first label.
};
constexpr int kTypeCount = sizeof(kTypes) / sizeof(kTypes[0]);
constexpr int kMoodType = kTypeCount - 1;
constexpr int kBoolean = 4, kJsonb = 7, kTextArray = 12, kTsvector = 13;

bool IsText(int type) { return type == 2 || type == 3 || type == 9 || type == 10; }
// Types the generator gives btree keys (unique constraints, primary keys, plain indexes).
bool Btree(int type) { return type != kJsonb && type != kTextArray && type != kTsvector; }

bool MethodFits(int method, int type) {
  switch (method) {
    case 0: return Btree(type);
    case 1: return Btree(type) && type != kBoolean;  // hash
    case 2: return !Btree(type);                      // gin
    case 3: return type == 0 || type == 1 || type == 5 || type == 6 || type == 8 || type == 11;
    case 4: return type == kTsvector;                 // gist, tsvector_ops
  }
  return false;
}

// The types a column may change to: compatible (integer <-> bigint, text <-> varchar), length
// changes, and conversions without an implicit cast (boolean <-> integer need USING).
std::vector<int> TypeChanges(int type) {
  std::vector<int> out;
  auto add = [&](bool on, std::initializer_list<int> to) {
    if (on) out.insert(out.end(), to);
  };
  switch (type) {
    case 0: add(true, {1}); add(kIncompatibleTypes, {kBoolean}); break;
    case 1: add(true, {0}); break;
    case 2: add(true, {3}); break;
    case 3: add(true, {2}); add(kLengthChanges, {9}); break;
    case kBoolean: add(kIncompatibleTypes, {0}); break;
    case 5: add(kLengthChanges, {11}); break;
    case kJsonb: add(kIncompatibleTypes, {2}); break;
    case 8: add(kIncompatibleTypes, {2}); break;
    case 9: add(kLengthChanges, {10}); break;
    case 10: add(kLengthChanges, {3}); break;
    case 11: add(kLengthChanges, {5}); break;
  }
  return out;
}

// Makes a column's features consistent with each other after generation or mutation.
void Normalize(GenColumn& c) {
  if (c.fk >= 0) c.type = 1, c.identity = 0, c.generated = 0;
  if (c.type > 1) c.identity = 0;
  if (c.type != 1) c.generated = 0;
  if (c.generated) c.identity = 0, c.default_value = 0;
  if (c.identity) c.nullable = false, c.default_value = 0;
  if (!IsText(c.type)) c.collate_c = false;
  if (!kTypes[c.type].numeric) c.check = c.policy = false;
  if (!Btree(c.type)) c.unique = false;
  if (c.index == 3 && c.type != 2) c.index = 1;
  if (!kIndexMethods) c.method = 0;
  if (c.index != 0 && !MethodFits(c.method, c.type)) {
    c.method = Btree(c.type) ? 0 : c.type == kTsvector && c.method == 4 ? 4 : 2;
  }
  if (c.index != 0 && c.method != 0) c.index = 1;
  bool other_opclass = (c.method == 0 && c.type == 2 && c.index == 1) ||
                       (c.method == 2 && c.type == kJsonb);
  if (!other_opclass || c.index == 0) c.pattern = false;
  if (c.index != 1 || (c.method != 0 && c.method != 3)) c.index_extras = false;
  if (!c.unique) c.nulls_not_distinct = false;
}

std::string TableName(const GenTable& t) { return "t" + std::to_string(t.id) + (t.renamed ? "_r" : ""); }
std::string ColumnName(const GenColumn& c) { return "c" + std::to_string(c.id) + (c.renamed ? "_r" : ""); }
// Names of constraints and indexes: a rename bumps the version.
std::string Versioned(const std::string& base, int names, const std::string& suffix) {
  return base + (names ? "v" + std::to_string(names) : "") + suffix;
}
std::string PkName(const GenTable& t) { return Versioned("t" + std::to_string(t.id), t.pk_names, "_pkey"); }
std::string ColumnKey(const GenColumn& c, const std::string& suffix) {
  return Versioned("k" + std::to_string(c.id), c.names, suffix);
}
std::string MultiName(const GenMulti& m) {
  return Versioned("m" + std::to_string(m.id), m.names, m.kind == 0 ? "_key" : "_idx");
}
const GenColumn* FindColumn(const GenTable& t, int id) {
  for (const GenColumn& c : t.columns) {
    if (c.id == id) return &c;
  }
  return nullptr;
}
// The label rows hold ('calm', perhaps renamed).
std::string CalmLabel(const GenSchema& s) {
  for (const std::string& l : s.mood) {
    if (l.starts_with("calm")) return l;
  }
  return "calm";
}
std::string DefaultSql(const GenSchema& s, const GenColumn& c) {
  return c.type == kMoodType ? "'" + CalmLabel(s) + "'::mood" : kTypes[c.type].default_sql;
}

// Keys whose columns are gone or unfit are dropped; a primary key column is NOT NULL; a table
// that a foreign key references keeps the primary key (id) the foreign key needs.
void Repair(GenSchema& s) {
  std::set<int> referenced;
  for (GenTable& t : s.tables) {
    for (GenColumn& c : t.columns) {
      if (c.fk >= 0) referenced.insert(c.fk);
    }
  }
  for (GenTable& t : s.tables) {
    std::erase_if(t.multis, [&](const GenMulti& m) {
      const GenColumn* a = FindColumn(t, m.a);
      const GenColumn* b = FindColumn(t, m.b);
      return !kMultiColumnKeys || a == nullptr || b == nullptr || !Btree(a->type) || !Btree(b->type);
    });
    const GenColumn* pk = FindColumn(t, t.pk_with);
    if (!kPrimaryKeyChanges || pk == nullptr || !Btree(pk->type) || pk->generated || referenced.count(t.id)) {
      t.pk_with = -1;
    }
    for (GenColumn& c : t.columns) {
      if (c.id == t.pk_with) c.nullable = false;
    }
    if (!t.published) t.replica_full = false;
  }
}

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
    c.unique = c.fk < 0 && Chance(10);
    if (Chance(25)) c.index = 1 + Int(3);
    c.method = Chance(40) ? 1 + Int(4) : 0;
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

  // A two-column key over the table's columns, if it has two that fit.
  void MaybeAddMulti(GenTable& t) {
    std::vector<int> fit;
    for (const GenColumn& c : t.columns) {
      if (Btree(c.type)) fit.push_back(c.id);
    }
    if (!kMultiColumnKeys || fit.size() < 2) return;
    int i = Int(static_cast<int>(fit.size()));
    int j = (i + 1 + Int(static_cast<int>(fit.size()) - 1)) % static_cast<int>(fit.size());
    t.multis.push_back({next_id_++, Int(2), fit[i], fit[j], 0});
  }

  // The primary key becomes (id, a column that fits), if there is one.
  void MaybeWidenKey(GenTable& t) {
    std::vector<int> fit;
    for (const GenColumn& c : t.columns) {
      if (Btree(c.type) && !c.generated) fit.push_back(c.id);
    }
    if (kPrimaryKeyChanges && !fit.empty()) t.pk_with = fit[Int(static_cast<int>(fit.size()))];
  }

  GenTable NewTable(const GenSchema& schema) {
    GenTable t;
    t.id = next_id_++;
    std::vector<int> before;
    for (const GenTable& other : schema.tables) before.push_back(other.id);
    int columns = 1 + Int(5);
    for (int i = 0; i < columns; ++i) t.columns.push_back(NewColumn(schema, before));
    if (Chance(20)) MaybeWidenKey(t);
    if (Chance(30)) MaybeAddMulti(t);
    t.rls = Chance(40);
    t.force_rls = t.rls && Chance(20);
    t.policy_command = Int(5);
    t.policy_restrictive = Chance(20);
    t.grant_reader = Chance(40);
    t.grant_writer_all = Chance(20);
    t.published = Chance(25);
    t.policy_comment = Chance(20);
    t.replica_full = Chance(30);
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
    Repair(s);
    return s;
  }

  // B: A with random changes. Renames are recorded in `renames` as hints would be; what schemac
  // must refuse without a flag in `refusals`.
  GenSchema Mutate(GenSchema s, Renames* renames, Refusals* refusals) {
    const ir::QualifiedName mood{"public", "mood"};
    if (!s.mood.empty() && Chance(20)) {
      s.mood.insert(s.mood.begin() + Int(static_cast<int>(s.mood.size()) + 1),
                    "m" + std::to_string(next_id_++));
    }
    if (kEnumValueRenames && !s.mood.empty() && Chance(20)) {
      std::string& label = s.mood[Int(static_cast<int>(s.mood.size()))];
      renames->enum_values[{mood, label}] = label + "_r";
      label += "_r";
    }
    // Removed or reordered values: the type is recreated ('calm', which rows hold, stays).
    if (s.mood.size() > 2 && Chance(15)) {
      auto removed = std::find_if(s.mood.begin(), s.mood.end(),
                                  [](const std::string& l) { return !l.starts_with("calm"); });
      std::erase_if(renames->enum_values, [&](const auto& r) { return r.second == *removed; });
      s.mood.erase(removed);
      refusals->enum_recreate = true;
    } else if (s.mood.size() > 1 && Chance(10)) {
      std::swap(s.mood.front(), s.mood.back());
      refusals->enum_recreate = true;
    }
    std::vector<GenTable> tables;
    for (GenTable t : s.tables) {
      if (Chance(10)) {  // Dropped: so are foreign keys to it.
        refusals->data_loss = true;
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
        if (Chance(8)) {  // Dropped.
          refusals->data_loss = true;
          continue;
        }
        if (!c.renamed && Chance(10)) {
          renames->columns[{name, ColumnName(c)}] = ColumnName(c) + "_r";
          c.renamed = true;
        }
        std::vector<int> types = TypeChanges(c.type);
        if (c.fk < 0 && !types.empty() && Chance(12)) c.type = types[Int(static_cast<int>(types.size()))];
        if (Chance(10)) c.nullable = !c.nullable;
        if (Chance(10)) c.default_value = c.default_value ? 0 : 1;
        if (Chance(10)) c.comment = c.comment.empty() ? "changed" : "";
        if (kTypes[c.type].numeric && Chance(10)) c.check = !c.check;
        if (Chance(10)) c.index = Int(3);
        if (c.type == 2 && Chance(10)) c.index = 3;
        if (Chance(10)) c.method = Int(5);
        if (c.fk < 0 && Chance(5)) c.unique = !c.unique;
        if (kTypes[c.type].numeric && Chance(15)) c.policy = !c.policy;
        if (Chance(15)) c.identity = c.identity ? (Chance(50) ? 0 : 3 - c.identity) : 1 + Int(2);
        if (Chance(6)) c.generated = c.generated ? (Chance(50) ? 0 : 5 - c.generated) : 2;
        if (Chance(8)) c.collate_c = !c.collate_c;
        if (Chance(8)) c.pattern = !c.pattern;
        if (Chance(8)) c.index_extras = !c.index_extras;
        if (Chance(10)) c.fk_cascade = !c.fk_cascade;
        if (Chance(8)) c.deferrable = !c.deferrable;
        if (Chance(8)) c.nulls_not_distinct = !c.nulls_not_distinct;
        if (kConstraintRenames && Chance(8)) ++c.names;
        Normalize(c);
        columns.push_back(c);
      }
      t.columns = columns;
      if (Chance(12)) {  // Before a column is added: a key column holds a value in the row.
        if (t.pk_with >= 0) {
          t.pk_with = -1;
        } else {
          MaybeWidenKey(t);
        }
      }
      if (Chance(20)) {
        // Added to a table with rows: NOT NULL needs a default.
        GenColumn added = NewColumn(s, {});
        if (!added.nullable && !added.identity && !added.generated) added.default_value = 1;
        Normalize(added);
        t.columns.push_back(added);
      }
      if (kConstraintRenames && Chance(8)) ++t.pk_names;
      if (!t.multis.empty() && Chance(10)) t.multis.erase(t.multis.begin() + Int(static_cast<int>(t.multis.size())));
      if (Chance(12)) MaybeAddMulti(t);
      for (GenMulti& m : t.multis) {
        if (kConstraintRenames && Chance(10)) ++m.names;
      }
      if (Chance(15)) t.rls = !t.rls;
      t.force_rls = t.rls && (Chance(80) ? t.force_rls : !t.force_rls);
      if (Chance(15)) t.policy_command = Int(5);
      if (Chance(10)) t.policy_restrictive = !t.policy_restrictive;
      if (Chance(15)) t.grant_reader = !t.grant_reader;
      if (Chance(10)) t.grant_writer_all = !t.grant_writer_all;
      if (Chance(15)) t.published = !t.published;
      if (Chance(10)) t.policy_comment = !t.policy_comment;
      if (Chance(15)) t.replica_full = !t.replica_full;
      if (Chance(10)) t.comment = t.comment.empty() ? "changed" : "";
      tables.push_back(t);
    }
    s.tables = tables;
    if (Chance(30)) s.tables.push_back(NewTable(s));
    bool uses_mood = false;
    for (const GenTable& t : s.tables) {
      for (const GenColumn& c : t.columns) uses_mood |= c.type == kMoodType;
    }
    if (!uses_mood && !s.mood.empty() && Chance(20)) {
      s.mood.clear();
      renames->enum_values.clear();
      refusals->data_loss = true;
      refusals->enum_recreate = false;
    }
    if (!s.mood.empty() && Chance(10)) s.mood_comment = s.mood_comment.empty() ? "changed" : "";
    if (s.mood.empty()) s.mood_comment.clear();
    if (Chance(15)) {
      s.trgm = !s.trgm;
      refusals->data_loss |= !s.trgm;
    }
    if (Chance(15)) {
      s.extra = !s.extra;
      refusals->data_loss |= !s.extra;
    }
    Repair(s);
    return s;
  }

 private:
  std::mt19937_64 random_;
  int next_id_ = 1;
};

const char* const kMethodNames[] = {"btree", "hash", "gin", "brin", "gist"};
const char* const kCommands[] = {"all", "select", "insert", "update", "delete"};

std::string Quote(const std::string& text) { return "'" + text + "'"; }  // Texts have no quote.

// The policy's expression: every column with `policy` is positive.
std::string PolicyExpr(const GenTable& t) {
  std::string expr;
  for (const GenColumn& c : t.columns) {
    if (c.policy) expr += (expr.empty() ? "" : " AND ") + ColumnName(c) + " > 0";
  }
  return expr.empty() ? "true" : expr;
}

// An index key list, for SQL and the DSL alike.
std::string IndexKey(const GenColumn& c) {
  std::string key = c.index == 3 ? "(lower(" + ColumnName(c) + "))" : ColumnName(c);
  if (c.pattern) key += c.type == kJsonb ? " jsonb_path_ops" : " text_pattern_ops";
  if (c.index == 2) key += " desc nulls last";
  return key;
}

// The schema in the DSL, with rename hints for what `renames` renames (none for A).
std::string SchemaText(const GenSchema& g, const Renames& renames) {
  std::ostringstream out;
  out << "target supabase\nextern role schemac_conv_reader\nextern role schemac_conv_writer\n";
  if (g.trgm) out << "extension pg_trgm\n";
  if (g.extra) out << "schema extra\ntable extra.audit {\n  id bigint\n  primary key audit_pkey (id)\n}\n";
  if (!g.mood.empty()) {
    if (!g.mood_comment.empty()) out << "/// " << g.mood_comment << "\n";
    out << "enum mood (";
    for (size_t i = 0; i < g.mood.size(); ++i) {
      out << (i ? ", " : "") << Quote(g.mood[i]);
      for (const auto& [old, now] : renames.enum_values) {
        if (now == g.mood[i]) out << " renamed from " << Quote(old.second);
      }
    }
    out << ")\n";
  }
  for (const GenTable& t : g.tables) {
    if (!t.comment.empty()) out << "/// " << t.comment << "\n";
    out << "table " << TableName(t);
    if (t.renamed) out << " renamed from t" << t.id;
    out << " {\n  id bigint identity always\n";
    std::ostringstream items;
    for (const GenColumn& c : t.columns) {
      const std::string name = ColumnName(c);
      if (!c.comment.empty()) out << "  /// " << c.comment << "\n";
      out << "  " << name << " " << kTypes[c.type].name << (c.nullable ? "?" : "");
      if (c.renamed) out << " renamed from c" << c.id;
      if (c.default_value) out << " default (" << DefaultSql(g, c) << ")";
      if (c.identity) out << " identity " << (c.identity == 1 ? "always" : "by default");
      if (c.generated) out << " generated always as (id * " << c.generated << ") stored";
      if (c.collate_c) out << " collate \"C\"";
      out << "\n";
      if (c.check) items << "  check " << ColumnKey(c, "_check") << " (" << name << " >= 0)\n";
      if (c.unique) {
        items << "  unique " << ColumnKey(c, "_key") << (c.nulls_not_distinct ? " nulls not distinct" : "")
              << " (" << name << ")\n";
      }
      if (c.fk >= 0) {
        for (const GenTable& other : g.tables) {
          if (other.id != c.fk) continue;
          items << "  foreign key " << ColumnKey(c, "_fkey") << " (" << name << ") references "
                << TableName(other) << "(id) on delete " << (c.fk_cascade ? "cascade" : "restrict")
                << (c.deferrable ? " deferrable" : "") << "\n";
        }
      }
      if (c.index) {
        items << "  index " << ColumnKey(c, "_idx");
        if (c.method) items << " using " << kMethodNames[c.method];
        items << " (" << IndexKey(c) << ")";
        if (c.index_extras && c.method == 0) items << " include (id) with (fillfactor = 70)";
        if (c.index_extras && c.method == 3) items << " with (pages_per_range = 16)";
        if (c.index == 2) items << " where (" << name << " IS NOT NULL)";
        items << "\n";
      }
    }
    const GenColumn* pk = FindColumn(t, t.pk_with);
    out << "  primary key " << PkName(t) << " (id" << (pk ? ", " + ColumnName(*pk) : "") << ")\n";
    out << items.str();
    for (const GenMulti& m : t.multis) {
      std::string a = ColumnName(*FindColumn(t, m.a)), b = ColumnName(*FindColumn(t, m.b));
      out << "  " << (m.kind == 0 ? "unique " : "index ") << MultiName(m) << " (" << a << ", " << b
          << (m.kind == 0 ? "" : " desc") << ")\n";
    }
    if (t.rls) {
      out << "  rls" << (t.force_rls ? " force" : "") << "\n";
      if (t.policy_comment) out << "  /// who sees t" << t.id << "\n";
      out << "  policy \"p t" << t.id << "\"" << (t.policy_restrictive ? " as restrictive" : "")
          << " for " << kCommands[t.policy_command];
      if (t.grant_reader) out << " to schemac_conv_reader";
      std::string expr = PolicyExpr(t);
      if (t.policy_command != 2) out << " using (" << expr << ")";
      if (t.policy_command == 2 || t.policy_command == 3) out << " with check (" << expr << ")";
      out << "\n";
    }
    if (t.grant_reader) out << "  grant select to schemac_conv_reader\n";
    if (t.grant_writer_all) out << "  grant select, insert, update, delete to schemac_conv_writer\n";
    if (t.published) out << "  realtime" << (t.replica_full ? " replica identity full" : "") << "\n";
    out << "}\n";
  }
  return out.str();
}

// The same schema as a plain SQL script, written here from the model alone: the oracle's build.
std::string SchemaSql(const GenSchema& g) {
  std::ostringstream out;
  std::ostringstream after;  // Foreign keys (any table order), then RLS, grants, comments.
  if (g.trgm) out << "CREATE EXTENSION pg_trgm;\n";
  if (g.extra) out << "CREATE SCHEMA extra;\nCREATE TABLE extra.audit (id bigint NOT NULL, CONSTRAINT audit_pkey PRIMARY KEY (id));\n";
  if (!g.mood.empty()) {
    out << "CREATE TYPE mood AS ENUM (";
    for (size_t i = 0; i < g.mood.size(); ++i) out << (i ? ", " : "") << Quote(g.mood[i]);
    out << ");\n";
    if (!g.mood_comment.empty()) out << "COMMENT ON TYPE mood IS " << Quote(g.mood_comment) << ";\n";
  }
  for (const GenTable& t : g.tables) {
    const std::string table = TableName(t);
    out << "CREATE TABLE " << table << " (\n  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL";
    for (const GenColumn& c : t.columns) {
      const std::string name = ColumnName(c);
      out << ",\n  " << name << " " << kTypes[c.type].name;
      if (c.collate_c) out << " COLLATE \"C\"";
      if (c.default_value) out << " DEFAULT " << DefaultSql(g, c);
      if (c.identity) out << " GENERATED " << (c.identity == 1 ? "ALWAYS" : "BY DEFAULT") << " AS IDENTITY";
      if (c.generated) out << " GENERATED ALWAYS AS (id * " << c.generated << ") STORED";
      if (!c.nullable) out << " NOT NULL";
      if (c.check) out << ",\n  CONSTRAINT " << ColumnKey(c, "_check") << " CHECK (" << name << " >= 0)";
      if (c.unique) {
        out << ",\n  CONSTRAINT " << ColumnKey(c, "_key") << " UNIQUE"
            << (c.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") << " (" << name << ")";
      }
      if (c.fk >= 0) {
        for (const GenTable& other : g.tables) {
          if (other.id != c.fk) continue;
          after << "ALTER TABLE " << table << " ADD CONSTRAINT " << ColumnKey(c, "_fkey")
                << " FOREIGN KEY (" << name << ") REFERENCES " << TableName(other) << " (id) ON DELETE "
                << (c.fk_cascade ? "CASCADE" : "RESTRICT") << (c.deferrable ? " DEFERRABLE" : "") << ";\n";
        }
      }
      if (!c.comment.empty()) after << "COMMENT ON COLUMN " << table << "." << name << " IS " << Quote(c.comment) << ";\n";
    }
    const GenColumn* pk = FindColumn(t, t.pk_with);
    out << ",\n  CONSTRAINT " << PkName(t) << " PRIMARY KEY (id" << (pk ? ", " + ColumnName(*pk) : "") << ")";
    for (const GenMulti& m : t.multis) {
      if (m.kind != 0) continue;
      out << ",\n  CONSTRAINT " << MultiName(m) << " UNIQUE (" << ColumnName(*FindColumn(t, m.a)) << ", "
          << ColumnName(*FindColumn(t, m.b)) << ")";
    }
    out << "\n);\n";
    for (const GenColumn& c : t.columns) {
      if (!c.index) continue;
      out << "CREATE INDEX " << ColumnKey(c, "_idx") << " ON " << table << " USING "
          << kMethodNames[c.method] << " (" << IndexKey(c) << ")";
      if (c.index_extras && c.method == 0) out << " INCLUDE (id) WITH (fillfactor = 70)";
      if (c.index_extras && c.method == 3) out << " WITH (pages_per_range = 16)";
      if (c.index == 2) out << " WHERE " << ColumnName(c) << " IS NOT NULL";
      out << ";\n";
    }
    for (const GenMulti& m : t.multis) {
      if (m.kind != 1) continue;
      out << "CREATE INDEX " << MultiName(m) << " ON " << table << " (" << ColumnName(*FindColumn(t, m.a))
          << ", " << ColumnName(*FindColumn(t, m.b)) << " DESC);\n";
    }
    if (t.rls) after << "ALTER TABLE " << table << " ENABLE ROW LEVEL SECURITY;\n";
    if (t.force_rls) after << "ALTER TABLE " << table << " FORCE ROW LEVEL SECURITY;\n";
    if (t.rls) {
      std::string policy = "\"p t" + std::to_string(t.id) + "\"";
      std::string expr = PolicyExpr(t);
      after << "CREATE POLICY " << policy << " ON " << table << " AS "
            << (t.policy_restrictive ? "RESTRICTIVE" : "PERMISSIVE") << " FOR " << kCommands[t.policy_command]
            << " TO " << (t.grant_reader ? "schemac_conv_reader" : "public");
      if (t.policy_command != 2) after << " USING (" << expr << ")";
      if (t.policy_command == 2 || t.policy_command == 3) after << " WITH CHECK (" << expr << ")";
      after << ";\n";
      if (t.policy_comment) after << "COMMENT ON POLICY " << policy << " ON " << table << " IS 'who sees t" << t.id << "';\n";
    }
    if (t.grant_reader) after << "GRANT SELECT ON " << table << " TO schemac_conv_reader;\n";
    if (t.grant_writer_all) after << "GRANT SELECT, INSERT, UPDATE, DELETE ON " << table << " TO schemac_conv_writer;\n";
    if (t.published) after << "ALTER PUBLICATION supabase_realtime ADD TABLE " << table << ";\n";
    if (t.replica_full) after << "ALTER TABLE " << table << " REPLICA IDENTITY FULL;\n";
    if (!t.comment.empty()) after << "COMMENT ON TABLE " << table << " IS " << Quote(t.comment) << ";\n";
  }
  return out.str() + after.str();
}

constexpr const char* kPlatform =
    "do $$ begin "
    "if not exists (select 1 from pg_roles where rolname = 'schemac_conv_reader') then "
    "  create role schemac_conv_reader; end if; "
    "if not exists (select 1 from pg_roles where rolname = 'schemac_conv_writer') then "
    "  create role schemac_conv_writer; end if; end $$; "
    "create publication supabase_realtime";

// One row per table, every column set (ids are 1: foreign keys point at the first row).
std::string SeedSql(const GenSchema& g) {
  std::string out;
  for (const GenTable& t : g.tables) {
    std::string columns;
    std::string values;
    for (const GenColumn& c : t.columns) {
      if (c.generated || c.identity) continue;  // Computed or from its sequence.
      columns += ", " + ColumnName(c);
      values += ", " + std::string(c.fk >= 0 ? "1" : kTypes[c.type].seed);
    }
    out += columns.empty() ? "insert into " + TableName(t) + " default values;\n"
                           : "insert into " + TableName(t) + " (" + columns.substr(2) +
                                 ") values (" + values.substr(2) + ");\n";
  }
  return out;
}

std::string Key(const GenTable& t, const GenColumn& c) {
  return std::to_string(t.id) + "/" + std::to_string(c.id);
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
      out[Key(t, c)] = rows.empty() ? "<no row>" : rows[0][0].is_null() ? "<null>" : rows[0][0].c_str();
    }
  }
  return out;
}

// Each column, by "table id/column id".
std::map<std::string, GenColumn> ColumnsByKey(const GenSchema& g) {
  std::map<std::string, GenColumn> out;
  for (const GenTable& t : g.tables) {
    for (const GenColumn& c : t.columns) out[Key(t, c)] = c;
  }
  return out;
}

// The database's schema, read back by schemac.
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

// What still differs as schemac's own diff sees it: the steps it would plan, or the JSON when
// the diff sees nothing (a difference the diff engine misses).
std::string Remaining(const ir::Schema& actual, const ir::Schema& expected) {
  std::string out;
  for (const plan::Step& step : Diff(actual, expected, {}, {true, true}).steps) out += step.Describe() + "\n";
  std::string actual_json = JsonIgnoringColumnOrder(actual);
  std::string expected_json = JsonIgnoringColumnOrder(expected);
  if (out.empty() && actual_json != expected_json) {
    out = "no step, but the IR differs:\n" + actual_json + "\nexpected:\n" + expected_json;
  }
  return out;
}

// `pg_dump --schema-only --no-owner` of a database as a sorted list of statements, with what
// legitimately differs between two builds of one schema taken out, and nothing else:
//   - comment lines (the header, pg_dump's version, the "Name: ...; Type: ..." labels) and blank
//     lines; `\restrict` / `\unrestrict` lines (a random key per dump);
//   - the name of an identity column's sequence (`SEQUENCE NAME`): the DSL has no way to name
//     it; PostgreSQL names it after the table and column when the identity is made and keeps
//     that name through renames, and so does schemac;
//   - the order of columns in CREATE TABLE: a migration adds a column last (and a down migration
//     re-adds a dropped one last), where a fresh CREATE puts it where the schema says; schemac
//     does not reorder columns (docs/cli.md: column order is not compared);
//   - the order of statements: pg_dump sorts by object type and name, so a masked sequence name
//     can move its statement.
// Owners are left out (--no-owner: both databases are built by the same user); privileges stay.
std::vector<std::string> DumpStatements(const std::string& pg_dump, const std::string& url) {
  RunResult dump = RunShell("'" + pg_dump + "' --schema-only --no-owner '" + url + "'");
  INFO("pg_dump: " << dump.err);
  REQUIRE(dump.exit_code == 0);
  std::vector<std::string> statements;
  std::vector<std::string> lines;  // Of the statement being read.
  std::istringstream in(dump.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with("--") || line.starts_with("\\restrict") ||
        line.starts_with("\\unrestrict")) {
      continue;
    }
    if (line.starts_with("    SEQUENCE NAME ")) line = "    SEQUENCE NAME <identity sequence>";
    lines.push_back(line);
    if (!line.ends_with(";")) continue;
    if (lines.front().starts_with("CREATE TABLE ") && lines.size() > 2) {
      // Column and constraint lines, between "CREATE TABLE name (" and ");".
      for (size_t i = 1; i + 1 < lines.size(); ++i) {
        if (lines[i].ends_with(",")) lines[i].pop_back();
      }
      std::sort(lines.begin() + 1, lines.end() - 1);
    }
    std::string statement;
    for (const std::string& l : lines) statement += l + "\n";
    statements.push_back(statement);
    lines.clear();
  }
  std::sort(statements.begin(), statements.end());
  return statements;
}

// The statements of `actual` that `expected` lacks and the other way round, for a message.
std::string DumpDifference(const std::vector<std::string>& actual, const std::vector<std::string>& expected) {
  std::vector<std::string> extra, missing;
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::string out;
  for (const std::string& s : extra) out += "only in the database:\n" + s;
  for (const std::string& s : missing) out += "only in the expected state:\n" + s;
  return out;
}

uint64_t EnvNumber(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("convergence: random schema pairs migrated up and down match the generator's SQL",
          "[pg][convergence]") {
  uint64_t first = EnvNumber("SCHEMAC_CONVERGENCE_SEED", 1);
  uint64_t pairs = EnvNumber("SCHEMAC_CONVERGENCE_PAIRS", 100);
  const std::string pg_dump = PgDumpPath();
  if (pg_dump.empty()) {
    // npm's servers (17, 18) ship no pg_dump and Debian 12 has only 15's: there the databases
    // are compared as schemac reads them (Y is still built by the generator's SQL).
    WARN("no pg_dump for PostgreSQL " << ExpectedServerMajor()
                                      << ": comparing schemac's reading of the databases instead");
  }
  ScratchDb work(Engine::kPostgres);    // X: built from A, migrated to B and back.
  ScratchDb oracle(Engine::kPostgres);  // Y: the generator's SQL for A, then for B.
  TempDir dir;
  const std::filesystem::path a_file = dir.path / "a.schema";
  const std::filesystem::path b_file = dir.path / "b.schema";
  const std::string dev = " --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  const std::string x_arg = " '" + work.url() + "'";
  // schemac's canonical cache is private to this run: a form cached by an earlier build cannot
  // stand in for this build's (within the run, the three commands of a pair share B's).
  const std::string cli = "XDG_CACHE_HOME='" + (dir.path / "cache").string() + "' " + SCHEMAC_BINARY + " ";
  auto schemac = [&](const std::string& args) { return RunShell("NO_COLOR=1 " + cli + args); };
  auto snapshot = [&](const std::string& url) {
    if (!pg_dump.empty()) return DumpStatements(pg_dump, url);
    return std::vector<std::string>{JsonIgnoringColumnOrder(Read(url))};
  };
  std::set<plan::StepKind> kinds;  // Planned in some pair, up or down.
  int steps = 0, refused = 0, built_by_schemac = 0;
  for (uint64_t seed = first; seed < first + pairs; ++seed) {
    INFO("seed " << seed << ": rerun alone with SCHEMAC_CONVERGENCE_SEED=" << seed
                 << " SCHEMAC_CONVERGENCE_PAIRS=1 tools/test.sh -R convergence");
    Generator generator(seed);
    GenSchema a = generator.NewSchema();
    Renames renames;
    Refusals refusals;
    GenSchema b = generator.Mutate(a, &renames, &refusals);
    WriteFile(a_file, SchemaText(a, {}));
    WriteFile(b_file, SchemaText(b, renames));
    const std::string a_sql = SchemaSql(a);
    const std::string b_sql = SchemaSql(b);
    INFO("a.schema:\n" << SchemaText(a, {}) << "b.schema:\n" << SchemaText(b, renames)
                       << "A (generator's SQL):\n" << a_sql << "B (generator's SQL):\n" << b_sql);

    // The oracle: A and B built by the generator's SQL alone.
    oracle.Reset();
    oracle.Exec(kPlatform);
    oracle.Exec(a_sql);
    const std::vector<std::string> dump_a = snapshot(oracle.url());
    oracle.Reset();
    oracle.Exec(kPlatform);
    oracle.Exec(b_sql);
    const std::vector<std::string> dump_b = snapshot(oracle.url());
    const ir::Schema to = Read(oracle.url());

    // X: A built by schemac from a.schema (even seeds) or by the generator's SQL.
    work.Reset();
    work.Exec(kPlatform);
    if (seed % 2 == 0) {
      RunResult create = schemac("diff --from empty --to " + a_file.string() + dev);
      INFO("diff --from empty: " << create.err);
      REQUIRE(create.exit_code == 2);
      REQUIRE_NOTHROW(Apply(work.url(), create.out));
      ++built_by_schemac;
    } else {
      work.Exec(a_sql);
    }
    std::vector<std::string> before = snapshot(work.url());
    INFO("X built from A, against the generator's A");
    REQUIRE(DumpDifference(before, dump_a) == "");
    work.Exec(SeedSql(a));
    std::map<std::string, std::string> seeded = RowValues(work.url(), a);
    const ir::Schema from = Read(work.url());

    // Refused without the flag that allows it, nothing changed.
    const std::string apply = "apply --auto-approve --db" + x_arg + " --schema " + b_file.string() + dev;
    if (refusals.data_loss) {
      RunResult r = schemac(apply + " --allow-enum-recreate");
      INFO("apply without --allow-destructive: " << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("refused (DATA_LOSS, pass --allow-destructive): drop ") != std::string::npos);
      CHECK(DumpDifference(snapshot(work.url()), before) == "");
      ++refused;
    }
    if (refusals.enum_recreate) {
      RunResult r = schemac(apply + " --allow-destructive");
      INFO("apply without --allow-enum-recreate: " << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("schemac: error: enum public.mood ") != std::string::npos);
      CHECK(r.err.find("pass --allow-enum-recreate") != std::string::npos);
      CHECK(DumpDifference(snapshot(work.url()), before) == "");
      ++refused;
    }

    // Up and down, written by schemac from the live X and b.schema.
    const std::string diff = "diff --from" + x_arg + " --to " + b_file.string() + dev +
                             " --allow-destructive --allow-enum-recreate";
    RunResult up = schemac(diff + (seed % 4 == 0 ? " --concurrent-indexes" : ""));
    INFO("up: " << up.err << "\n" << up.out);
    REQUIRE((up.exit_code == 2 || up.exit_code == 0));
    RunResult down = schemac(diff + " --down --allow-lossy-down");
    INFO("down: " << down.err << "\n" << down.out);
    REQUIRE((down.exit_code == 2 || down.exit_code == 0));
    plan::Plan planned = Diff(from, to, renames, {true, true});  // The same plan, for its kinds.
    steps += static_cast<int>(planned.steps.size());
    for (const plan::Step& step : planned.steps) kinds.insert(step.kind);
    for (const plan::Step& step : Diff(to, from, renames.Inverted(), {true, true}).steps) kinds.insert(step.kind);

    REQUIRE_NOTHROW(Apply(work.url(), up.out));
    std::vector<std::string> after = snapshot(work.url());
    INFO("after up, against the generator's B");
    CHECK(DumpDifference(after, dump_b) == "");
    CHECK(Remaining(Read(work.url()), to) == "");
    CHECK_NOTHROW(Apply(work.url(), up.out));  // Idempotent.
    CHECK(DumpDifference(snapshot(work.url()), dump_b) == "");
    // Rows keep their values in the columns that stay, renamed or retyped.
    std::map<std::string, GenColumn> columns_a = ColumnsByKey(a);
    std::map<std::string, GenColumn> columns_b = ColumnsByKey(b);
    for (const auto& [key, value] : RowValues(work.url(), b)) {
      auto was = seeded.find(key);
      if (was == seeded.end()) continue;  // A column added by the migration.
      const GenColumn& ca = columns_a[key];
      const GenColumn& cb = columns_b[key];
      if (ca.generated != cb.generated) continue;  // Computed differently.
      if ((ca.type == kBoolean) != (cb.type == kBoolean)) continue;  // true is 1, 3 is true.
      std::string expected = was->second == "calm" && cb.type == kMoodType ? CalmLabel(b) : was->second;
      INFO("column " << key);
      CHECK(value == expected);
    }

    if ((planned.Hazards() & plan::kDataLoss) || refusals.data_loss) {
      // Data the up migration dropped cannot come back, and rows that pointed at it would fail
      // the restored foreign keys: the down migration is tried on empty tables.
      work.Exec("do $$ declare r record; begin for r in select tablename from pg_tables "
                "where schemaname = 'public' loop execute format('truncate %I cascade', "
                "r.tablename); end loop; end $$");
    }
    REQUIRE_NOTHROW(Apply(work.url(), down.out));
    std::vector<std::string> back = snapshot(work.url());
    INFO("after down, against the generator's A");
    CHECK(DumpDifference(back, dump_a) == "");
  }
  // The generator must exercise the engine: over the default run, every kind of step below.
  CHECK(steps >= static_cast<int>(pairs));
  CHECK(built_by_schemac >= static_cast<int>(pairs / 2));
  if (pairs >= 100) {
    CHECK(refused >= static_cast<int>(pairs / 4));
    using K = plan::StepKind;
    for (K kind : {K::kCreateEnum, K::kAddEnumValue, K::kRenameEnumValue, K::kRecreateEnum, K::kDropEnum,
                   K::kRenameTable, K::kCreateTable, K::kDropTable, K::kRenameColumn,
                   K::kRenameConstraint, K::kRenameIndex,
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
