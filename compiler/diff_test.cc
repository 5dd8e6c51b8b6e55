// The hazards the plan puts on a column type change: which conversions can change stored
// values without an error (DATA_LOSS, refused without allow_destructive), which rewrite the
// table. The same rules against real servers: tests/integration/hazards_test.cc. Then the step
// kinds' table (compiler/step_kinds.cc) and the plan stage: marks, final hazards, ordering.

#include "compiler/diff.h"

#include <catch2/catch.hpp>
#include <set>

#include "compiler/plan.h"
#include "compiler/step_kinds.h"

namespace schemac {

namespace {

ir::ColumnType Builtin(std::string name, std::vector<int64_t> modifiers = {}, int array_dims = 0) {
  ir::ColumnType type;
  type.name = std::move(name);
  type.modifiers = std::move(modifiers);
  type.array_dims = array_dims;
  return type;
}

ir::ColumnType Enum(std::string name) {
  ir::ColumnType type;
  type.kind = ir::TypeKind::kEnum;
  type.schema = "public";
  type.name = std::move(name);
  return type;
}

ir::ColumnType Extension(std::string name, std::vector<int64_t> modifiers = {}) {
  ir::ColumnType type;
  type.kind = ir::TypeKind::kExtension;
  type.schema = "public";
  type.name = std::move(name);
  type.modifiers = std::move(modifiers);
  return type;
}

ir::Schema OneColumn(const ir::ColumnType& type) {
  ir::Schema schema;
  schema.schemas = {"public"};
  ir::Table table;
  table.name = {"public", "t"};
  ir::Column column;
  column.name = "c";
  column.type = type;
  table.columns.push_back(column);
  schema.tables.push_back(table);
  schema.Reindex();
  return schema;
}

struct Case {
  ir::ColumnType from;
  ir::ColumnType to;
  bool changes_values;
};

}  // namespace

TEST_CASE("type changes that truncate or round silently change values, widening ones do not",
          "[diff][hazards]") {
  const ir::ColumnType text = Builtin("text");
  const ir::ColumnType varchar = Builtin("character varying");
  auto varchar_n = [](int64_t n) { return Builtin("character varying", {n}); };
  auto char_n = [](int64_t n) { return Builtin("character", {n}); };
  auto numeric = [](int64_t p, int64_t s) { return Builtin("numeric", {p, s}); };
  const ir::ColumnType ts = Builtin("timestamp without time zone");
  const ir::ColumnType tstz = Builtin("timestamp with time zone");
  const Case cases[] = {
      // Strings.
      {text, varchar_n(3), true},
      {varchar, varchar_n(3), true},
      {varchar_n(10), varchar_n(3), true},
      {text, char_n(3), true},
      {varchar_n(3), char_n(3), true},  // Trailing spaces lose their meaning.
      {char_n(5), char_n(3), true},
      {char_n(5), varchar_n(4), true},
      {text, Builtin("name"), true},
      {varchar_n(3), varchar_n(10), false},
      {varchar_n(3), text, false},
      {varchar_n(3), varchar, false},
      {char_n(3), char_n(5), false},
      {char_n(3), text, false},
      {char_n(3), varchar_n(3), false},
      {Builtin("bigint"), varchar_n(20), false},
      {Builtin("bigint"), varchar_n(19), true},
      {Builtin("integer"), text, false},
      // Numbers.
      {numeric(10, 6), numeric(10, 2), true},
      {numeric(10, 2), numeric(12, 2), false},
      {numeric(12, 2), numeric(10, 2), false},  // Raises "numeric field overflow".
      {numeric(10, 2), numeric(10, 4), false},
      {numeric(10, 2), Builtin("numeric"), false},
      {Builtin("numeric"), numeric(10, 2), true},
      {numeric(10, 2), Builtin("integer"), true},
      {Builtin("numeric"), Builtin("bigint"), true},
      {numeric(10, 0), Builtin("bigint"), false},
      {Builtin("integer"), numeric(12, 2), false},
      {Builtin("integer"), numeric(5, -2), true},
      {Builtin("integer"), Builtin("bigint"), false},
      {Builtin("bigint"), Builtin("integer"), false},  // Raises "integer out of range".
      {Builtin("integer"), Builtin("smallint"), false},
      {Builtin("double precision"), Builtin("real"), true},
      {Builtin("real"), Builtin("double precision"), false},
      {Builtin("double precision"), Builtin("integer"), true},
      {Builtin("real"), Builtin("numeric"), true},
      {Builtin("double precision"), numeric(10, 2), true},
      {Builtin("bigint"), Builtin("double precision"), true},
      {Builtin("integer"), Builtin("double precision"), false},
      {Builtin("integer"), Builtin("real"), true},
      {numeric(10, 2), Builtin("double precision"), true},
      {text, Builtin("integer"), true},  // '007' becomes 7.
      {text, Builtin("numeric"), true},  // '1e3' becomes 1000.
      {text, numeric(10, 2), true},
      // Dates and times.
      {ts, Builtin("date"), true},
      {tstz, Builtin("date"), true},
      {ts, Builtin("time without time zone"), true},
      {tstz, Builtin("time with time zone"), true},
      {Builtin("timestamp with time zone", {6}), Builtin("timestamp with time zone", {3}), true},
      {tstz, Builtin("timestamp with time zone", {0}), true},
      {Builtin("timestamp without time zone", {3}), ts, false},
      {ts, tstz, true},  // Read in the session's time zone.
      {tstz, ts, true},
      {Builtin("date"), ts, false},
      {Builtin("date"), tstz, false},
      {Builtin("time without time zone", {6}), Builtin("time without time zone", {2}), true},
      {text, Builtin("date"), true},  // '2024-01-01 10:00'::date drops the time.
      // Other types.
      {text, Builtin("jsonb"), true},
      {Builtin("json"), Builtin("jsonb"), true},
      {Builtin("jsonb"), Builtin("json"), false},
      {text, Builtin("uuid"), true},  // Upper case becomes lower case.
      {text, Builtin("boolean"), true},  // 'yes' becomes true.
      {text, Builtin("json"), false},
      {Builtin("uuid"), text, false},
      {text, Builtin("bytea"), true},
      {Builtin("bit", {8}), Builtin("bit", {4}), true},
      {text, Extension("citext"), false},
      {Extension("citext"), text, false},
      {Extension("citext"), varchar_n(3), true},
      {Extension("vector", {3}), Extension("vector", {4}), false},
      {Extension("hstore"), Builtin("jsonb"), true},
      // Enums: labels convert through text or raise.
      {text, Enum("mood"), false},
      {Enum("mood"), Enum("feeling"), false},
      {Enum("mood"), text, false},
      {Enum("mood"), varchar_n(3), true},
      // Arrays convert element by element.
      {Builtin("character varying", {10}, 1), Builtin("character varying", {3}, 1), true},
      {Builtin("integer", {}, 1), Builtin("bigint", {}, 1), false},
      {Builtin("integer"), Builtin("integer", {}, 1), true},
  };
  for (const Case& c : cases) {
    INFO(c.from.ToSql() << " -> " << c.to.ToSql());
    CHECK(plan::CastMayChangeValues(c.from, c.to) == c.changes_values);
  }
}

TEST_CASE("a type change's step carries DATA_LOSS, TABLE_REWRITE and the lock by its rule",
          "[diff][hazards]") {
  using plan::Hazard;
  struct Expected {
    ir::ColumnType from;
    ir::ColumnType to;
    uint32_t hazards;
  };
  const uint32_t lock = Hazard::kAccessExclusiveLock;
  const uint32_t rewrite = Hazard::kTableRewrite | lock;
  const uint32_t loss = Hazard::kDataLoss | rewrite;
  const Expected cases[] = {
      {Builtin("text"), Builtin("character varying", {3}), loss},
      {Builtin("numeric", {10, 6}), Builtin("numeric", {10, 2}), loss},
      {Builtin("numeric", {12, 2}), Builtin("numeric", {10, 2}), rewrite},
      {Builtin("timestamp without time zone"), Builtin("date"), loss},
      {Builtin("double precision"), Builtin("real"), loss},
      {Builtin("integer"), Builtin("bigint"), rewrite},
      {Builtin("bigint"), Builtin("integer"), rewrite},
      // PostgreSQL changes these in the catalog only.
      {Builtin("character varying", {3}), Builtin("character varying", {10}), lock},
      {Builtin("character varying", {3}), Builtin("text"), lock},
      {Builtin("numeric", {10, 2}), Builtin("numeric", {12, 2}), lock},
  };
  for (const Expected& c : cases) {
    INFO(c.from.ToSql() << " -> " << c.to.ToSql());
    ir::Schema from = OneColumn(c.from);
    ir::Schema to = OneColumn(c.to);
    plan::Plan allowed = Diff(from, to, {}, {.allow_destructive = true});
    REQUIRE(allowed.steps.size() == 1);
    CHECK(allowed.steps[0].kind == plan::StepKind::kAlterColumnType);
    CHECK(plan::HazardNames(allowed.steps[0].hazards) == plan::HazardNames(c.hazards));
    CHECK(allowed.errors.empty());
    // Without allow_destructive, a DATA_LOSS change is refused, naming the step.
    plan::Plan refused = Diff(from, to, {});
    if (c.hazards & Hazard::kDataLoss) {
      REQUIRE(refused.errors.size() == 1);
      CHECK(refused.errors[0] ==
            "refused (DATA_LOSS, pass --allow-destructive): change type of "
            "public.t.c from " +
                c.from.ToSql() + " to " + c.to.ToSql());
    } else {
      CHECK(refused.errors.empty());
    }
  }
}

namespace {

plan::StepKind KindAt(int i) { return static_cast<plan::StepKind>(i); }

// A step of `kind` with every field Describe may read set to something.
plan::Step Sample(plan::StepKind kind) {
  plan::Step step;
  step.kind = kind;
  step.table = {"public", "t"};
  step.name = "x";
  step.value = "v";
  return step;
}

// The rule the CLI used to find a step's mark in its description, before marks were defined
// with the kinds: the marks must not change.
char MarkFromText(const std::string& description) {
  if (description.starts_with("create") || description.starts_with("add")) return '+';
  if (description.starts_with("drop") || description.starts_with("remove")) return '-';
  return '~';
}

ir::Column IntColumn(std::string name) {
  ir::Column column;
  column.name = std::move(name);
  column.type = Builtin("integer");
  column.nullable = true;
  return column;
}

ir::Table IntTable(std::string name, std::vector<std::string> columns) {
  ir::Table table;
  table.name = {"public", std::move(name)};
  for (std::string& column : columns) table.columns.push_back(IntColumn(std::move(column)));
  return table;
}

ir::Schema Tables(std::vector<ir::Table> tables, std::vector<ir::Enum> enums = {}) {
  ir::Schema schema;
  schema.tables = std::move(tables);
  schema.enums = std::move(enums);
  schema.Reindex();
  return schema;
}

ir::Enum Labels(std::vector<std::string> labels) {
  ir::Enum e;
  e.name = {"public", "mood"};
  for (std::string& label : labels) e.values.push_back({std::move(label), std::nullopt});
  return e;
}

std::vector<plan::StepKind> Kinds(const plan::Plan& plan) {
  std::vector<plan::StepKind> out;
  for (const plan::Step& step : plan.steps) out.push_back(step.kind);
  return out;
}

}  // namespace

TEST_CASE("every step kind has one definition, at its place in the table", "[diff][plan]") {
  std::set<std::string> ids;
  for (int i = 0; i < plan::kStepKindCount; ++i) {
    const plan::StepKindInfo& info = plan::InfoOf(KindAt(i));
    INFO("step kind " << i);
    CHECK(info.kind == KindAt(i));
    REQUIRE(info.id != nullptr);
    CHECK(std::string(info.id).find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
    CHECK(ids.insert(info.id).second);  // Unique.
    REQUIRE(info.describe != nullptr);
    CHECK(std::string(plan::StepKindId(KindAt(i))) == info.id);
  }
  CHECK(ids.size() == static_cast<size_t>(plan::kStepKindCount));
  CHECK(std::string(plan::StepKindId(plan::StepKind::kAddEnumValue)) == "add_enum_value");
  CHECK(std::string(plan::StepKindId(plan::StepKind::kDropSchema)) == "drop_schema");
}

TEST_CASE("each kind's mark is the one its description has always shown", "[diff][plan]") {
  for (int i = 0; i < plan::kStepKindCount; ++i) {
    plan::Step step = Sample(KindAt(i));
    std::string description = step.Describe();
    INFO(plan::StepKindId(step.kind) << ": " << description);
    CHECK(plan::MarkSymbol(plan::MarkOf(step.kind)) == MarkFromText(description));
  }
  // Kinds whose description starts with neither word.
  CHECK(plan::MarkOf(plan::StepKind::kDropExpression) == plan::Mark::kChange);  // "make ... plain"
  CHECK(plan::MarkOf(plan::StepKind::kAddIdentity) == plan::Mark::kChange);
  CHECK(plan::MarkOf(plan::StepKind::kDropFromPublication) == plan::Mark::kDrop);  // "remove"
  CHECK(plan::MarkSymbol(plan::Mark::kAdd) == '+');
  CHECK(plan::MarkSymbol(plan::Mark::kChange) == '~');
  CHECK(plan::MarkSymbol(plan::Mark::kDrop) == '-');
}

TEST_CASE("row level security steps carry their setting as a bool", "[diff][plan]") {
  ir::Table off = IntTable("t", {"id"});
  ir::Table on = off;
  on.rls_enabled = true;
  on.rls_forced = true;
  plan::Plan up = Diff(Tables({off}), Tables({on}), {});
  REQUIRE(up.steps.size() == 2);
  CHECK(up.steps[0].Describe() == "enable row level security on public.t");
  CHECK(up.steps[1].Describe() == "force row level security on public.t");
  CHECK(up.steps[0].hazards == plan::kAuthzChange);
  plan::Plan down = Diff(Tables({on}), Tables({off}), {});
  REQUIRE(down.steps.size() == 2);
  CHECK(down.steps[0].Describe() == "disable row level security on public.t");
  CHECK(down.steps[1].Describe() == "no longer force row level security on public.t");
}

TEST_CASE("enum values added or renamed are NOT_TRANSACTIONAL in the plan itself",
          "[diff][plan][hazards]") {
  ir::Schema from = Tables({}, {Labels({"sad", "happy"})});
  plan::Plan added = Diff(from, Tables({}, {Labels({"sad", "happy", "ok"})}), {});
  REQUIRE(added.steps.size() == 1);
  CHECK(added.steps[0].kind == plan::StepKind::kAddEnumValue);
  CHECK(added.steps[0].Describe() == "add value 'ok' to enum public.mood");
  CHECK(added.steps[0].hazards == plan::kNotTransactional);
  CHECK(added.steps[0].name == "happy");  // Placed after it.
  CHECK_FALSE(added.steps[0].before);
  plan::Plan first = Diff(from, Tables({}, {Labels({"meh", "sad", "happy"})}), {});
  REQUIRE(first.steps.size() == 1);
  CHECK(first.steps[0].name == "sad");  // Placed before it.
  CHECK(first.steps[0].before);

  Renames renames;
  renames.enum_values[{{"public", "mood"}, "sad"}] = "blue";
  plan::Plan renamed = Diff(from, Tables({}, {Labels({"blue", "happy"})}), renames);
  REQUIRE(renamed.steps.size() == 1);
  CHECK(renamed.steps[0].kind == plan::StepKind::kRenameEnumValue);
  CHECK(renamed.steps[0].hazards == plan::kNotTransactional);
}

TEST_CASE("a created index is NOT_TRANSACTIONAL only with concurrent indexes, else BLOCKS_WRITES",
          "[diff][plan][hazards]") {
  ir::Table before = IntTable("t", {"id"});
  ir::Table after = before;
  ir::Index index;
  index.name = "t_id_idx";
  index.keys.push_back({});
  index.keys[0].column = "id";
  after.indexes.push_back(index);
  DiffOptions options;
  plan::Plan plain = Diff(Tables({before}), Tables({after}), {}, options);
  REQUIRE(plain.steps.size() == 1);
  CHECK(plain.steps[0].kind == plan::StepKind::kCreateIndex);
  CHECK(plain.steps[0].hazards == plan::kBlocksWrites);  // The build holds a SHARE lock on t.
  CHECK(plan::HazardNames(plain.Hazards()) == "BLOCKS_WRITES");
  options.concurrent_indexes = true;
  plan::Plan concurrent = Diff(Tables({before}), Tables({after}), {}, options);
  REQUIRE(concurrent.steps.size() == 1);
  CHECK(concurrent.steps[0].hazards == plan::kNotTransactional);
  CHECK(plan::HazardNames(concurrent.Hazards()) == "NOT_TRANSACTIONAL");
  // Other steps are not moved out of the transaction by the option.
  plan::Plan dropped = Diff(Tables({after}), Tables({before}), {}, options);
  REQUIRE(dropped.steps.size() == 1);
  CHECK(dropped.steps[0].kind == plan::StepKind::kDropIndex);
  CHECK(dropped.steps[0].hazards == plan::kAccessExclusiveLock);
}

TEST_CASE("an invalid index is never the declared one: dropped, and built again when declared",
          "[diff][plan]") {
  ir::Table declared = IntTable("t", {"id"});
  ir::Index index;
  index.name = "t_id_idx";
  index.keys.push_back({});
  index.keys[0].column = "id";
  declared.indexes.push_back(index);
  ir::Table live = declared;
  live.indexes[0].invalid = true;  // Left by a failed CREATE INDEX CONCURRENTLY.
  plan::Plan rebuilt = Diff(Tables({live}), Tables({declared}), {}, {});
  REQUIRE(rebuilt.steps.size() == 2);
  CHECK(rebuilt.steps[0].kind == plan::StepKind::kDropIndex);
  CHECK(rebuilt.steps[0].Describe() ==
        "drop index t_id_idx on public.t (invalid: left by a failed concurrent build)");
  CHECK(rebuilt.steps[1].kind == plan::StepKind::kCreateIndex);
  plan::Plan dropped = Diff(Tables({live}), Tables({IntTable("t", {"id"})}), {}, {});
  REQUIRE(dropped.steps.size() == 1);
  CHECK(dropped.steps[0].kind == plan::StepKind::kDropIndex);
  CHECK(Diff(Tables({declared}), Tables({declared}), {}, {}).steps.empty());
}

TEST_CASE("columns added: a stored generated one rewrites the table, a plain one nothing",
          "[diff][plan][hazards]") {
  ir::Table before = IntTable("t", {"id"});
  ir::Table after = before;
  after.columns.push_back(IntColumn("plain"));
  ir::Column stored = IntColumn("doubled");
  stored.generated = ir::Generated::kStored;
  stored.generated_sql = "id * 2";
  after.columns.push_back(stored);
  plan::Plan up = Diff(Tables({before}), Tables({after}), {});
  REQUIRE(up.steps.size() == 2);
  CHECK(up.steps[0].Describe() == "add column public.t.plain (integer)");
  CHECK(up.steps[0].hazards == 0);
  CHECK(up.steps[1].Describe() == "add column public.t.doubled (integer)");
  CHECK(plan::HazardNames(up.steps[1].hazards) == "TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK");
  // An existing column made NOT NULL is scanned under the lock.
  ir::Table nullable = before;
  ir::Table not_null = before;
  not_null.columns[0].nullable = false;
  plan::Plan set = Diff(Tables({nullable}), Tables({not_null}), {});
  REQUIRE(set.steps.size() == 1);
  CHECK(set.steps[0].kind == plan::StepKind::kSetNotNull);
  CHECK(set.steps[0].hazards == plan::kAccessExclusiveLock);
}

TEST_CASE("the plan stage orders steps by phase across kinds, keeping Diff's order within one",
          "[diff][plan]") {
  ir::Table kept = IntTable("a", {"id"});
  ir::Table grown = IntTable("a", {"id", "b"});
  ir::Index index;
  index.name = "a_b_idx";
  index.keys.push_back({});
  index.keys[0].column = "b";
  grown.indexes.push_back(index);
  ir::Schema from = Tables({kept, IntTable("gone", {"x"})});
  ir::Schema to = Tables({grown, IntTable("n1", {"id"}), IntTable("n2", {"id"})}, {Labels({"ok"})});
  plan::Plan allowed = Diff(from, to, {}, {.allow_destructive = true});
  using K = plan::StepKind;
  // Diff lists the enum, then table a (column, index), the new tables and the drop; the plan
  // runs drops first, then types, tables, columns and indexes.
  CHECK(Kinds(allowed) ==
        std::vector<K>{K::kDropTable, K::kCreateEnum, K::kCreateTable, K::kCreateTable,
                       K::kAddColumn, K::kCreateIndex});
  CHECK(allowed.steps[2].table.name == "n1");
  CHECK(allowed.steps[3].table.name == "n2");
  for (size_t i = 1; i < allowed.steps.size(); ++i) {
    CHECK(plan::PhaseOf(allowed.steps[i - 1]) <= plan::PhaseOf(allowed.steps[i]));
  }
  CHECK(allowed.errors.empty());
  // The created table's definition: its columns, nothing it does not create.
  REQUIRE(allowed.steps[2].table_def != nullptr);
  CHECK(allowed.steps[2].table_def->columns.size() == 1);
  CHECK(allowed.steps[4].table_def == nullptr);

  // Without allow_destructive the drop is refused, in the plan's order.
  plan::Plan refused = Diff(from, to, {});
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0] == "refused (DATA_LOSS, pass --allow-destructive): drop table public.gone");
  CHECK(plan::HazardNames(refused.steps[0].hazards) == "DATA_LOSS, ACCESS_EXCLUSIVE_LOCK");
}

TEST_CASE("Finalize runs foreign key drops before other drops and foreign key adds after",
          "[diff][plan]") {
  auto step = [](plan::StepKind kind, plan::Constraint::Kind constraint, std::string name) {
    plan::Step s;
    s.kind = kind;
    s.table = {"public", "t"};
    s.name = std::move(name);
    s.constraint.kind = constraint;
    s.hazards = plan::kDataLoss;  // Replaced: the plan stage sets every step's hazards.
    return s;
  };
  using K = plan::StepKind;
  using C = plan::Constraint::Kind;
  plan::Plan p;
  p.steps = {step(K::kAddConstraint, C::kForeignKey, "add_fk"),
             step(K::kAddConstraint, C::kCheck, "add_check"),
             step(K::kDropConstraint, C::kUnique, "drop_unique"),
             step(K::kDropConstraint, C::kForeignKey, "drop_fk"),
             step(K::kRenameTable, C::kCheck, "old")};
  plan::Finalize(p, {});
  std::vector<std::string> order;
  for (const plan::Step& s : p.steps) order.push_back(s.name);
  CHECK(order == std::vector<std::string>{"old", "drop_fk", "drop_unique", "add_check", "add_fk"});
  for (const plan::Step& s : p.steps) {
    INFO(s.name);
    // A foreign key takes SHARE ROW EXCLUSIVE, which blocks writes, not reads.
    CHECK(s.hazards == (s.name == "add_fk" ? plan::kBlocksWrites : plan::kAccessExclusiveLock));
  }
  CHECK(p.errors.empty());
}

}  // namespace schemac
