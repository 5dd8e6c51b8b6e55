// The checks of a plan against the rows a database holds now (data_check_sql.h): which steps see
// existing rows, and the query that finds the rows refusing each.

#include "backends/postgres/data_check_sql.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>

#include "backends/postgres/create_sql.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

using plan::Step;
using plan::StepKind;

namespace {

std::string Id(const std::string& name) { return QuoteSqlIdent(name); }
std::string Str(const std::string& text) { return QuoteSqlLiteral(text); }

// The hidden column of a row model holding the row's key as text, for the sample.
const char* const kKey = "\"schemac key\"";

// True when `expression` names `column` as a whole identifier (quoted or not). Conservative: a
// string literal holding the name counts too, which only makes a check skipped, never wrong.
bool Mentions(const std::string& expression, const std::string& column) {
  auto ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t at = expression.find(column); at != std::string::npos;
       at = expression.find(column, at + 1)) {
    size_t end = at + column.size();
    if ((at == 0 || !ident(expression[at - 1])) &&
        (end == expression.size() || !ident(expression[end]))) {
      return true;
    }
  }
  return false;
}

// The key of a live row as text, with its name: `id=42`, `(a, b)=(1,x)`, or the row's ctid
// when the table has no primary key.
std::string KeySql(const ir::Table& live) {
  if (!live.primary_key || live.primary_key->columns.empty()) {
    return "('ctid ' || ctid::text)";
  }
  const std::vector<std::string>& columns = live.primary_key->columns;
  if (columns.size() == 1) {
    return "(" + Str(columns[0] + "=") + " || (" + Id(columns[0]) + ")::text)";
  }
  std::string names;
  std::string values;
  for (const std::string& c : columns) {
    names += (names.empty() ? "" : ", ") + c;
    values += (values.empty() ? "" : ", ") + Id(c);
  }
  return "(" + Str("(" + names + ")=") + " || ROW(" + values + ")::text)";
}

// The cast a type change uses (emit.cc: enums convert through text), of `value`.
std::string CastSql(const std::string& value, const ir::ColumnType& from,
                    const ir::ColumnType& to) {
  bool enums = from.kind == ir::TypeKind::kEnum && to.kind == ir::TypeKind::kEnum;
  return "(" + value + (enums ? "::text" : "") + ")::" + to.ToSql();
}

// A table as the steps after the plan's renames, type changes and added columns see it: a
// subquery over the live table exposing each target column under its target name (plus the
// row's key), or no rows at all for a table the plan creates.
struct RowModel {
  bool is_new = false;      ///< Created by the plan: no rows.
  bool unreadable = false;  ///< Neither created nor found in the database (dropped, unknown).
  ir::QualifiedName live_name;
  const ir::Table* live = nullptr;
  const ir::Table* target = nullptr;
  std::set<std::string> unknown;  ///< Target columns whose values the migration computes.
  std::string sql;                ///< `(SELECT ...) AS alias`.
};

// The columns a check reads: by name, or named in one of its expressions.
struct Reads {
  std::vector<std::string> names;
  std::vector<std::string> expressions;

  bool Of(const std::string& column) const {
    for (const std::string& n : names) {
      if (n == column) return true;
    }
    for (const std::string& e : expressions) {
      if (Mentions(e, column)) return true;
    }
    return false;
  }
};

class Models {
 public:
  Models(const plan::Plan& plan, const ir::Schema& from, const ir::Schema& to)
      : plan_(plan), from_(from), to_(to) {}

  // Only the columns in `reads` are exposed: a column the check does not read cannot make it
  // fail (a cast that fails, a type the plan has yet to create).
  RowModel Of(const ir::QualifiedName& table, const std::string& alias, const Reads& reads) const {
    RowModel model;
    model.target = to_.FindTable(table);
    model.live_name = table;
    bool created = false;
    for (const Step& step : plan_.steps) {
      if (step.kind == StepKind::kRenameTable && step.table == table) {
        model.live_name = {table.schema, step.name};
      }
      if (step.kind == StepKind::kCreateTable && step.table == table) created = true;
    }
    model.live = created ? nullptr : from_.FindTable(model.live_name);
    // A platform table (auth.users) may be outside the schemas read from the database: it is
    // there all the same, with at least the columns the schema declares.
    if (!created && model.live == nullptr && model.target != nullptr && model.target->is_extern) {
      model.live = model.target;
    }
    model.is_new = created;
    model.unreadable = !created && (model.live == nullptr || model.target == nullptr);
    if (model.target == nullptr || model.unreadable) return model;
    std::map<std::string, std::string> old_names;  // Target column -> live column.
    std::set<std::string> remade;
    for (const Step& step : plan_.steps) {
      if (step.table != table) continue;
      if (step.kind == StepKind::kRenameColumn) old_names[step.column.name] = step.name;
      if (step.kind == StepKind::kAddColumn && !step.old_column.name.empty()) {
        remade.insert(step.column.name);
      }
    }
    std::string items =
        model.is_new ? "NULL::text AS " + std::string(kKey) : KeySql(*model.live) + " AS " + kKey;
    for (const ir::Column& column : model.target->columns) {
      if (!reads.Of(column.name)) continue;
      std::string value = ValueOf(model, column, old_names, remade);
      if (value.empty()) {
        model.unknown.insert(column.name);
        continue;
      }
      items += ", " + value + " AS " + Id(column.name);
    }
    model.sql = model.is_new
                    ? "(SELECT " + items + " WHERE false) AS " + alias
                    : "(SELECT " + items + " FROM " + Qualified(model.live_name) + ") AS " + alias;
    return model;
  }

 private:
  // The value `column` has in each existing row once the columns are changed; empty when the
  // migration computes it (identity, sequence default, generated, column made again).
  std::string ValueOf(const RowModel& model, const ir::Column& column,
                      const std::map<std::string, std::string>& old_names,
                      const std::set<std::string>& remade) const {
    const std::string type = column.type.ToSql();
    if (model.is_new) return "NULL::" + type;
    auto renamed = old_names.find(column.name);
    const ir::Column* old =
        model.live->FindColumn(renamed == old_names.end() ? column.name : renamed->second);
    if (old != nullptr && !remade.count(column.name)) {
      if (old->type == column.type) return Id(old->name);
      return CastSql(Id(old->name), old->type, column.type);
    }
    if (column.identity != ir::Identity::kNone || column.generated != ir::Generated::kNone ||
        column.default_sql.find("nextval(") != std::string::npos) {
      return "";
    }
    if (column.default_sql.empty()) return "NULL::" + type;
    return "((" + column.default_sql + "))::" + type;
  }

  const plan::Plan& plan_;
  const ir::Schema& from_;
  const ir::Schema& to_;
};

// (count, sample) of the model's rows where `bad` holds, at most cap + 1 of them.
std::string RowsSql(const RowModel& model, const std::string& bad, int64_t cap) {
  return fmt::format(
      "SELECT count(*), (array_agg(k))[1] FROM (SELECT t.{} AS k FROM {} WHERE {} LIMIT {}) s",
      kKey, model.sql, bad, cap + 1);
}

// (count, sample) of the values `keys` that more than one row holds where `filter` holds; the
// sample names two of the rows.
std::string DuplicatesSql(const RowModel& model, const std::vector<std::string>& keys,
                          const std::string& filter, int64_t cap) {
  std::string group;
  for (const std::string& key : keys) group += (group.empty() ? "" : ", ") + key;
  return fmt::format(
      "SELECT count(*), (array_agg(k))[1] FROM (SELECT array_to_string((array_agg(t.{}))[1:2], "
      "' and ') AS k FROM {} WHERE {} GROUP BY {} HAVING count(*) > 1 LIMIT {}) s",
      kKey, model.sql, filter.empty() ? "true" : filter, group, cap + 1);
}

std::string AllNotNull(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : " AND ") + v + " IS NOT NULL";
  return out;
}

std::string AnyNull(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : " OR ") + v + " IS NULL";
  return "(" + out + ")";
}

std::vector<std::string> Columns(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back("t." + Id(n));
  return out;
}

// The first column of `names` (or read by `expressions`) that the model cannot fill.
std::string UnknownRead(const RowModel& model, const std::vector<std::string>& names,
                        const std::vector<std::string>& expressions = {}) {
  for (const std::string& column : model.unknown) {
    for (const std::string& n : names) {
      if (n == column) return column;
    }
    for (const std::string& e : expressions) {
      if (Mentions(e, column)) return column;
    }
  }
  return "";
}

class Planner {
 public:
  Planner(const plan::Plan& plan, const ir::Schema& from, const ir::Schema& to, int64_t cap)
      : plan_(plan), to_(to), models_(plan, from, to), cap_(cap) {}

  std::vector<PlannedCheck> Run() {
    for (size_t i = 0; i < plan_.steps.size(); ++i) {
      const Step& step = plan_.steps[i];
      switch (step.kind) {
        case StepKind::kAlterColumnType:
          TypeChange(i, step);
          break;
        case StepKind::kAddColumn:
          AddColumn(i, step);
          break;
        case StepKind::kSetNotNull:
          if (!step.old_column.name.empty() && !step.column.not_null_not_valid) NotNull(i, step);
          break;
        case StepKind::kAlterNotNull:
          if (step.old_column.not_null_not_valid && !step.column.not_null_not_valid)
            NotNull(i, step);
          break;
        case StepKind::kAddConstraint:
          // Checks and foreign keys of existing tables are added NOT VALID and checked where
          // they are validated; a NOT VALID one the schema declares is not checked by design.
          if (!step.not_valid) Constraint(i, step);
          break;
        case StepKind::kValidateConstraint:
          Constraint(i, step);
          break;
        case StepKind::kCreateIndex:
          if (step.index.unique) UniqueIndex(i, step);
          break;
        case StepKind::kRecreateEnum:
          RecreatedEnum(i, step);
          break;
        default:
          break;
      }
    }
    return std::move(out_);
  }

 private:
  PlannedCheck& Add(size_t step, const RowModel& model, const std::string& one,
                    const std::string& many) {
    PlannedCheck& check = out_.emplace_back();
    check.step = step;
    check.problem_one = one;
    check.problem_many = many;
    check.tables.push_back(model.live_name);
    return check;
  }

  void TypeChange(size_t i, const Step& step) {
    if (step.old_column.type == step.column.type) return;  // A collation only.
    RowModel model = models_.Of(step.table, "t", {});
    if (model.is_new || model.unreadable) return;
    const ir::Column* live = model.live->FindColumn(step.old_column.name);
    if (live == nullptr) return;
    const std::string value = Id(live->name);
    const ir::Enum* labels = step.column.type.kind == ir::TypeKind::kEnum
                                 ? to_.FindEnum({step.column.type.schema, step.column.type.name})
                                 : nullptr;
    std::string source = "FROM " + Qualified(model.live_name);
    if (labels != nullptr) {
      // Into an enum: against the labels it will have (it may be new, or gain labels in the
      // same migration), not the type as it is now.
      std::string list;
      for (const ir::EnumValue& v : labels->values)
        list += (list.empty() ? "" : ", ") + Str(v.label);
      std::string bad =
          step.old_column.type.array_dims > 0
              ? "EXISTS (SELECT 1 FROM unnest(" + value + ") v WHERE v::text NOT IN (" + list + "))"
              : value + "::text NOT IN (" + list + ")";
      PlannedCheck& check =
          Add(i, model, "row holds a value that is not a label of enum " + labels->name.ToString(),
              "rows hold a value that is not a label of enum " + labels->name.ToString());
      check.sql = fmt::format(
          "SELECT count(*), (array_agg(k))[1] FROM (SELECT {} AS k {} WHERE {} "
          "LIMIT {}) s",
          KeySql(*model.live), source, bad, cap_ + 1);
      return;
    }
    PlannedCheck& check = Add(i, model, "row cannot be converted", "rows cannot be converted");
    check.kind = PlannedCheck::Kind::kCast;
    check.data_error_refuses = true;
    // count() of the converted value converts every row; the count itself is not needed.
    check.sql =
        "SELECT count(" + CastSql(value, step.old_column.type, step.column.type) + ") " + source;
    // Only when that fails: each row converted alone, its failure caught, counted up to the cap.
    // The table's columns win over the block's variables in its queries (use_column).
    check.count_sql = DoBlock(fmt::format(
        "#variable_conflict use_column\nDECLARE schemac_r record; schemac_n bigint := 0; "
        "schemac_k text; BEGIN FOR schemac_r IN SELECT {} AS k, {} AS v {} WHERE {} IS NOT NULL "
        "LOOP BEGIN PERFORM {}; EXCEPTION WHEN data_exception THEN schemac_n := schemac_n + 1; "
        "schemac_k := coalesce(schemac_k, schemac_r.k); IF schemac_n > {} THEN EXIT; END IF; "
        "END; END LOOP; PERFORM set_config('schemac.check_rows', schemac_n::text, true); PERFORM "
        "set_config('schemac.check_sample', coalesce(schemac_k, ''), true); END",
        KeySql(*model.live), value, source, value,
        CastSql("schemac_r.v", step.old_column.type, step.column.type), cap_));
  }

  void AddColumn(size_t i, const Step& step) {
    const ir::Column& c = step.column;
    // A NOT NULL column without a value for the rows there: ADD COLUMN fails on any row.
    if (!step.old_column.name.empty() || c.nullable || c.not_null_not_valid ||
        !c.default_sql.empty() || c.identity != ir::Identity::kNone ||
        c.generated != ir::Generated::kNone) {
      return;
    }
    RowModel model = models_.Of(step.table, "t", {});
    if (model.is_new || model.unreadable) return;
    PlannedCheck& check =
        Add(i, model, "row exists, where the new column would hold NULL (it has no default)",
            "rows exist, where the new column would hold NULL (it has no default)");
    check.sql =
        fmt::format("SELECT count(*), (array_agg(k))[1] FROM (SELECT {} AS k FROM {} LIMIT {}) s",
                    KeySql(*model.live), Qualified(model.live_name), cap_ + 1);
  }

  void NotNull(size_t i, const Step& step) {
    RowModel model = models_.Of(step.table, "t", {{step.column.name}, {}});
    if (model.is_new || model.unreadable) return;
    PlannedCheck& check = Add(i, model, "row holds NULL", "rows hold NULL");
    if (std::string c = UnknownRead(model, {step.column.name}); !c.empty()) {
      check.skip = "its values are computed by the migration";
      return;
    }
    check.sql = RowsSql(model, "t." + Id(step.column.name) + " IS NULL", cap_);
  }

  void Constraint(size_t i, const Step& step) {
    const plan::Constraint& c = step.constraint;
    using Kind = plan::Constraint::Kind;
    Reads reads;
    if (c.kind == Kind::kPrimaryKey) reads.names = c.primary_key.columns;
    if (c.kind == Kind::kUnique) reads.names = c.unique.columns;
    if (c.kind == Kind::kForeignKey) reads.names = c.foreign_key.columns;
    if (c.kind == Kind::kCheck) reads.expressions = {c.check.expression};
    RowModel model = models_.Of(step.table, "t", reads);
    if (model.is_new || model.unreadable) return;
    switch (c.kind) {
      case Kind::kPrimaryKey:
      case Kind::kUnique: {
        const std::vector<std::string>& names =
            c.kind == Kind::kPrimaryKey ? c.primary_key.columns : c.unique.columns;
        std::string unknown = UnknownRead(model, names);
        std::vector<std::string> values = Columns(names);
        if (c.kind == Kind::kPrimaryKey) {
          PlannedCheck& nulls =
              Add(i, model, "row holds NULL in the key", "rows hold NULL in the key");
          Unless(nulls, unknown, RowsSql(model, AnyNull(values), cap_));
        }
        PlannedCheck& check =
            Add(i, model, "value occurs in more than one row", "values occur in more than one row");
        bool distinct_nulls = c.kind == Kind::kUnique && !c.unique.nulls_not_distinct;
        Unless(check, unknown,
               DuplicatesSql(model, values, distinct_nulls ? AllNotNull(values) : "", cap_));
        return;
      }
      case Kind::kCheck: {
        PlannedCheck& check = Add(i, model, "row violates it", "rows violate it");
        check.data_error_refuses = true;
        Unless(check, UnknownRead(model, {}, {c.check.expression}),
               RowsSql(model, "NOT (" + c.check.expression + ")", cap_));
        return;
      }
      case Kind::kForeignKey:
        ForeignKey(i, step, model);
        return;
      case Kind::kExclusion:
        return;  // Its operators may be any: the rows are not checked beforehand.
    }
  }

  void ForeignKey(size_t i, const Step& step, const RowModel& model) {
    const ir::ForeignKey& fk = step.constraint.foreign_key;
    RowModel parent = models_.Of(fk.ref_table, "p", {fk.ref_columns, {}});
    PlannedCheck& check = Add(i, model, "row references no row of " + fk.ref_table.ToString(),
                              "rows reference no row of " + fk.ref_table.ToString());
    if (!parent.is_new) check.tables.push_back(parent.live_name);
    if (parent.unreadable) {
      check.skip = "table " + fk.ref_table.ToString() + " was not read from the database";
      return;
    }
    std::string unknown = UnknownRead(model, fk.columns);
    if (unknown.empty() && !UnknownRead(parent, fk.ref_columns).empty()) {
      unknown = fk.ref_table.ToString() + "." + UnknownRead(parent, fk.ref_columns);
    }
    std::string match;
    for (size_t k = 0; k < fk.columns.size() && k < fk.ref_columns.size(); ++k) {
      match += (match.empty() ? "" : " AND ") + std::string("p.") + Id(fk.ref_columns[k]) +
               " = t." + Id(fk.columns[k]);
    }
    // MATCH SIMPLE: a row with a NULL in the key references nothing and passes. A table the
    // plan creates has no row to reference.
    std::string bad = AllNotNull(Columns(fk.columns));
    if (!parent.is_new)
      bad += " AND NOT EXISTS (SELECT 1 FROM " + parent.sql + " WHERE " + match + ")";
    Unless(check, unknown, RowsSql(model, bad, cap_));
  }

  void UniqueIndex(size_t i, const Step& step) {
    const ir::Index& index = step.index;
    std::vector<std::string> names;
    std::vector<std::string> expressions{index.where};
    std::vector<std::string> values;
    for (const ir::IndexKey& key : index.keys) {
      if (!key.column.empty()) {
        names.push_back(key.column);
        values.push_back("t." + Id(key.column));
      } else {
        expressions.push_back(key.expression);
        values.push_back("(" + key.expression + ")");
      }
    }
    RowModel model = models_.Of(step.table, "t", {names, expressions});
    if (model.is_new || model.unreadable) return;
    PlannedCheck& check =
        Add(i, model, "value occurs in more than one row", "values occur in more than one row");
    std::string filter = index.nulls_not_distinct ? "" : AllNotNull(values);
    if (!index.where.empty()) filter += (filter.empty() ? "(" : " AND (") + index.where + ")";
    Unless(check, UnknownRead(model, names, expressions),
           DuplicatesSql(model, values, filter, cap_));
  }

  // Each live column holding the enum, with a label the recreated type no longer has.
  void RecreatedEnum(size_t i, const Step& step) {
    const ir::Enum& e = step.enum_def;
    std::string kept;
    for (const ir::EnumValue& v : e.values) {
      kept += (kept.empty() ? "" : ", ") + Str(v.renamed_from.value_or(v.label));
    }
    for (const auto& [target, column] : step.enum_columns) {
      RowModel model = models_.Of(target, "t", {});
      if (model.is_new || model.unreadable) continue;
      std::string live_column = column.name;
      for (const Step& s : plan_.steps) {
        if (s.kind == StepKind::kRenameColumn && s.table == target &&
            s.column.name == column.name) {
          live_column = s.name;
        }
      }
      const ir::Column* live = model.live->FindColumn(live_column);
      if (live == nullptr || live->type.kind != ir::TypeKind::kEnum ||
          live->type.schema != e.name.schema || live->type.name != e.name.name) {
        continue;
      }
      std::string value = Id(live->name);
      std::string bad = live->type.array_dims > 0 ? "EXISTS (SELECT 1 FROM unnest(" + value +
                                                        ") v WHERE v::text NOT IN (" + kept + "))"
                                                  : value + "::text NOT IN (" + kept + ")";
      std::string what = "column " + model.live_name.ToString() + "." + live->name;
      PlannedCheck& check =
          Add(i, model, "row holds a value that enum " + e.name.ToString() + " no longer has",
              "rows hold a value that enum " + e.name.ToString() + " no longer has");
      check.subject = what;
      check.sql = fmt::format(
          "SELECT count(*), (array_agg(k))[1] FROM (SELECT {} AS k FROM {} WHERE {} LIMIT {}) s",
          KeySql(*model.live), Qualified(model.live_name), bad, cap_ + 1);
    }
  }

  // Sets the check's query, or its reason to skip when it reads a column the migration fills.
  static void Unless(PlannedCheck& check, const std::string& unknown, const std::string& sql) {
    if (unknown.empty()) {
      check.sql = sql;
    } else {
      check.skip = "it reads column " + unknown + ", whose values the migration computes";
    }
  }

  const plan::Plan& plan_;
  const ir::Schema& to_;
  Models models_;
  int64_t cap_;
  std::vector<PlannedCheck> out_;
};

}  // namespace

std::vector<PlannedCheck> PlanDataChecks(const plan::Plan& plan, const ir::Schema& from,
                                         const ir::Schema& to, int64_t cap) {
  return Planner(plan, from, to, cap).Run();
}

}  // namespace schemac::pg
