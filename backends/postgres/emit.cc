#include "backends/postgres/emit.h"
#include "backends/postgres/emit_triggers.h"
#include "backends/postgres/emit_types.h"

#include <fmt/format.h>

#include "backends/postgres/create_sql.h"
#include "backends/postgres/emit_constraints.h"
#include "backends/postgres/emit_functions.h"
#include "backends/postgres/emit_sequences.h"
#include "backends/postgres/emit_views.h"
#include "compiler/identifiers.h"
#include "compiler/naming.h"

namespace schemac::pg {

using plan::Step;
using plan::StepKind;

namespace {

std::string Id(const std::string& name) { return QuoteSqlIdent(name); }
std::string Str(const std::string& text) { return QuoteSqlLiteral(text); }

// `statement` run only when `condition` (SQL) holds, in a DO block.
std::string When(const std::string& condition, const std::string& statement) {
  return DoBlock("BEGIN IF " + condition + " THEN " + statement + "; END IF; END");
}

std::string RegClass(const ir::QualifiedName& name) {
  return "to_regclass(" + Str(Qualified(name)) + ")";
}

std::string ColumnExists(const ir::QualifiedName& table, const std::string& column) {
  return "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + RegClass(table) +
         " AND attname = " + Str(column) + " AND NOT attisdropped)";
}

std::string ConstraintSql(const plan::Constraint& c) {
  switch (c.kind) {
    case plan::Constraint::Kind::kPrimaryKey: return PrimaryKeySql(c.primary_key);
    case plan::Constraint::Kind::kUnique: return UniqueSql(c.unique);
    case plan::Constraint::Kind::kCheck: return CheckSql(c.check);
    case plan::Constraint::Kind::kForeignKey: return ForeignKeySql(c.foreign_key);
    case plan::Constraint::Kind::kExclusion: return ExclusionSql(c.exclusion);
  }
  return "";
}

std::string CommentValue(const std::string& text) { return text.empty() ? "NULL" : Str(text); }

std::string InPublication(const std::string& publication, const ir::QualifiedName& table) {
  return "EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = "
         "pr.prpubid WHERE p.pubname = " + Str(publication) + " AND pr.prrelid = " +
         RegClass(table) + ")";
}

std::string Privileges(const ir::Grant& grant) {
  std::string out;
  for (const std::string& p : grant.privileges) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// Drops a constraint. A primary key or unique constraint is dropped only while it is still the
// old one (same key columns and, for unique, NULLS NOT DISTINCT): when the target has a new key
// of the same name, a rerun must not drop it, since foreign keys made since depend on it.
std::string DropConstraintSql(const Step& step, const std::string& alter_if) {
  const plan::Constraint& c = step.constraint;
  bool key = c.kind == plan::Constraint::Kind::kPrimaryKey || c.kind == plan::Constraint::Kind::kUnique;
  if (!key) return alter_if + "DROP CONSTRAINT IF EXISTS " + Id(step.name) + ";\n";
  const std::vector<std::string>& columns =
      c.kind == plan::Constraint::Kind::kPrimaryKey ? c.primary_key.columns : c.unique.columns;
  std::string names;
  for (const std::string& column : columns) names += (names.empty() ? "" : ", ") + Str(column);
  std::string condition =
      "EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = " + RegClass(step.table) +
      " AND c.conname = " + Str(step.name) + " AND c.contype = '" +
      (c.kind == plan::Constraint::Kind::kPrimaryKey ? "p" : "u") +
      "' AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN "
      "pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) = ARRAY[" +
      names + "]::text[]";
  if (c.kind == plan::Constraint::Kind::kUnique) {
    condition += std::string(" AND (SELECT i.indnullsnotdistinct FROM pg_index i WHERE i.indexrelid = "
                             "c.conindid) = ") + (c.unique.nulls_not_distinct ? "true" : "false");
  }
  // A key made again only to change its deferrability has the same columns.
  bool deferrable = c.kind == plan::Constraint::Kind::kPrimaryKey ? c.primary_key.deferrable
                                                                  : c.unique.deferrable;
  bool deferred = c.kind == plan::Constraint::Kind::kPrimaryKey ? c.primary_key.initially_deferred
                                                                : c.unique.initially_deferred;
  condition += std::string(" AND c.condeferrable = ") + (deferrable ? "true" : "false") +
               " AND c.condeferred = " + (deferred ? "true" : "false");
  return When(condition + ")", "ALTER TABLE " + Qualified(step.table) + " DROP CONSTRAINT " + Id(step.name));
}

// Which segment a step runs in. The plan gives every step outside kMain NOT_TRANSACTIONAL
// (compiler/step_kinds.cc): the two must agree.
enum class Segment { kEnumValues, kMain, kConcurrent };

Segment SegmentOf(const Step& step, bool concurrent_indexes) {
  if (step.kind == StepKind::kAddEnumValue || step.kind == StepKind::kRenameEnumValue) {
    return Segment::kEnumValues;
  }
  // An index's comment follows it: built CONCURRENTLY, the index exists only in that segment.
  if ((step.kind == StepKind::kCreateIndex || step.kind == StepKind::kCommentIndex) &&
      concurrent_indexes) {
    return Segment::kConcurrent;
  }
  return Segment::kMain;
}

// The NOT NULL constraint of step.column made as it says (PostgreSQL 18): renamed (an unnamed
// one to PostgreSQL's own name, unless it has a name of that shape already), [NO] INHERIT,
// validated. Looked up by column, each change made only when still needed: a rerun does nothing.
std::string AlterNotNullSql(const Step& step) {
  const ir::Column& now = step.column;
  const ir::Column& old = step.old_column;
  std::string table = Str(Qualified(step.table));
  std::string body =
      "DECLARE c record; BEGIN SELECT co.conname, co.connoinherit, co.convalidated INTO c FROM "
      "pg_constraint co JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = "
      "co.conkey[1] WHERE co.conrelid = " + RegClass(step.table) + " AND co.contype = 'n' AND "
      "a.attname = " + Str(now.name) + "; IF NOT FOUND THEN RETURN; END IF; ";
  if (old.not_null_name != now.not_null_name) {
    std::string target = now.not_null_name.empty()
                             ? MakeObjectName(step.table.name, now.name, "not_null")
                             : now.not_null_name;
    std::string needed = now.not_null_name.empty()
                             ? "c.conname !~ '_not_null[0-9]*$'"
                             : "c.conname <> " + Str(target);
    body += "IF " + needed + " THEN EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', " +
            table + ", c.conname, " + Str(target) + "); c.conname := " + Str(target) +
            "; END IF; ";
  }
  if (old.not_null_no_inherit != now.not_null_no_inherit) {
    body += std::string("IF ") + (now.not_null_no_inherit ? "NOT " : "") +
            "c.connoinherit THEN EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I " +
            (now.not_null_no_inherit ? "NO INHERIT" : "INHERIT") + "', " + table +
            ", c.conname); END IF; ";
  }
  if (old.not_null_not_valid && !now.not_null_not_valid) {
    body += "IF NOT c.convalidated THEN EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', " +
            table + ", c.conname); END IF; ";
  }
  return DoBlock(body + "END");
}

// One DO block, run only while the type does not have the target labels yet: rename the old
// type aside, create the new one, convert each column that still has the old type (after
// checking that none of its rows holds a removed value), drop the old type.
std::string RecreateEnumSql(const Step& step) {
  const ir::Enum& e = step.enum_def;
  const std::string t = Qualified(e.name);
  const std::string aside_name = e.name.name + "__schemac_old";
  const std::string aside = Qualified({e.name.schema, aside_name});
  std::string labels;
  std::string kept;     // Old labels that survive, renamed or not, as SQL strings.
  std::string mapping;  // CASE arms for renamed labels.
  for (const ir::EnumValue& v : e.values) {
    labels += (labels.empty() ? "" : ", ") + Str(v.label);
    std::string old = v.renamed_from.value_or(v.label);
    kept += (kept.empty() ? "" : ", ") + Str(old);
    if (v.renamed_from) mapping += " WHEN " + Str(old) + " THEN " + Str(v.label);
  }
  std::string body = "BEGIN IF (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_enum "
                     "WHERE enumtypid = to_regtype(" + Str(t) + ")) IS NOT DISTINCT FROM ARRAY[" +
                     labels + "]::text[] THEN RETURN; END IF; ";
  body += "ALTER TYPE " + t + " RENAME TO " + Id(aside_name) + "; ";
  body += "CREATE TYPE " + t + " AS ENUM (" + labels + "); ";
  if (!e.comment.empty()) body += "COMMENT ON TYPE " + t + " IS " + Str(e.comment) + "; ";
  for (const auto& [table, column] : step.enum_columns) {
    std::string name = Id(column.name);
    std::string where = "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + RegClass(table) +
                        " AND attname = " + Str(column.name) + " AND atttypid IN (to_regtype(" +
                        Str(aside) + "), (SELECT typarray FROM pg_type WHERE oid = to_regtype(" +
                        Str(aside) + "))))";
    auto label = [&](const std::string& text) {  // The new label of an old one, as text.
      return mapping.empty() ? text : "(CASE " + text + mapping + " ELSE " + text + " END)";
    };
    std::string converted =
        column.type.array_dims > 0
            ? "(SELECT array_agg(" + label("v::text") + "::" + t + ") FROM unnest(" + name + ") v)"
            : label(name + "::text") + "::" + t;
    std::string check =
        column.type.array_dims > 0
            ? "SELECT 1 FROM " + Qualified(table) + ", unnest(" + name + ") v WHERE v::text NOT IN (" + kept + ")"
            : "SELECT 1 FROM " + Qualified(table) + " WHERE " + name + "::text NOT IN (" + kept + ")";
    body += "IF " + where + " THEN ";
    body += "IF EXISTS (" + check + ") THEN RAISE EXCEPTION '%', " +
            Str("column " + table.ToString() + "." + column.name + " holds a value that enum " +
                e.name.ToString() + " no longer has") +
            "; END IF; ";
    body += "ALTER TABLE " + Qualified(table) + " ALTER COLUMN " + name + " DROP DEFAULT; ";
    body += "ALTER TABLE " + Qualified(table) + " ALTER COLUMN " + name + " TYPE " +
            column.type.ToSql() + " USING " + converted + "; ";
    if (!column.default_sql.empty()) {
      body += "ALTER TABLE " + Qualified(table) + " ALTER COLUMN " + name + " SET DEFAULT " +
              column.default_sql + "; ";
    }
    body += "END IF; ";
  }
  body += "DROP TYPE " + aside + "; END";
  return DoBlock(body);
}

// The SQL of one step as written: StepSql makes its verbatim expressions setting-proof.
std::string WrittenStepSql(const Step& step, bool concurrent_indexes);

}  // namespace

std::string StepSql(const Step& step, bool concurrent_indexes) {
  // Defaults, checks and policies are PostgreSQL's own text, written for
  // standard_conforming_strings on. The migration sets it, but a server parses a whole
  // multi-statement string before it runs its first SET: the same text must read the same with
  // the setting off.
  return SettingProofSql(WrittenStepSql(step, concurrent_indexes));
}

namespace {

// Schemas, extensions and enums.
std::string SchemaStepSql(const Step& step) {
  const std::string t = Qualified(step.table);
  switch (step.kind) {
    case StepKind::kCreateSchema: return "CREATE SCHEMA IF NOT EXISTS " + Id(step.name) + ";\n";
    case StepKind::kGrantOnSchema:
      return GrantOnSchemaSql({step.table.schema, step.name, step.grant.privileges, {}});
    case StepKind::kRevokeOnSchema: {
      std::string privileges;
      for (const std::string& p : step.grant.privileges) privileges += (privileges.empty() ? "" : ", ") + p;
      return "REVOKE " + privileges + " ON SCHEMA " + Id(step.table.schema) + " FROM " +
             Id(step.name) + ";\n";
    }
    case StepKind::kDropSchema: return "DROP SCHEMA IF EXISTS " + Id(step.name) + ";\n";
    case StepKind::kCreateExtension: {
      std::string out = "CREATE EXTENSION IF NOT EXISTS " + Id(step.name);
      if (!step.extension.schema.empty()) out += " SCHEMA " + Id(step.extension.schema);
      if (!step.extension.version.empty()) out += " VERSION " + Str(step.extension.version);
      return out + ";\n";
    }
    case StepKind::kUpdateExtension:
      return "ALTER EXTENSION " + Id(step.name) + " UPDATE TO " + Str(step.extension.version) + ";\n";
    case StepKind::kSetExtensionSchema:
      return "ALTER EXTENSION " + Id(step.name) + " SET SCHEMA " + Id(step.extension.schema) + ";\n";
    case StepKind::kDropExtension: return "DROP EXTENSION IF EXISTS " + Id(step.name) + ";\n";
    case StepKind::kCreateEnum: {
      std::string labels;
      for (const ir::EnumValue& v : step.enum_def.values) labels += (labels.empty() ? "" : ", ") + Str(v.label);
      std::string out = When("to_regtype(" + Str(t) + ") IS NULL",
                             "CREATE TYPE " + t + " AS ENUM (" + labels + ")");
      if (!step.enum_def.comment.empty()) {
        out += "COMMENT ON TYPE " + t + " IS " + Str(step.enum_def.comment) + ";\n";
      }
      return out;
    }
    case StepKind::kDropEnum: return "DROP TYPE IF EXISTS " + t + ";\n";
    case StepKind::kAddEnumValue:
      return "ALTER TYPE " + t + " ADD VALUE IF NOT EXISTS " + Str(step.value) +
             (step.before ? " BEFORE " : " AFTER ") + Str(step.name) + ";\n";
    case StepKind::kRenameEnumValue:
      return When("EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = to_regtype(" + Str(t) +
                      ") AND enumlabel = " + Str(step.name) + ")",
                  "ALTER TYPE " + t + " RENAME VALUE " + Str(step.name) + " TO " + Str(step.value));
    case StepKind::kRecreateEnum: return RecreateEnumSql(step);
    case StepKind::kCommentEnum: return "COMMENT ON TYPE " + t + " IS " + CommentValue(step.value) + ";\n";
    default: return "";
  }
}

// Tables made, dropped or renamed, and the renames of their columns, constraints and indexes.
std::string TableStepSql(const Step& step) {
  const std::string t = Qualified(step.table);
  const std::string alter = "ALTER TABLE " + t + " ";
  switch (step.kind) {
    case StepKind::kRenameTable: {
      ir::QualifiedName old{step.table.schema, step.name};
      return When(RegClass(old) + " IS NOT NULL AND " + RegClass(step.table) + " IS NULL",
                  "ALTER TABLE " + Qualified(old) + " RENAME TO " + Id(step.table.name));
    }
    case StepKind::kCreateTable: {
      // Uniques that repeat another key are not in table_def: separate steps add them.
      const ir::Table& table = *step.table_def;
      std::vector<std::string> items;
      for (const ir::Column& c : table.columns) items.push_back(ColumnSql(table, c));
      if (table.primary_key) items.push_back(PrimaryKeySql(*table.primary_key));
      for (const ir::UniqueConstraint& u : table.uniques) items.push_back(UniqueSql(u));
      for (const ir::CheckConstraint& c : table.checks) items.push_back(CheckSql(c));
      std::string out = "CREATE TABLE IF NOT EXISTS " + t + " (\n";
      for (size_t i = 0; i < items.size(); ++i) {
        out += "  " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
      }
      // What default privileges gave the new table goes; the plan's GRANT steps for it follow
      // (a new table's grants are all planned), so its grants are exactly the declared ones on
      // a database with Supabase's classic defaults as on one without.
      return out + ");\n" + RevokeNonOwnerPrivilegesSql({step.table});
    }
    case StepKind::kDropTable: return "DROP TABLE IF EXISTS " + t + ";\n";
    case StepKind::kRenameColumn:
      return When(ColumnExists(step.table, step.name) + " AND NOT " +
                      ColumnExists(step.table, step.column.name),
                  alter + "RENAME COLUMN " + Id(step.name) + " TO " + Id(step.column.name));
    case StepKind::kRenameConstraint:
      return When("EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + RegClass(step.table) +
                      " AND conname = " + Str(step.name) + ") AND NOT EXISTS (SELECT 1 FROM "
                      "pg_constraint WHERE conrelid = " + RegClass(step.table) +
                      " AND conname = " + Str(step.value) + ")",
                  alter + "RENAME CONSTRAINT " + Id(step.name) + " TO " + Id(step.value));
    case StepKind::kRenameIndex:
      return "ALTER INDEX IF EXISTS " + Qualified({step.table.schema, step.name}) + " RENAME TO " +
             Id(step.value) + ";\n";
    default: return "";
  }
}

std::string DropColumnSql(const Step& step) {
  // Drops may run again after their table is gone (a rerun of a file that drops it).
  std::string drop = "ALTER TABLE IF EXISTS " + Qualified(step.table) + " DROP COLUMN IF EXISTS " +
                     Id(step.name);
  if (step.old_column.name.empty()) return drop + ";\n";
  // A column made again with another generation: dropped only while it is not yet the
  // target one (a rerun must not drop what the first run added).
  std::string code = step.column.generated == ir::Generated::kStored    ? "s"
                     : step.column.generated == ir::Generated::kVirtual ? "v"
                                                                        : "";
  // The expression is printed as canonical forms are (kCanonicalSearchPath), not under the
  // migration's own search_path, which may find what the canonical form qualifies.
  std::string differs =
      "EXISTS (SELECT 1 FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid "
      "AND d.adnum = a.attnum WHERE a.attrelid = " + RegClass(step.table) +
      " AND a.attname = " + Str(step.name) + " AND NOT (a.attgenerated = " + Str(code) +
      " AND coalesce(pg_get_expr(d.adbin, d.adrelid), '') = " + Str(step.column.generated_sql) +
      "))";
  return DoBlock("DECLARE path text := current_setting('search_path'); differs boolean; BEGIN "
                 "PERFORM set_config('search_path', " + Str(kCanonicalSearchPath) + ", true); "
                 "differs := " + differs + "; PERFORM set_config('search_path', path, true); "
                 "IF differs THEN " + drop + "; END IF; END");
}

std::string AlterColumnTypeSql(const Step& step) {
  std::string type = step.column.type.ToSql();
  std::string out = "ALTER TABLE " + Qualified(step.table) + " ALTER COLUMN " + Id(step.name) +
                    " TYPE " + type;
  if (!step.column.collation.empty()) out += " COLLATE " + DoubleQuoteIdent(step.column.collation);
  if (step.column.type != step.old_column.type) {
    // Through text when there is no direct cast (an enum to another enum, text to an enum
    // works directly); an explicit cast otherwise.
    bool enums = step.column.type.kind == ir::TypeKind::kEnum &&
                 step.old_column.type.kind == ir::TypeKind::kEnum;
    out += " USING " + Id(step.name) + (enums ? "::text" : "") + "::" + type;
  }
  // Guarded: running it again when the column already has the type would still fail on
  // what depends on the column (a policy created later in the file).
  ir::ColumnType unqualified = step.column.type;
  unqualified.schema.clear();
  std::string spellings = Str(type);
  if (unqualified.ToSql() != type) spellings += ", " + Str(unqualified.ToSql());
  std::string condition = "format_type(atttypid, atttypmod) NOT IN (" + spellings + ")";
  condition += step.column.collation.empty()
                   ? " OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid)"
                   : " OR (SELECT collname FROM pg_collation WHERE oid = attcollation) IS "
                     "DISTINCT FROM " + Str(step.column.collation);
  return When("EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + RegClass(step.table) +
                  " AND attname = " + Str(step.name) + " AND (" + condition + "))",
              out);
}

// Columns added, dropped or changed.
std::string ColumnStepSql(const Step& step) {
  const std::string alter = "ALTER TABLE " + Qualified(step.table) + " ";
  const std::string column = "ALTER COLUMN " + Id(step.name) + " ";
  switch (step.kind) {
    case StepKind::kAddColumn: {
      // ColumnSql reads the table's name only (to tell a serial column).
      ir::Table table;
      table.name = step.table;
      return alter + "ADD COLUMN IF NOT EXISTS " + ColumnSql(table, step.column) + ";\n";
    }
    case StepKind::kDropColumn: return DropColumnSql(step);
    case StepKind::kDropIdentity: return alter + column + "DROP IDENTITY IF EXISTS;\n";
    case StepKind::kDropDefault:
      // Guarded: on a rerun the column may have become an identity column, which refuses it.
      return When("EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + RegClass(step.table) +
                      " AND attname = " + Str(step.name) + " AND atthasdef AND attidentity = '')",
                  alter + column + "DROP DEFAULT");
    case StepKind::kDropExpression: return alter + column + "DROP EXPRESSION IF EXISTS;\n";
    case StepKind::kAlterColumnType: return AlterColumnTypeSql(step);
    case StepKind::kSetDefault: return alter + column + "SET DEFAULT " + step.column.default_sql + ";\n";
    case StepKind::kDropNotNull: return alter + column + "DROP NOT NULL;\n";
    case StepKind::kSetNotNull:
      if (step.column.not_null_name.empty() && !step.column.not_null_no_inherit &&
          !step.column.not_null_not_valid) {
        return alter + column + "SET NOT NULL;\n";
      }
      // Adding the constraint again as it is does nothing, so a rerun passes.
      return alter + "ADD " + NotNullSql(step.column) +
             (step.column.not_null_not_valid ? " NOT VALID" : "") + ";\n";
    case StepKind::kAlterNotNull: return AlterNotNullSql(step);
    case StepKind::kAddIdentity:
    case StepKind::kSetIdentity: return IdentityStepSql(step);
    default: return "";
  }
}

// A column step with what a serial column's sequence needs around it.
std::string ColumnStepWithSequenceSql(const Step& step) {
  SerialSequenceSql sequence = SerialSequenceStepSql(step);
  return sequence.before + ColumnStepSql(step) + sequence.after;
}

// Constraints and indexes.
std::string KeyStepSql(const Step& step, bool concurrent_indexes) {
  const std::string t = Qualified(step.table);
  const std::string alter = "ALTER TABLE " + t + " ";
  switch (step.kind) {
    case StepKind::kAddConstraint:
      return When("NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + RegClass(step.table) +
                      " AND conname = " + Str(step.name) + ")",
                  alter + "ADD " + ConstraintSql(step.constraint) + (step.not_valid ? " NOT VALID" : ""));
    case StepKind::kValidateConstraint: return alter + "VALIDATE CONSTRAINT " + Id(step.name) + ";\n";
    case StepKind::kDropConstraint:
      // Drops may run again after their table is gone (a rerun of a file that drops it).
      return DropConstraintSql(step, "ALTER TABLE IF EXISTS " + t + " ");
    case StepKind::kCreateIndex: {
      std::string create = IndexSql(step.table, step.index, concurrent_indexes, true) + ";\n";
      if (!concurrent_indexes) return create;
      // A CONCURRENTLY build that failed (a lock or statement timeout, a duplicate, a cancel)
      // leaves an invalid index of the name, which IF NOT EXISTS would take for done.
      ir::QualifiedName index{step.table.schema, step.index.name};
      return When("EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = " + RegClass(index) +
                      " AND NOT indisvalid)",
                  "DROP INDEX " + Qualified(index)) +
             create;
    }
    case StepKind::kDropIndex:
      return "DROP INDEX IF EXISTS " + Qualified({step.table.schema, step.name}) + ";\n";
    default: return "";
  }
}

// Row level security, policies, grants, publications, replica identity and comments.
std::string AccessStepSql(const Step& step) {
  const std::string t = Qualified(step.table);
  const std::string alter = "ALTER TABLE " + t + " ";
  switch (step.kind) {
    case StepKind::kSetRls:
      return alter + (step.on ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY;\n";
    case StepKind::kSetForceRls:
      return alter + (step.on ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY;\n";
    case StepKind::kCreatePolicy:
      return "DROP POLICY IF EXISTS " + DoubleQuoteIdent(step.name) + " ON " + t + ";\n" +
             PolicySql(step.table, step.policy) + ";\n";
    case StepKind::kAlterPolicy: {
      std::string out = "ALTER POLICY " + DoubleQuoteIdent(step.name) + " ON " + t + " TO " +
                        IdList(step.policy.roles);
      if (!step.policy.using_expr.empty()) out += " USING (" + step.policy.using_expr + ")";
      if (!step.policy.with_check.empty()) out += " WITH CHECK (" + step.policy.with_check + ")";
      return out + ";\n";
    }
    case StepKind::kDropPolicy:
      return "DROP POLICY IF EXISTS " + DoubleQuoteIdent(step.name) + " ON " + t + ";\n";
    case StepKind::kGrant:
      return "GRANT " + Privileges(step.grant) + " ON TABLE " + t + " TO " + Id(step.name) + ";\n";
    case StepKind::kRevoke:
      return "REVOKE " + Privileges(step.grant) + " ON TABLE " + t + " FROM " + Id(step.name) + ";\n";
    case StepKind::kAddToPublication:
      return When("NOT " + InPublication(step.name, step.table),
                  "ALTER PUBLICATION " + Id(step.name) + " ADD TABLE " + t +
                      PublicationMemberSql(step.member));
    case StepKind::kDropFromPublication:
      return When(InPublication(step.name, step.table),
                  "ALTER PUBLICATION " + Id(step.name) + " DROP TABLE " + t);
    case StepKind::kSetReplicaIdentity:
      return alter + "REPLICA IDENTITY " +
             (step.replica_identity == ir::ReplicaIdentity::kFull ? "FULL" : "DEFAULT") + ";\n";
    case StepKind::kCommentTable: return "COMMENT ON TABLE " + t + " IS " + CommentValue(step.value) + ";\n";
    case StepKind::kCommentColumn:
      return "COMMENT ON COLUMN " + t + "." + Id(step.name) + " IS " + CommentValue(step.value) + ";\n";
    case StepKind::kCommentPolicy:
      return "COMMENT ON POLICY " + DoubleQuoteIdent(step.name) + " ON " + t + " IS " +
             CommentValue(step.policy.comment) + ";\n";
    default: return "";
  }
}

// ALTER ... OWNER TO: a function by its input argument types (the member spells them as SQL).
std::string OwnerStepSql(const Step& step) {
  const ir::ObjectRef& o = step.owner.object;
  std::string object;
  switch (o.kind) {
    case ir::ObjectKind::kSchema: object = "SCHEMA " + Id(o.name.schema); break;
    case ir::ObjectKind::kView:
      object = (step.on ? "MATERIALIZED VIEW " : "VIEW ") + Qualified(o.name);
      break;
    case ir::ObjectKind::kFunction: object = "FUNCTION " + Qualified(o.name) + o.member; break;
    case ir::ObjectKind::kEnum: object = "TYPE " + Qualified(o.name); break;
    default: object = "TABLE " + Qualified(o.name); break;
  }
  return "ALTER " + object + " OWNER TO " + Id(step.owner.role) + ";\n";
}

// Each kind to the writer of its group; a new kind must be listed here (the compiler warns
// when one is not) and in its group's function.
std::string WrittenStepSql(const Step& step, bool concurrent_indexes) {
  switch (step.kind) {
    case StepKind::kCreateSchema:
    case StepKind::kGrantOnSchema:
    case StepKind::kRevokeOnSchema:
    case StepKind::kDropSchema:
    case StepKind::kCreateExtension:
    case StepKind::kUpdateExtension:
    case StepKind::kSetExtensionSchema:
    case StepKind::kDropExtension:
    case StepKind::kCreateEnum:
    case StepKind::kDropEnum:
    case StepKind::kAddEnumValue:
    case StepKind::kRenameEnumValue:
    case StepKind::kRecreateEnum:
    case StepKind::kCommentEnum: return SchemaStepSql(step);
    case StepKind::kRenameTable:
    case StepKind::kRenameColumn: return TableStepSql(step) + SerialSequenceRenameSql(step);
    case StepKind::kCreateTable:
    case StepKind::kDropTable:
    case StepKind::kRenameConstraint:
    case StepKind::kRenameIndex: return TableStepSql(step);
    case StepKind::kAddColumn:
    case StepKind::kDropColumn:
    case StepKind::kDropIdentity:
    case StepKind::kDropDefault:
    case StepKind::kDropExpression:
    case StepKind::kAlterColumnType:
    case StepKind::kSetDefault:
    case StepKind::kDropNotNull:
    case StepKind::kSetNotNull:
    case StepKind::kAlterNotNull:
    case StepKind::kAddIdentity:
    case StepKind::kSetIdentity: return ColumnStepWithSequenceSql(step);
    case StepKind::kCreateSequence:
    case StepKind::kAlterSequence:
    case StepKind::kRenameSequence:
    case StepKind::kSetSequenceOwner:
    case StepKind::kDisownSequence:
    case StepKind::kGrantOnSequence:
    case StepKind::kRevokeOnSequence:
    case StepKind::kCommentSequence:
    case StepKind::kDropSequence: return SequenceStepSql(step);
    case StepKind::kAddConstraint:
    case StepKind::kValidateConstraint:
    case StepKind::kDropConstraint:
    case StepKind::kCreateIndex:
    case StepKind::kDropIndex: return KeyStepSql(step, concurrent_indexes);
    case StepKind::kAlterConstraint:
    case StepKind::kCommentConstraint:
    case StepKind::kCommentIndex: return ConstraintStepSql(step);
    case StepKind::kSetRls:
    case StepKind::kSetForceRls:
    case StepKind::kCreatePolicy:
    case StepKind::kAlterPolicy:
    case StepKind::kDropPolicy:
    case StepKind::kGrant:
    case StepKind::kRevoke:
    case StepKind::kAddToPublication:
    case StepKind::kDropFromPublication:
    case StepKind::kSetReplicaIdentity:
    case StepKind::kCommentTable:
    case StepKind::kCommentColumn:
    case StepKind::kCommentPolicy: return AccessStepSql(step);
    case StepKind::kCreateFunction:
    case StepKind::kReplaceFunction:
    case StepKind::kAlterFunction:
    case StepKind::kGrantOnFunction:
    case StepKind::kRevokeOnFunction:
    case StepKind::kCommentFunction:
    case StepKind::kDropFunction: return FunctionStepSql(step);
    case StepKind::kCreateTrigger:
    case StepKind::kAlterTrigger:
    case StepKind::kCommentTrigger:
    case StepKind::kDropTrigger: return TriggerStepSql(step);
    case StepKind::kSetOwner: return OwnerStepSql(step);
    case StepKind::kCreateView:
    case StepKind::kReplaceView:
    case StepKind::kAlterView:
    case StepKind::kGrantOnView:
    case StepKind::kRevokeOnView:
    case StepKind::kCommentView:
    case StepKind::kCommentViewColumn:
    case StepKind::kDropView: return ViewStepSql(step);
    case StepKind::kCreateDomain:
    case StepKind::kAlterDomain:
    case StepKind::kAddDomainCheck:
    case StepKind::kDropDomainCheck:
    case StepKind::kCommentDomain:
    case StepKind::kDropDomain:
    case StepKind::kCreateCompositeType:
    case StepKind::kAddAttribute:
    case StepKind::kAlterAttributeType:
    case StepKind::kDropAttribute:
    case StepKind::kCommentCompositeType:
    case StepKind::kDropCompositeType: return TypeStepSql(step);
  }
  return "";
}

}  // namespace

std::string EmitSql(const plan::Plan& plan, const ir::Schema& target, const EmitOptions& options) {
  std::string segments[3];
  uint32_t all_hazards = 0;
  for (const Step& step : plan.steps) {
    // The plan's hazards are final (plan::Finalize), NOT_TRANSACTIONAL included for the steps
    // SegmentOf puts outside the transaction.
    all_hazards |= step.hazards;
    std::string comment = "-- " + step.Describe();
    std::string hazards = plan::HazardNames(step.hazards);
    if (!hazards.empty()) comment += " [" + hazards + "]";
    // One line, whatever the names hold.
    for (char& c : comment) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    Segment segment = SegmentOf(step, options.concurrent_indexes);
    segments[static_cast<int>(segment)] += comment + "\n" + StepSql(step, options.concurrent_indexes);
  }
  std::string out = fmt::format("-- schemac migration ({}): {} step{}", options.title,
                                plan.steps.size(), plan.steps.size() == 1 ? "" : "s");
  std::string hazards = plan::HazardNames(all_hazards);
  out += hazards.empty() ? "\n" : "; hazards: " + hazards + "\n";
  // schemac's own literals mean the same under either setting (QuoteSqlLiteral); the SQL the
  // schema holds verbatim (defaults, checks, policies) is written for `on`, as are canonical forms.
  out += "SET standard_conforming_strings = on;\n";
  if (!options.lock_timeout.empty()) out += "SET lock_timeout = " + Str(options.lock_timeout) + ";\n";
  if (!options.statement_timeout.empty()) {
    out += "SET statement_timeout = " + Str(options.statement_timeout) + ";\n";
  }
  out += "SET search_path TO " + SearchPathSql(target) + ";\n";
  if (!segments[0].empty()) out += "\n-- schemac:segment no-transaction\n" + segments[0];
  bool main = !segments[1].empty() || !options.irreversible.empty() || plan.steps.empty();
  if (main) out += "\n-- schemac:segment transaction\nBEGIN;\n";
  if (!options.irreversible.empty()) {
    std::string message = "this migration cannot be reversed without losing data:";
    for (const std::string& reason : options.irreversible) message += " " + reason + ";";
    message += " (generate it with --allow-lossy-down to run it anyway)";
    out += DoBlock("BEGIN RAISE EXCEPTION '%', " + Str(message) + "; END");
  }
  if (main) out += segments[1] + "COMMIT;\n";
  if (!segments[2].empty()) out += "\n-- schemac:segment no-transaction\n" + segments[2];
  return out;
}

}  // namespace schemac::pg
