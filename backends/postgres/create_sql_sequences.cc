// SQL of `sequence` objects: CREATE, OWNED BY, privileges and comments.

#include "backends/postgres/create_sql_sequences.h"

#include <fmt/format.h>

#include "compiler/identifiers.h"

namespace schemac::pg {

std::string CreateSequenceSql(const ir::Sequence& sequence) {
  const ir::SequenceOptions& o = sequence.options;
  // Every option written, so that the sequence is the same whatever the server's defaults.
  return fmt::format(
      "CREATE SEQUENCE IF NOT EXISTS {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH "
      "{} CACHE {} {}",
      Qualified(sequence.name), sequence.type, o.increment, o.min, o.max, o.start, o.cache,
      o.cycle ? "CYCLE" : "NO CYCLE");
}

std::string SequenceOwnedBySql(const ir::Sequence& sequence) {
  std::string owner = sequence.owned_table.empty()
                          ? "NONE"
                          : Qualified({sequence.name.schema, sequence.owned_table}) + "." +
                                QuoteSqlIdent(sequence.owned_column);
  return "ALTER SEQUENCE " + Qualified(sequence.name) + " OWNED BY " + owner;
}

std::string RevokeSequencePrivilegesSql(const ir::QualifiedName& sequence) {
  // As RevokeNonOwnerPrivilegesSql for tables: REVOKE ALL by the owner removes what default
  // privileges granted.
  return DoBlock(
      "DECLARE r record; BEGIN FOR r IN SELECT DISTINCT a.grantee FROM pg_class c, "
      "aclexplode(c.relacl) a WHERE c.oid = to_regclass(" +
      QuoteSqlLiteral(Qualified(sequence)) +
      ") AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %s', " +
      QuoteSqlLiteral(Qualified(sequence)) +
      ", CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) "
      "END); END LOOP; END");
}

std::string GrantOnSequenceSql(const ir::QualifiedName& sequence, const ir::Grant& grant) {
  std::string privileges;
  for (const std::string& p : grant.privileges) privileges += (privileges.empty() ? "" : ", ") + p;
  return "GRANT " + privileges + " ON SEQUENCE " + Qualified(sequence) + " TO " +
         QuoteSqlIdent(grant.role) + ";\n";
}

std::string CommentOnSequenceSql(const ir::QualifiedName& sequence, const std::string& comment) {
  return "COMMENT ON SEQUENCE " + Qualified(sequence) + " IS " +
         (comment.empty() ? "NULL" : QuoteSqlLiteral(comment)) + ";\n";
}

std::vector<TaggedStatement> CreateSequenceStatements(const ir::Schema& schema) {
  std::vector<TaggedStatement> out;
  for (const ir::Sequence& sequence : schema.sequences) {
    TaggedStatement statement;
    statement.object = "sequence " + sequence.name.ToString();
    statement.origin = sequence.origin;
    statement.provides = sequence.name.ToString();
    statement.sql = CreateSequenceSql(sequence) + ";\n" + RevokeSequencePrivilegesSql(sequence.name);
    for (const ir::Grant& grant : sequence.grants) {
      statement.sql += GrantOnSequenceSql(sequence.name, grant);
    }
    if (!sequence.comment.empty()) statement.sql += CommentOnSequenceSql(sequence.name, sequence.comment);
    out.push_back(std::move(statement));
  }
  return out;
}

std::vector<TaggedStatement> SequenceOwnershipStatements(const ir::Schema& schema) {
  std::vector<TaggedStatement> out;
  for (const ir::Sequence& sequence : schema.sequences) {
    if (sequence.owned_table.empty()) continue;
    TaggedStatement statement;
    statement.object = "owner column of sequence " + sequence.name.ToString();
    statement.origin = sequence.origin;
    statement.needs = {sequence.name.ToString(),
                       ir::QualifiedName{sequence.name.schema, sequence.owned_table}.ToString()};
    statement.sql = SequenceOwnedBySql(sequence) + ";\n";
    out.push_back(std::move(statement));
  }
  return out;
}

}  // namespace schemac::pg
