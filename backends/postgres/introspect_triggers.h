#pragma once
// Introspection of triggers (pg_trigger), for the Reader of introspect.cc: the query and the
// reading of its rows into Schema::triggers. Read: the triggers users made (not tgisinternal,
// not a partition's clone of its parent's) on the tables and views of the schemas read, and
// those on other tables (auth.users, storage.objects) whose function is in a schema read:
// Supabase's own triggers on its tables call its own functions and are not the project's.

#include <string>

#include "compiler/ir.h"

namespace pqxx {
class result;
}  // namespace pqxx

namespace schemac::pg {

/// The trigger query; $1 is the array of the schemas' oids.
std::string TriggersSql();

/// Reads the rows of TriggersSql into `schema.triggers`, sorted by table, then name.
void ReadTriggers(const pqxx::result& rows, ir::Schema& schema);

/// The WHEN condition of pg_get_triggerdef's text, without its parentheses (and without the
/// grouping parentheses PostgreSQL adds around it); empty when there is none.
std::string TriggerWhen(const std::string& definition);

/// pg_trigger.tgargs (hex, as encode(tgargs, 'hex') prints it): each argument ends with a NUL.
std::vector<std::string> TriggerArguments(const std::string& hex);

}  // namespace schemac::pg
