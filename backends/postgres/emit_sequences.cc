// Migration SQL of identity columns and of serial columns' sequences. Why each guard: a file
// runs again after it ran, or after it failed halfway; ALTER COLUMN ... ADD GENERATED fails
// on a column that already is an identity column, CREATE SEQUENCE on one that exists.

#include "backends/postgres/emit_sequences.h"

#include <fmt/format.h>

#include <optional>

#include "backends/postgres/create_sql.h"
#include "backends/postgres/create_sql_sequences.h"
#include "compiler/identifiers.h"
#include "compiler/naming.h"
#include "compiler/sequence_options.h"

namespace schemac::pg {

namespace {

std::string Str(const std::string& text) { return QuoteSqlLiteral(text); }

// OWNED BY needs the sequence and the table to have one owner: a table whose declared owner is
// another role than the one running the migration (`owner ... of table`) hands its owner to the
// sequence first.
std::string SameOwnerAsTableSql(const ir::Sequence& sequence) {
  if (sequence.owned_table.empty()) return "";
  std::string seq = Str(Qualified(sequence.name));
  std::string table = Str(Qualified({sequence.name.schema, sequence.owned_table}));
  return "DO $schemac$ DECLARE o oid := (SELECT relowner FROM pg_class WHERE oid = " + table +
         "::regclass); BEGIN IF (SELECT relowner FROM pg_class WHERE oid = " + seq +
         "::regclass) <> o THEN EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', " + seq +
         "::regclass, pg_get_userbyid(o)); END IF; END $schemac$;\n";
}

std::string RegClass(const ir::QualifiedName& name) {
  return "to_regclass(" + Str(Qualified(name)) + ")";
}

// `alter` (ALTER SEQUENCE or ALTER TABLE ... ALTER COLUMN ... SET ...) as a DO block that adds
// RESTART only when the sequence's value (the sequence named by the SQL text expression
// `sequence`) is outside the new bounds: PostgreSQL refuses new bounds around a value outside
// them, and the sequence then starts again at its start. Otherwise its value stays.
std::string KeepingValueSql(const std::string& sequence, const std::string& alter, int64_t min,
                            int64_t max) {
  return fmt::format(
      "DO $schemac$ DECLARE v bigint; BEGIN EXECUTE 'SELECT last_value FROM ' || {} INTO v; "
      "IF v < {} OR v > {} THEN {} RESTART; ELSE {}; END IF; END $schemac$;\n",
      sequence, min, max, alter, alter);
}

const char* Kind(ir::Identity identity) {
  return identity == ir::Identity::kAlways ? "ALWAYS" : "BY DEFAULT";
}

// The sequence of a serial column (`<table>_<column>_seq`, in the table's schema) when the
// column is one.
std::optional<ir::QualifiedName> SerialSequence(const ir::QualifiedName& table,
                                                const ir::Column& column) {
  ir::Table t;
  t.name = table;
  if (!IsSerialColumn(t, column)) return std::nullopt;
  return ir::QualifiedName{table.schema, MakeObjectName(table.name, column.name, "seq")};
}

}  // namespace

std::string SequenceStepSql(const plan::Step& step) {
  const ir::Sequence& sequence = step.sequence;
  const std::string name = Qualified(sequence.name);
  switch (step.kind) {
    case plan::StepKind::kCreateSequence:
      // What default privileges gave goes: its grants are exactly the declared ones.
      return CreateSequenceSql(sequence) + ";\n" + RevokeSequencePrivilegesSql(sequence.name);
    case plan::StepKind::kAlterSequence: {
      // Every option written: a rerun sets them again. The value stays unless the new bounds
      // leave it out (KeepingValueSql).
      const ir::SequenceOptions& o = sequence.options;
      std::string alter = fmt::format(
          "ALTER SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {} "
          "{}",
          name, sequence.type, o.increment, o.min, o.max, o.start, o.cache,
          o.cycle ? "CYCLE" : "NO CYCLE");
      return KeepingValueSql(Str(name), alter, o.min, o.max);
    }
    case plan::StepKind::kRenameSequence: {
      ir::QualifiedName old{sequence.name.schema, step.name};
      // Only while the old name is there and the new one is not (a rerun finds it done).
      return "DO $schemac$ BEGIN IF " + RegClass(old) + " IS NOT NULL AND " +
             RegClass(sequence.name) + " IS NULL THEN ALTER SEQUENCE " + Qualified(old) +
             " RENAME TO " + QuoteSqlIdent(sequence.name.name) + "; END IF; END $schemac$;\n";
    }
    case plan::StepKind::kSetSequenceOwner:
      return SameOwnerAsTableSql(sequence) + SequenceOwnedBySql(sequence) + ";\n";
    case plan::StepKind::kDisownSequence:
      return "ALTER SEQUENCE IF EXISTS " + name + " OWNED BY NONE;\n";
    case plan::StepKind::kGrantOnSequence: return GrantOnSequenceSql(sequence.name, step.grant);
    case plan::StepKind::kRevokeOnSequence:
      return "REVOKE ALL ON SEQUENCE " + name + " FROM " +
             (step.name == "public" ? std::string("PUBLIC") : QuoteSqlIdent(step.name)) + ";\n";
    case plan::StepKind::kCommentSequence: return CommentOnSequenceSql(sequence.name, step.value);
    case plan::StepKind::kDropSequence: return "DROP SEQUENCE IF EXISTS " + name + ";\n";
    default: return "";
  }
}

std::string IdentityStepSql(const plan::Step& step) {
  const std::string alter =
      "ALTER TABLE " + Qualified(step.table) + " ALTER COLUMN " + QuoteSqlIdent(step.name) + " ";
  if (step.kind == plan::StepKind::kSetIdentity) {
    // Setting the kind or an option to what it is already does nothing: a rerun passes.
    std::string out = alter + "SET GENERATED " + Kind(step.column.identity);
    const ir::SequenceOptions& now = step.column.identity_options;
    const ir::SequenceOptions& old = step.old_column.identity_options;
    if (IsUnset(now) || IsUnset(old) || now == old) return out + ";\n";
    out += " " + SequenceOptionsChangeSql(old, now, "SET ");
    if (now.min == old.min && now.max == old.max) return out + ";\n";
    std::string seq =
        "pg_get_serial_sequence(" + Str(Qualified(step.table)) + ", " + Str(step.name) + ")";
    return KeepingValueSql(seq, out, now.min, now.max);
  }
  std::string options = SequenceOptionsSql(step.column.type.name, step.column.identity_options);
  std::string add = alter + "ADD GENERATED " + Kind(step.column.identity) + " AS IDENTITY" +
                    (options.empty() ? "" : " (" + options + ")");
  // The rows the column holds already: the sequence continues after them (an ascending one
  // after the largest value, a descending one below the smallest) instead of handing out
  // their values again. setval changes no option; pg_get_serial_sequence finds the sequence
  // whatever name PostgreSQL gave it.
  bool ascending = step.column.identity_options.increment >= 0;
  std::string column = QuoteSqlIdent(step.name);
  std::string seq = "pg_get_serial_sequence(" + Str(Qualified(step.table)) + ", " + Str(step.name) + ")";
  std::string bound = std::string(ascending ? "max(" : "min(") + column + ")";
  std::string past = "PERFORM setval(" + seq + ", " + bound + ") FROM " + Qualified(step.table) +
                     " HAVING " + bound + (ascending ? " >= " : " <= ") +
                     "(SELECT seqstart FROM pg_sequence WHERE seqrelid = " + seq + "::regclass)";
  return "DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " +
         RegClass(step.table) + " AND attname = " + Str(step.name) +
         " AND attidentity = '') THEN " + add + "; " + past + "; END IF; END $schemac$;\n";
}

namespace {

// Renames sequence `from` to `to` (both in `schema`) while `from` exists and `to` does not.
std::string RenameSequenceSql(const std::string& schema, const std::string& from,
                              const std::string& to) {
  if (from == to) return "";
  ir::QualifiedName old{schema, from};
  ir::QualifiedName now{schema, to};
  return "DO $schemac$ BEGIN IF " + RegClass(old) + " IS NOT NULL AND " + RegClass(now) +
         " IS NULL THEN ALTER SEQUENCE " + Qualified(old) + " RENAME TO " + QuoteSqlIdent(to) +
         "; END IF; END $schemac$;\n";
}

}  // namespace

std::string SerialSequenceRenameSql(const plan::Step& step) {
  std::string out;
  if (step.kind == plan::StepKind::kRenameTable && step.table_def != nullptr) {
    // Columns keep their old names here: a renamed column's sequence follows in its own step.
    const ir::Table& old = *step.table_def;
    for (const ir::Column& column : old.columns) {
      if (!IsSerialColumn(old, column)) continue;
      out += RenameSequenceSql(step.table.schema, MakeObjectName(old.name.name, column.name, "seq"),
                               MakeObjectName(step.table.name, column.name, "seq"));
    }
  } else if (step.kind == plan::StepKind::kRenameColumn && SerialSequence(step.table, step.column)) {
    out += RenameSequenceSql(step.table.schema, MakeObjectName(step.table.name, step.name, "seq"),
                             MakeObjectName(step.table.name, step.column.name, "seq"));
  }
  return out;
}

SerialSequenceSql SerialSequenceStepSql(const plan::Step& step) {
  SerialSequenceSql out;
  std::optional<ir::QualifiedName> now = SerialSequence(step.table, step.column);
  // A serial column's sequence was renamed with its table (SerialSequenceRenameSql), and with
  // its column while the column stays serial: under the table's new name and the column's old.
  std::optional<ir::QualifiedName> old;
  if (step.on) {
    old = ir::QualifiedName{step.table.schema,
                            MakeObjectName(step.table.name, step.old_column.name, "seq")};
  }
  switch (step.kind) {
    case plan::StepKind::kSetDefault:
      // A column made serial: its sequence first (the default names it), owned by the column as
      // `serial` makes it, continuing after the values the column holds.
      if (now && !old) {
        std::string seq = Qualified(*now);
        std::string column = QuoteSqlIdent(step.name);
        out.before = "DO $schemac$ BEGIN IF " + RegClass(*now) + " IS NULL THEN CREATE SEQUENCE " +
                     seq + " AS " + step.column.type.name + " OWNED BY " +
                     Qualified(step.table) + "." + column + "; PERFORM setval(" + Str(seq) +
                     ", max(" + column + ")) FROM " + Qualified(step.table) + " HAVING max(" +
                     column + ") >= 1; END IF; END $schemac$;\n";
      }
      break;
    case plan::StepKind::kDropDefault:
      // A serial column no longer: DROP DEFAULT leaves its sequence, which nothing uses then.
      // Not an identity sequence of the name (a rerun, once the column became one).
      if (old && !now) {
        out.after = "DO $schemac$ BEGIN IF " + RegClass(*old) +
                    " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_depend WHERE classid = "
                    "'pg_class'::regclass AND objid = " + RegClass(*old) +
                    " AND deptype = 'i') THEN DROP SEQUENCE " + Qualified(*old) +
                    "; END IF; END $schemac$;\n";
      }
      break;
    case plan::StepKind::kAlterColumnType:
      // The sequence follows its column's type (as bigserial would have made it); its maxvalue
      // follows too when it was the old type's largest value.
      if (now && old && step.column.type.name != step.old_column.type.name) {
        out.after = "ALTER SEQUENCE IF EXISTS " + Qualified(*now) + " AS " +
                    step.column.type.name + ";\n";
      }
      break;
    default: break;
  }
  return out;
}

}  // namespace schemac::pg
