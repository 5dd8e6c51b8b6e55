#pragma once
// The embedded dev database: a private, temporary PostgreSQL that schemac starts from the server
// binaries installed on the machine when it needs canonical forms and the user gave no
// --dev-url. Unix socket only, no durability, stopped (and its directory removed) on exit,
// Ctrl-C and SIGTERM. Errors are thrown as schemac::UserError (backends/postgres/connection.h).

#include <sys/types.h>

#include <memory>
#include <string>

namespace schemac::pg {

/// Where the server binaries and the cached initdb template live.
struct DevServerOptions {
  /// Directory holding `initdb` and `postgres`; empty: FindServerBindir().
  std::string bindir;
  /// Cache for initdb templates; empty: $XDG_CACHE_HOME/schemac, else $HOME/.cache/schemac.
  std::string cache_dir;
};

/// A running private PostgreSQL (user postgres, database postgres, trust authentication) in a
/// fresh directory under $TMPDIR. The first start per major version runs initdb and caches the
/// result as a template; later starts copy the template (well under a second). When schemac runs
/// as root the server runs as the system user `schemac-pg`, created on first use.
///
/// Every running server is also stopped by a SIGINT/SIGTERM/SIGHUP/SIGQUIT handler (which then
/// re-raises the signal) and by an atexit hook. Signals are handled for the thread that calls
/// Start()/Stop(); the server is also told to shut down if the thread that started it dies.
class EmbeddedServer {
 public:
  /// Starts a server and waits until it accepts connections. Throws UserError (no server, no
  /// directory left behind) when the binaries are missing or older than 15, or start fails.
  static std::unique_ptr<EmbeddedServer> Start(const DevServerOptions& options = {});

  EmbeddedServer(const EmbeddedServer&) = delete;
  EmbeddedServer& operator=(const EmbeddedServer&) = delete;
  /// Stops the server and removes its directory.
  ~EmbeddedServer();

  /// Fast shutdown (SIGINT, SIGKILL after a timeout), then removes the directory. Idempotent.
  void Stop();

  /// libpq URL over the unix socket: postgresql://postgres@/postgres?host=DIR&port=5432.
  const std::string& url() const { return url_; }
  /// server_version_num of the binaries, e.g. 150018.
  int server_version() const { return server_version_; }
  const std::string& bindir() const { return bindir_; }

  /// Process id of the postmaster (0 once stopped).
  pid_t pid() const { return pid_; }
  /// The temporary directory (data directory, socket and log inside it).
  const std::string& dir() const { return dir_; }
  /// The cached initdb template this server was copied from, or written to on a cold start.
  const std::string& template_dir() const { return template_dir_; }
  /// True when the data directory was copied from the cached template (no initdb).
  bool warm() const { return warm_; }

 private:
  EmbeddedServer() = default;
  void StartImpl(const DevServerOptions& options);

  int slot_ = -1;             // index in the process-wide registry the signal handler reads
  unsigned long serial_ = 0;  // tells our slot from a later reuse of it
  pid_t pid_ = 0;
  int server_version_ = 0;
  bool warm_ = false;
  std::string bindir_;
  std::string dir_;
  std::string template_dir_;
  std::string url_;
};

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

/// schemac's cache directory: $XDG_CACHE_HOME/schemac, else $HOME/.cache/schemac; empty when
/// neither is set.
std::string CacheDir();

/// The directory of the PostgreSQL server binaries (initdb and postgres, version 15 or newer):
/// `explicit_bindir` when given, else $SCHEMAC_PG_BINDIR when set, else pg_config --bindir if it has `postgres`, else the highest
/// /usr/lib/postgresql/<major>/bin, else PATH. Throws UserError saying how to install them
/// (`apt-get install postgresql`) or to pass --dev-url when there are none.
std::string FindServerBindir(const std::string& explicit_bindir = "");

}  // namespace schemac::pg
