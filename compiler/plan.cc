// The plan stage and what it decides with: ordering by phase, each step's final hazards
// (the kind's, from compiler/step_kinds.cc, and those of its change: a table rewrite, a cast
// that may change values), refusals; and the hazard names.

#include "compiler/plan.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "compiler/dependents.h"
#include "compiler/diff_constraints.h"
#include "compiler/step_kinds.h"

namespace schemac::plan {

std::string HazardNames(uint32_t hazards) {
  static constexpr std::pair<Hazard, const char*> kNames[] = {
      {kDataLoss, "DATA_LOSS"},
      {kTableRewrite, "TABLE_REWRITE"},
      {kAccessExclusiveLock, "ACCESS_EXCLUSIVE_LOCK"},
      {kAuthzChange, "AUTHZ_CHANGE"},
      {kNotTransactional, "NOT_TRANSACTIONAL"},
      {kBlocksWrites, "BLOCKS_WRITES"},
      {kBreaksDependents, "BREAKS_DEPENDENTS"},
  };
  std::string out;
  for (const auto& [flag, name] : kNames) {
    if (hazards & flag) out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

namespace {

bool Is(const ir::ColumnType& t, std::string_view name) {
  return t.kind == ir::TypeKind::kBuiltin && t.name == name;
}

// text, varchar, char(n) and unbounded bpchar: values that are strings of characters.
bool IsString(const ir::ColumnType& t) {
  return Is(t, "text") || Is(t, "character varying") || Is(t, "character") || Is(t, "bpchar");
}

// char(n) and bpchar, whose trailing spaces carry no meaning.
bool IsPadded(const ir::ColumnType& t) { return Is(t, "character") || Is(t, "bpchar"); }

// The most characters a string type keeps; -1 for no limit. char without a length is char(1).
int64_t MaxChars(const ir::ColumnType& t) {
  if (Is(t, "character varying")) return t.modifiers.empty() ? -1 : t.modifiers[0];
  if (Is(t, "character")) return t.modifiers.empty() ? 1 : t.modifiers[0];
  return -1;
}

// The longest text of an integer type's values ("-32768"); 0 for other types.
int64_t IntegerChars(const ir::ColumnType& t) {
  if (Is(t, "smallint")) return 6;
  if (Is(t, "integer")) return 11;
  if (Is(t, "bigint")) return 20;
  return 0;
}

bool IsInteger(const ir::ColumnType& t) { return IntegerChars(t) > 0; }

// A type's fractional-second precision (timestamp, time, interval): its modifier, else 6.
int64_t Precision(const ir::ColumnType& t) { return t.modifiers.empty() ? 6 : t.modifiers[0]; }

// The scale of a numeric with a precision: 0 for numeric(p); negative ones round to tens.
int64_t Scale(const ir::ColumnType& t) {
  return t.modifiers.size() < 2 ? 0 : t.modifiers[1];
}

// The rules of CastMayChangeValues for two builtin types of the same array dimensions. Each
// `return false` is a conversion that keeps every value or raises an error.
bool BuiltinCastMayChangeValues(const ir::ColumnType& a, const ir::ColumnType& b) {
  // To a string without a limit: every type's text form is its whole value (char(n)'s trailing
  // spaces are not part of its value).
  if (Is(b, "text") || (Is(b, "character varying") && b.modifiers.empty())) return false;
  if (Is(b, "bpchar")) return !IsPadded(a);
  // To varchar(n) or char(n): an explicit cast cuts longer values silently; text turned char
  // loses the meaning of its trailing spaces.
  if (IsString(b)) {
    int64_t limit = MaxChars(b);
    if (IsString(a)) {
      int64_t had = MaxChars(a);
      if (had < 0 || had > limit) return true;
      return IsPadded(b) && !IsPadded(a);
    }
    return !(IsInteger(a) && IntegerChars(a) <= limit);
  }
  if (IsInteger(b)) {
    // Integers convert exactly or raise (out of range); numeric and float round the fraction
    // away, unless numeric has no fraction. Text is parsed: '007' and ' 7' become 7, so the
    // text a row held is not kept.
    if (IsInteger(a)) return false;
    if (Is(a, "numeric")) return a.modifiers.empty() || Scale(a) > 0;
    return true;
  }
  if (Is(b, "numeric")) {
    if (b.modifiers.empty()) {
      // Unconstrained: exact from integers and numerics; floats keep only 15 digits; text is
      // parsed ('1e3' becomes 1000).
      return !(IsInteger(a) || Is(a, "numeric"));
    }
    // A smaller integer part raises "numeric field overflow"; a smaller scale rounds.
    if (IsInteger(a)) return Scale(b) < 0;
    if (Is(a, "numeric")) return a.modifiers.empty() || Scale(b) < Scale(a);
    return true;
  }
  if (Is(b, "double precision")) {
    return !(Is(a, "real") || Is(a, "smallint") || Is(a, "integer"));
  }
  if (Is(b, "real")) return !Is(a, "smallint");
  // Timestamps, times and intervals round to a smaller precision; between the time zone and
  // the local forms, the session's time zone decides the value.
  for (std::string_view same : {"timestamp without time zone", "timestamp with time zone",
                                "time without time zone", "time with time zone", "interval"}) {
    if (Is(b, same) && Is(a, same)) return Precision(b) < Precision(a);
  }
  if (Is(b, "timestamp without time zone") || Is(b, "timestamp with time zone")) {
    return !Is(a, "date");
  }
  if (Is(b, "json")) {
    // json keeps its input text as it is; jsonb's text form is json's value.
    return !(IsString(a) || Is(a, "jsonb"));
  }
  // Anything else from text is parsed and normalized ('yes' becomes true, an upper-case uuid
  // a lower-case one): the text a row held is not kept.
  // Any other pair (timestamp to date, text to jsonb or date, ...): taken as changing values.
  return true;
}

}  // namespace

bool CastMayChangeValues(const ir::ColumnType& from, const ir::ColumnType& to) {
  if (from == to) return false;
  if (from.array_dims != to.array_dims) return true;
  using ir::TypeKind;
  bool from_enum = from.kind == TypeKind::kEnum;
  if (to.kind == TypeKind::kEnum) {
    // Through the label's text: a value that is not a label raises.
    return !(from_enum || IsString(from));
  }
  if (from_enum) {
    // A label is text of any length.
    return !(Is(to, "text") || (Is(to, "character varying") && to.modifiers.empty()));
  }
  if (from.kind == TypeKind::kExtension && to.kind == TypeKind::kExtension &&
      from.schema == to.schema && from.name == to.name &&
      (from.name == "vector" || from.name == "halfvec" || from.name == "sparsevec")) {
    return false;  // pgvector raises on a vector of other dimensions.
  }
  if (to.kind == TypeKind::kExtension && to.name == "citext" && IsString(from)) {
    return false;  // Any text, kept as it is (compared without case).
  }
  if (from.kind != TypeKind::kBuiltin || to.kind != TypeKind::kBuiltin) {
    // Text without a limit keeps any value's text form; nothing else is known.
    return !(Is(to, "text") || (Is(to, "character varying") && to.modifiers.empty()));
  }
  return BuiltinCastMayChangeValues(from, to);
}

const std::string& Constraint::name() const {
  switch (kind) {
    case Kind::kPrimaryKey: return primary_key.name;
    case Kind::kUnique: return unique.name;
    case Kind::kCheck: return check.name;
    case Kind::kForeignKey: return foreign_key.name;
    case Kind::kExclusion: return exclusion.name;
  }
  return check.name;
}

uint32_t Plan::Hazards() const {
  uint32_t all = 0;
  for (const Step& step : steps) all |= step.hazards;
  return all;
}

bool RewritesTable(const ir::Column& old, const ir::Column& now) {
  const ir::ColumnType& a = old.type;
  const ir::ColumnType& b = now.type;
  if (a == b) return false;
  if (a.array_dims != b.array_dims || a.kind != ir::TypeKind::kBuiltin || b.kind != a.kind) return true;
  if (a.name == "character varying" && b.name == "text") return false;
  if (a.name == "character varying" && b.name == a.name) {
    return !b.modifiers.empty() && (a.modifiers.empty() || b.modifiers[0] < a.modifiers[0]);
  }
  if (a.name == "numeric" && b.name == a.name && a.modifiers.size() == 2 && b.modifiers.size() == 2) {
    return !(b.modifiers[1] == a.modifiers[1] && b.modifiers[0] >= a.modifiers[0]);
  }
  return true;
}

void Finalize(Plan& plan, const PlanOptions& options) {
  // Stable: steps of one phase keep the order Diff listed them in (tables in the target's
  // order), so a plan is deterministic.
  std::stable_sort(plan.steps.begin(), plan.steps.end(),
                   [](const Step& a, const Step& b) { return PhaseOf(a) < PhaseOf(b); });
  OrderByDependencies(plan.steps, options.from, options.to);
  OrderForeignKeysAroundKeys(plan.steps);
  // A table the plan creates is seen by no other session before the migration commits: what
  // runs on it locks out nobody. A table dropped and created again is not new to the others.
  std::set<ir::QualifiedName> created;
  for (const Step& step : plan.steps) {
    if (step.kind == StepKind::kCreateTable) created.insert(step.table);
  }
  for (const Step& step : plan.steps) {
    if (step.kind == StepKind::kDropTable) created.erase(step.table);
  }
  HazardContext context{options, created};
  for (Step& step : plan.steps) {
    const StepKindInfo& info = InfoOf(step.kind);
    step.hazards = info.hazards;
    if (context.Created(step.table)) step.hazards &= ~(kAccessExclusiveLock | kBlocksWrites);
    if (info.step_hazards != nullptr) step.hazards |= info.step_hazards(step, context);
  }
  if (options.from != nullptr && options.to != nullptr) {
    CheckDependents(plan, *options.from, *options.to);
  }
  if (!options.allow_destructive) {
    for (const Step& step : plan.steps) {
      if (step.hazards & kDataLoss) {
        plan.errors.push_back("refused (DATA_LOSS, pass --allow-destructive): " + step.Describe());
      }
    }
  }
}

}  // namespace schemac::plan
