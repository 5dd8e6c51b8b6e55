#pragma once
// The PGlite engine as a dev database: PostgreSQL 18 compiled to WebAssembly (with pgvector and
// citext), served over the wire protocol by Node, for schemas that need an extension the
// installed PostgreSQL lacks; where its npm packages are found, and what canonical forms built
// on it depend on. Errors are thrown as schemac::UserError (compiler/error.h). The Node process
// is supervised by process.h.

#include <sys/types.h>

#include <memory>
#include <string>

namespace schemac::pg {

/// PGlite (PostgreSQL 18 in WebAssembly, with pgvector and citext) as a dev database engine,
/// for schemas that need an extension the installed PostgreSQL lacks. Node serves it over the
/// wire protocol on a free port of 127.0.0.1 (tools/pg/pglite_server.mjs, compiled into
/// schemac), from a fresh directory under $TMPDIR. Stopped, and its directory removed, like
/// EmbeddedServer: by the destructor, on fatal signals and at exit. It has one database.
class EmbeddedPglite {
 public:
  /// Starts it from the npm prefix `prefix` (FindPglitePrefix()) and waits until it accepts
  /// connections. Throws UserError (nothing left running) when it cannot.
  static std::unique_ptr<EmbeddedPglite> Start(const std::string& prefix);

  EmbeddedPglite(const EmbeddedPglite&) = delete;
  EmbeddedPglite& operator=(const EmbeddedPglite&) = delete;
  ~EmbeddedPglite();
  /// Stops Node (SIGINT, SIGKILL after a timeout) and removes the directory. Idempotent.
  void Stop();

  /// postgresql://postgres@127.0.0.1:PORT/postgres?sslmode=disable
  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  const std::string& dir() const { return dir_; }

 private:
  EmbeddedPglite() = default;
  void StartImpl(const std::string& prefix);

  int slot_ = -1;
  unsigned long serial_ = 0;
  pid_t pid_ = 0;
  std::string dir_;
  std::string url_;
};

/// The npm prefix of the PGlite engine (a directory with node_modules/@electric-sql/pglite,
/// pglite-pgvector and pglite-socket): $SCHEMAC_PGLITE_PREFIX when set, else npm/ next to the
/// schemac executable (where tools/setup.sh installs it), else ../lib/schemac/npm from it.
/// Empty when there is none, or when `node` is not on PATH.
std::string FindPglitePrefix();

/// Why FindPglitePrefix() finds no engine, for a message, in one line: "not usable: node is not
/// on PATH ..." or "not installed in DIR or DIR (install it: npm install --prefix DIR ...)",
/// naming every directory it looked in and the one to install into.
std::string PgliteNotFound();

/// What canonical forms built on the PGlite engine depend on, for caching them: its prefix and
/// the size and time of each of its packages' package.json; "no PGlite engine" without one.
std::string PgliteIdentity();

}  // namespace schemac::pg
