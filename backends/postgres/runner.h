#pragma once
// Running a migration file written by emit.h: the lines before the first segment marker (the
// session settings) first, then each segment: a `transaction` segment as one script (it holds its
// own BEGIN and COMMIT), a `no-transaction` segment one line (one statement) at a time.

#include <pqxx/connection>
#include <string>
#include <vector>

#include "compiler/error.h"

namespace schemac::pg {

/// How RunMigration runs.
struct RunOptions {
  /// SIGINT and SIGTERM cancel the running statement (PQcancel), roll its transaction back and
  /// stop the run with Interrupted, instead of ending the process (for `apply`). The handlers
  /// are installed for the run only.
  bool cancel_on_signal = false;
};

/// Thrown by RunMigration when SIGINT or SIGTERM stopped it (RunOptions::cancel_on_signal); the
/// message says what was applied before, if anything.
class Interrupted : public UserError {
 public:
  Interrupted(int signal, const std::string& message) : UserError(message), signal_(signal) {}
  /// SIGINT or SIGTERM.
  int signal() const { return signal_; }

 private:
  int signal_;
};

/// Runs `sql` on `connection`. Throws UserError with PostgreSQL's message and the statement
/// that failed, or why a wait ended (lock timeout: which tables, and which sessions hold them),
/// or that the connection was lost; for a file in segments, the message ends with what was
/// applied before the failure ("nothing was applied", or the committed transaction and each
/// statement of a no-transaction segment that ran). A failed transaction segment is rolled back (segments before it stay
/// applied; running the file again resumes, as every statement is guarded).
void RunMigration(pqxx::connection_base& connection, const std::string& sql,
                  const RunOptions& options = {});

}  // namespace schemac::pg
