// The hazards the diff puts on a column type change: which conversions can change stored
// values without an error (DATA_LOSS, refused without allow_destructive), which rewrite the
// table. The same rules against real servers: tests/integration/hazards_test.cc.

#include "compiler/diff.h"

#include <catch2/catch.hpp>

#include "compiler/plan.h"

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

}  // namespace schemac
