#pragma once
// Running a migration file written by emit.h: the lines before the first segment marker (the
// session settings) first, then each segment: a `transaction` segment as one script (it holds its
// own BEGIN and COMMIT), a `no-transaction` segment one line (one statement) at a time.

#include <pqxx/connection>
#include <string>

namespace schemac::pg {

/// Runs `sql` on `connection`. Throws pg::Error with PostgreSQL's message and the statement
/// that failed; a failed transaction segment is rolled back (segments before it stay applied;
/// running the file again resumes, as every statement is guarded).
void RunMigration(pqxx::connection_base& connection, const std::string& sql);

}  // namespace schemac::pg
