// Introspection of sequences: the options of identity columns' sequences, and the sequences a
// schema declares (`sequence`), told apart from the sequence a serial column owns.

#include "backends/postgres/introspect_sequences.h"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>

#include "compiler/naming.h"

namespace schemac::pg {

std::string SequencesSql() {
  // An identity column's sequence depends on its column internally ('i'); a serial column's,
  // and a declared one `owned by` a column, automatically ('a'). Extension members are the
  // extension's.
  return "select n.nspname, c.relname, format_type(s.seqtypid, null), s.seqstart, "
    "s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.deptype, tc.relname, "
    "a.attname, descr.description, "
    "(select json_agg(json_build_array(case when x.grantee = 0 then 'public' "
    "  else pg_get_userbyid(x.grantee) end, x.privilege_type)) "
    " from aclexplode(c.relacl) x where x.grantee <> c.relowner), "
    "tc.relnamespace = c.relnamespace "
    "from pg_sequence s join pg_class c on c.oid = s.seqrelid "
    "join pg_namespace n on n.oid = c.relnamespace "
    "left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid "
    "  and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i') "
    "left join pg_class tc on tc.oid = d.refobjid "
    "left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid "
    "left join pg_description descr on descr.objoid = c.oid "
    "  and descr.classoid = 'pg_class'::regclass and descr.objsubid = 0 "
    "where c.relnamespace = any($1::oid[]) and not exists (select 1 from pg_depend dep "
    "  where dep.classid = 'pg_class'::regclass and dep.objid = c.oid and dep.deptype = 'e') "
    "order by 1, 2";
}

namespace {

ir::SequenceOptions OptionsOf(const pqxx::row& row) {
  ir::SequenceOptions options;
  options.start = row[3].as<int64_t>();
  options.increment = row[4].as<int64_t>();
  options.min = row[5].as<int64_t>();
  options.max = row[6].as<int64_t>();
  options.cache = row[7].as<int64_t>();
  options.cycle = row[8].as<bool>();
  return options;
}

std::string Text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

}  // namespace

void ReadSequences(const pqxx::result& rows, ir::Schema& schema) {
  // Tables are not indexed yet (Reindex runs last).
  std::map<std::pair<std::string, std::string>, ir::Table*> tables;
  for (ir::Table& table : schema.tables) tables[{table.name.schema, table.name.name}] = &table;
  for (const pqxx::row& row : rows) {
    std::string schema_name = row[0].c_str();
    std::string name = row[1].c_str();
    std::string deptype = Text(row[9]);
    std::string owner_table = Text(row[10]);
    std::string owner_column = Text(row[11]);
    auto found = tables.find({schema_name, owner_table});
    ir::Table* table = found == tables.end() ? nullptr : found->second;
    ir::Column* column = nullptr;
    if (table != nullptr) {
      for (ir::Column& c : table->columns) {
        if (c.name == owner_column) column = &c;
      }
    }
    if (deptype == "i") {
      if (column != nullptr && column->identity != ir::Identity::kNone) {
        column->identity_options = OptionsOf(row);
      }
      continue;
    }
    // A serial column's own sequence: the column reads as `serial` (its default names it).
    if (deptype == "a" && column != nullptr && IsSerialColumn(*table, *column) &&
        name == MakeObjectName(table->name.name, column->name, "seq")) {
      continue;
    }
    ir::Sequence sequence;
    sequence.name = {schema_name, name};
    sequence.type = row[2].c_str();
    sequence.options = OptionsOf(row);
    // Owned by a column of a table in another schema cannot be declared (nor made by
    // PostgreSQL's ALTER SEQUENCE): taken as owned by nothing.
    if (deptype == "a" && !row[14].is_null() && row[14].as<bool>()) {
      sequence.owned_table = owner_table;
      sequence.owned_column = owner_column;
    }
    sequence.comment = Text(row[12]);
    if (!row[13].is_null()) {
      std::map<std::string, std::set<std::string>> grants;
      for (const nlohmann::json& grant : nlohmann::json::parse(row[13].c_str())) {
        std::string privilege = grant[1].get<std::string>();
        for (char& ch : privilege) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        grants[grant[0].get<std::string>()].insert(privilege);
      }
      for (auto& [role, privileges] : grants) {
        sequence.grants.push_back(
            ir::Grant{role, std::vector<std::string>(privileges.begin(), privileges.end()), {}});
      }
    }
    schema.sequences.push_back(std::move(sequence));
  }
}

}  // namespace schemac::pg
