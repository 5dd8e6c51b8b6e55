// Introspection of triggers (introspect_triggers.h).

#include "backends/postgres/introspect_triggers.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "backends/postgres/introspect.h"

namespace schemac::pg {

namespace {

// pg_trigger.tgtype bits (PostgreSQL's catalog/pg_trigger.h).
constexpr int kTypeRow = 1 << 0;
constexpr int kTypeBefore = 1 << 1;
constexpr int kTypeInsert = 1 << 2;
constexpr int kTypeDelete = 1 << 3;
constexpr int kTypeUpdate = 1 << 4;
constexpr int kTypeTruncate = 1 << 5;
constexpr int kTypeInstead = 1 << 6;

std::string Text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

ir::TriggerEnabled EnabledOf(const std::string& code) {
  switch (code.empty() ? 'O' : code[0]) {
    case 'D':
      return ir::TriggerEnabled::kDisabled;
    case 'R':
      return ir::TriggerEnabled::kReplica;
    case 'A':
      return ir::TriggerEnabled::kAlways;
    default:
      return ir::TriggerEnabled::kOrigin;
  }
}

// Past the quoted text that starts at `i` (a '...' string or a "..." identifier, doubled quotes
// inside).
size_t SkipQuoted(const std::string& s, size_t i) {
  char quote = s[i];
  for (++i; i < s.size(); ++i) {
    if (s[i] != quote) continue;
    if (i + 1 < s.size() && s[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return s.size();
}

}  // namespace

std::string TriggersSql() {
  return "select n.nspname, c.relname, t.tgname, t.tgtype, t.tgenabled, "
    "(select json_agg(a.attname order by k.ord) from unnest(t.tgattr::int2[]) with ordinality "
    " k(attnum, ord) join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = k.attnum), "
    "case when t.tgqual is not null then pg_get_triggerdef(t.oid) end, "
    "t.tgoldtable, t.tgnewtable, fn.nspname, p.proname, encode(t.tgargs, 'hex'), "
    "descr.description "
    "from pg_trigger t join pg_class c on c.oid = t.tgrelid "
    "join pg_namespace n on n.oid = c.relnamespace "
    "join pg_proc p on p.oid = t.tgfoid join pg_namespace fn on fn.oid = p.pronamespace "
    "left join pg_description descr on descr.objoid = t.oid "
    "  and descr.classoid = 'pg_trigger'::regclass and descr.objsubid = 0 "
    "where not t.tgisinternal and t.tgparentid = 0 "
    "and (c.relnamespace = any($1::oid[]) or p.pronamespace = any($1::oid[])) "
    "order by n.nspname, c.relname, t.tgname";
}

std::string TriggerWhen(const std::string& definition) {
  // `CREATE TRIGGER name ... FOR EACH ROW WHEN (condition) EXECUTE FUNCTION f(...)`: the name,
  // the table and the transition names come before, quoted where they would be misread.
  size_t i = 0;
  while (i < definition.size()) {
    char c = definition[i];
    if (c == '"' || c == '\'') {
      i = SkipQuoted(definition, i);
      continue;
    }
    if (definition.compare(i, 6, " WHEN ") == 0) break;
    ++i;
  }
  size_t open = definition.find('(', i);
  if (i >= definition.size() || open == std::string::npos) return "";
  int depth = 0;
  for (size_t j = open; j < definition.size();) {
    char c = definition[j];
    if (c == '"' || c == '\'') {
      j = SkipQuoted(definition, j);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) {
      return StripOuterParens(definition.substr(open + 1, j - open - 1));
    }
    ++j;
  }
  return "";
}

std::vector<std::string> TriggerArguments(const std::string& hex) {
  std::vector<std::string> out;
  std::string current;
  auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    char byte = static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
    if (byte == '\0') {
      out.push_back(std::move(current));
      current.clear();
    } else {
      current += byte;
    }
  }
  return out;
}

void ReadTriggers(const pqxx::result& rows, ir::Schema& schema) {
  for (const auto& row : rows) {
    ir::Trigger t;
    t.table = {row[0].c_str(), row[1].c_str()};
    t.name = row[2].c_str();
    int type = row[3].as<int>();
    t.level = (type & kTypeRow) ? ir::TriggerLevel::kRow : ir::TriggerLevel::kStatement;
    t.timing = (type & kTypeInstead)  ? ir::TriggerTiming::kInsteadOf
               : (type & kTypeBefore) ? ir::TriggerTiming::kBefore
                                      : ir::TriggerTiming::kAfter;
    t.on_insert = (type & kTypeInsert) != 0;
    t.on_delete = (type & kTypeDelete) != 0;
    t.on_update = (type & kTypeUpdate) != 0;
    t.on_truncate = (type & kTypeTruncate) != 0;
    t.enabled = EnabledOf(Text(row[4]));
    if (!row[5].is_null()) {
      for (const auto& column : nlohmann::json::parse(row[5].c_str())) {
        t.update_columns.push_back(column.get<std::string>());
      }
    }
    t.when = TriggerWhen(Text(row[6]));
    t.old_table = Text(row[7]);
    t.new_table = Text(row[8]);
    t.function = {row[9].c_str(), row[10].c_str()};
    t.arguments = TriggerArguments(Text(row[11]));
    t.comment = Text(row[12]);
    schema.triggers.push_back(std::move(t));
  }
  std::sort(schema.triggers.begin(), schema.triggers.end(),
            [](const ir::Trigger& a, const ir::Trigger& b) {
              return std::tie(a.table, a.name) < std::tie(b.table, b.name);
            });
}

}  // namespace schemac::pg
