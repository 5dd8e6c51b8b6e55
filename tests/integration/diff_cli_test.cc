// `schemac diff` as a user runs it: an example schema from empty, applied, then diffed against
// the database it built (nothing left to do); refusals and bad input with exit 1.

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/runner.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

RunResult Diff(const std::string& args) {
  return RunSchemac("diff --dev-url '" + EngineUrl(Engine::kPostgres) + "' " + args);
}

std::string Example(const char* name) { return (SourceDir() / "schemas" / name).string(); }

}  // namespace

TEST_CASE("diff: an example from empty, applied, leaves nothing to do",
          "[pg][diff][supabase]") {
  for (const char* example : {"agents.schema", "vaults.schema"}) {
    INFO(example);
    RunResult up = Diff("--from empty --to " + Example(example));
    INFO("stderr: " << up.err);
    REQUIRE(up.exit_code == 0);
    REQUIRE(up.out.find("-- schemac:segment transaction") != std::string::npos);
    REQUIRE(up.out.find("CREATE TABLE IF NOT EXISTS") != std::string::npos);

    ScratchDb db(Engine::kPostgres);
    db.Exec(SupabaseSetupSql());
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    REQUIRE_NOTHROW(pg::RunMigration(*connection, up.out));
    REQUIRE_NOTHROW(pg::RunMigration(*connection, up.out));  // Twice: idempotent.

    RunResult again = Diff("--from '" + db.url() + "' --to " + Example(example) + " --format text");
    INFO("stderr: " << again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.out == "0 to add, 0 to change, 0 to drop\n");

    // Down from the schema to empty drops everything: refused without the flag.
    RunResult refused = Diff("--from '" + db.url() + "' --to empty");
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.empty());
    CHECK(refused.err.find("refused (DATA_LOSS, pass --allow-destructive): drop table") !=
          std::string::npos);
    RunResult down = Diff("--from empty --to " + Example(example) + " --down");
    REQUIRE(down.exit_code == 0);
    REQUIRE_NOTHROW(pg::RunMigration(*connection, down.out));
    RunResult gone = Diff("--from '" + db.url() + "' --to empty --format json");
    CHECK(gone.exit_code == 0);
    // A side is a database: its unmanaged objects are listed (none).
    CHECK(gone.out == "{\n  \"steps\": [],\n  \"unmanaged\": []\n}\n");
  }
}

TEST_CASE("diff: exit 0 after printing a migration, 2 only with --exit-code", "[pg][diff]") {
  // `schemac diff ... > up.sql` in a script under `set -e` goes on after writing the file.
  TempDir dir;
  std::ofstream(dir.path / "a.schema") << "table t {\n  id int primary key\n}\n";
  std::string to = " --to " + (dir.path / "a.schema").string();
  RunResult written = RunShell("set -e; " + std::string(SCHEMAC_BINARY) + " diff --dev-url '" +
                               EngineUrl(Engine::kPostgres) + "' --from empty" + to + " > '" +
                               (dir.path / "up.sql").string() + "'; echo went on");
  INFO("stderr: " << written.err);
  CHECK(written.exit_code == 0);
  CHECK(written.out == "went on\n");
  CHECK(ReadFile(dir.path / "up.sql").find("CREATE TABLE IF NOT EXISTS") != std::string::npos);
  for (const char* format : {"sql", "text", "json"}) {
    INFO(format);
    RunResult plain = Diff("--from empty" + to + " --format " + format);
    CHECK(plain.exit_code == 0);
    CHECK(plain.out.find("create") != std::string::npos);  // Printed, as without the flag.
    RunResult drift = Diff("--from empty" + to + " --format " + format + " --exit-code");
    CHECK(drift.exit_code == 2);
    CHECK(drift.out == plain.out);
    RunResult same = Diff("--from " + (dir.path / "a.schema").string() + to + " --format " +
                          format + " --exit-code");
    CHECK(same.exit_code == 0);
  }
  RunResult help = RunSchemac("help diff");
  CHECK(help.out.find("Print the migration from one schema to another\n") != std::string::npos);
  CHECK(help.out.find("--exit-code") != std::string::npos);
  CHECK(help.out.find("Exit 2 when there are changes (drift)") != std::string::npos);
}

TEST_CASE("diff: an enum value removed is refused with the reason", "[pg][diff]") {
  TempDir dir;
  std::ofstream(dir.path / "a.schema") << "enum mood ('calm', 'busy')\n";
  std::ofstream(dir.path / "b.schema") << "enum mood ('calm')\n";
  RunResult run = Diff("--from " + (dir.path / "a.schema").string() + " --to " +
                       (dir.path / "b.schema").string());
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find("enum public.mood loses value 'busy'") != std::string::npos);
}

TEST_CASE("diff: a schema with errors is reported at file:line:col, exit 1", "[pg][diff]") {
  TempDir dir;
  std::ofstream(dir.path / "bad.schema") << "table t {\n  id int primary key\n  x nosuchtype\n}\n";
  RunResult run = Diff("--from empty --to " + (dir.path / "bad.schema").string());
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find("bad.schema:3:5: error: unknown type 'nosuchtype'") != std::string::npos);
}

TEST_CASE("diff: without --dev-url the embedded server builds the schema", "[devdb][diff]") {
  RunResult run = RunSchemac("diff --from empty --to " + Example("agents.schema") + " --format text");
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("+ create table public.agent_instances") != std::string::npos);
}

TEST_CASE("diff: without --dev-url a pgvector schema is built on the PGlite engine, else refused",
          "[devdb][diff]") {
  // Its own TMPDIR: the embedded server's and the engine's directories must all be gone after.
  TempDir tmp;
  std::string diff = "TMPDIR='" + tmp.path.string() + "' SCHEMAC_NO_CACHE=1 ";
  std::string args = std::string(" ") + SCHEMAC_BINARY + " diff --from empty --to " +
                     Example("learning.schema");
  RunResult run = RunShell(diff + args);
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == ReadFile(SourceDir() / "migrations/learning/up.sql"));
  CHECK(std::filesystem::is_empty(tmp.path));

  RunResult refused = RunShell(diff + "SCHEMAC_PGLITE_PREFIX=/nonexistent" + args);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  CHECK(refused.err.find("extension \"vector\" (declared at ") != std::string::npos);
  CHECK(refused.err.find("learning.schema:7:1) is not available on the embedded PostgreSQL") !=
        std::string::npos);
  CHECK(refused.err.find("pass --dev-url URL") != std::string::npos);
  CHECK(std::filesystem::is_empty(tmp.path));
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("diff: a rename whose two names both exist is refused, and once applied the hint is inert",
          "[pg][diff]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create table accounts (id int primary key, mail text);"
          "create table users (id int primary key);"
          "insert into accounts values (1, 'a@example.com')");
  TempDir dir;
  std::string file = (dir.path / "app.schema").string();
  std::ofstream(file) << "table users renamed from accounts {\n  id int primary key\n"
                         "  email text renamed from mail\n}\n";
  std::string from = "--from '" + db.url() + "' --to " + file;
  RunResult both = Diff(from);
  CHECK(both.exit_code == 1);
  CHECK(both.out.empty());
  CHECK(both.err.find("table public.users is renamed from public.accounts, but both exist") !=
        std::string::npos);

  // With only the old name there, the renames apply and the row keeps its values.
  db.Exec("drop table users");
  RunResult up = Diff(from);
  INFO("stderr: " << up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(up.out.find("ALTER TABLE public.accounts RENAME TO users") != std::string::npos);
  CHECK(up.out.find("RENAME COLUMN mail TO email") != std::string::npos);
  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  pg::RunMigration(*connection, up.out);
  pqxx::work tx(*connection);
  CHECK(std::string(tx.exec1("select email from users where id = 1")[0].c_str()) == "a@example.com");
  tx.commit();
  // Now the hint names a table that is gone: nothing left to do.
  RunResult inert = Diff(from);
  CHECK(inert.exit_code == 0);
  CHECK(inert.out.starts_with("-- schemac migration (up): 0 steps\n"));
}

}  // namespace schemac::testing

namespace schemac::testing {

namespace {

// What a database holds beyond PostgreSQL's own, and how its public schema looks.
std::string DatabaseState(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::work tx(*connection);
  pqxx::row row = tx.exec1(
      "select (select string_agg(nspname, ',' order by nspname) from pg_namespace "
      "  where nspname not like 'pg\\_%' and nspname <> 'information_schema'), "
      "(select count(*) from pg_class where relnamespace = 'public'::regnamespace), "
      "(select string_agg(extname, ',' order by extname) from pg_extension), "
      "(select count(*) from pg_publication), "
      "(select nspowner::regrole::text || ' ' || nspacl::text || ' ' || "
      "  coalesce(obj_description(oid, 'pg_namespace'), '-') from pg_namespace "
      "  where nspname = 'public')");
  return fmt::format("schemas {} relations {} extensions {} publications {} public {}",
                     row[0].c_str(), row[1].c_str(), row[2].c_str(), row[3].c_str(),
                     row[4].c_str());
}

}  // namespace

TEST_CASE("diff: a single-database engine as --dev-url is used when empty and left empty",
          "[pglite][diff]") {
  ScratchDb db(Engine::kPglite);  // Holds PGlite for this test, emptied.
  db.Exec("revoke create on schema public from public;"
          "comment on schema public is 'standard public schema'");
  std::string before = DatabaseState(db.url());
  std::string diff = std::string("SCHEMAC_NO_CACHE=1 ") + SCHEMAC_BINARY + " diff --dev-url '" +
                     db.url() + "' --from empty --to ";
  // learning.schema needs pgvector, which PGlite has.
  RunResult run = RunShell(diff + (SourceDir() / "schemas/learning.schema").string());
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("content_embedding extensions.vector(1536)") != std::string::npos);
  CHECK(DatabaseState(db.url()) == before);

  // Not empty: refused, and left as it was.
  db.Exec("create table keep_me (id int)");
  std::string with_table = DatabaseState(db.url());
  RunResult refused = RunShell(diff + (SourceDir() / "schemas/agents.schema").string());
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(refused.err.find("is not empty (3 objects)") != std::string::npos);
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  CHECK(DatabaseState(db.url()) == with_table);
}

TEST_CASE("diff: a dev role without CREATEDB builds in its own empty database, left empty",
          "[pg][diff]") {
  ScratchDb db(Engine::kPostgres);
  std::string role = "schemac_nocreatedb";
  db.Exec("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role +
          "') then create role " + role + " login nocreatedb; end if; end $$;");
  ScratchDb dev(Engine::kPostgres);
  // The owner of the database owns its public schema (pg_database_owner).
  dev.Exec("do $$ begin execute format('alter database %I owner to " + role +
           "', current_database()); end $$");
  std::string url = dev.url();
  url.replace(url.find("postgres@"), 9, role + "@");
  std::string before = DatabaseState(url);
  TempDir dir;
  std::ofstream(dir.path / "app.schema")
      << "enum mood ('ok', 'bad')\ntable notes {\n  id bigint primary key\n  m mood?\n}\n";
  RunResult run = RunShell(std::string("SCHEMAC_NO_CACHE=1 ") + SCHEMAC_BINARY +
                           " diff --dev-url '" + url + "' --from empty --to " +
                           (dir.path / "app.schema").string());
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("CREATE TABLE IF NOT EXISTS public.notes") != std::string::npos);
  CHECK(DatabaseState(url) == before);
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("diff: canonical forms are cached by their inputs", "[pg][diff]") {
  namespace fs = std::filesystem;
  TempDir cache;
  std::string run = "XDG_CACHE_HOME='" + cache.path.string() + "' " + SCHEMAC_BINARY +
                    " diff --dev-url '" + EngineUrl(Engine::kPostgres) + "' --from empty --to " +
                    (SourceDir() / "schemas/agents.schema").string();
  RunResult first = RunShell(run);
  REQUIRE(first.exit_code == 0);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(cache.path / "schemac/canonical")) {
    files.push_back(entry.path());
  }
  REQUIRE(files.size() == 1);
  CHECK(RunShell(run).out == first.out);

  // The cached form is what the next run reads: a change made there shows in the output.
  std::string cached = ReadFile(files[0]);
  size_t at = cached.find("What an agent does.");
  REQUIRE(at != std::string::npos);
  cached.replace(at, 19, "Read from the cache");
  WriteFile(files[0], cached);
  CHECK(RunShell(run).out.find("IS 'Read from the cache'") != std::string::npos);
  CHECK(RunShell("SCHEMAC_NO_CACHE=1 " + run).out == first.out);

  // A damaged entry is built again and replaced.
  WriteFile(files[0], "{");
  CHECK(RunShell(run).out == first.out);
  CHECK(ReadFile(files[0]).find("What an agent does.") != std::string::npos);
}

namespace {

namespace fs = std::filesystem;

// The build id of an ELF file, as bytes, from `readelf -n`.
std::string BuildIdBytes(const fs::path& file) {
  RunResult notes = RunShell("readelf -n '" + file.string() + "'");
  REQUIRE(notes.exit_code == 0);
  size_t at = notes.out.find("Build ID: ");
  REQUIRE(at != std::string::npos);
  std::string hex = notes.out.substr(at + 10, notes.out.find('\n', at) - at - 10);
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

// A copy of `from` at `to` whose build id differs in one byte: a rebuild whose note is all that
// changed, with the same size and code.
void CopyWithOtherBuildId(const fs::path& from, const fs::path& to) {
  std::string id = BuildIdBytes(from);
  std::string content = ReadFile(from);
  size_t at = content.find(id);
  REQUIRE(at != std::string::npos);
  REQUIRE(content.find(id, at + 1) == std::string::npos);
  content[at] = static_cast<char>(content[at] ^ 0x5a);
  WriteFile(to, content);
  fs::permissions(to, fs::perms::owner_all);
  REQUIRE(BuildIdBytes(to) != id);
}

std::set<fs::path> Entries(const fs::path& dir) {
  std::set<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(dir)) entries.insert(entry.path());
  return entries;
}

// Marks the cache entries not in `known` so that a run reading one of them shows it.
void MarkNewEntries(const fs::path& dir, const std::set<fs::path>& known) {
  for (const fs::path& file : Entries(dir)) {
    if (known.count(file) != 0) continue;
    std::string cached = ReadFile(file);
    size_t at = cached.find("What an agent does.");
    REQUIRE(at != std::string::npos);
    cached.replace(at, 19, "Read from the cache");
    WriteFile(file, cached);
  }
}

}  // namespace

TEST_CASE("diff: a rebuilt database module or executable misses the canonical cache",
          "[pg][diff][cache]") {
  // The code that builds canonical forms lives in libschemac_db.so: an entry written by one
  // build of it is not read by another, even with the same executable (the cache once keyed on
  // the executable alone, and a broken module passed on a warm cache).
  TempDir bin;
  TempDir cache;
  fs::path schemac = bin.path / "schemac";
  fs::path module = fs::path(SCHEMAC_BINARY).parent_path() / "libschemac_db.so";
  std::error_code ec;
  fs::create_hard_link(SCHEMAC_BINARY, schemac, ec);  // the very same file, same mtime
  if (ec) fs::copy_file(SCHEMAC_BINARY, schemac);
  fs::copy_file(module, bin.path / "libschemac_db.so");
  std::string run = "XDG_CACHE_HOME='" + cache.path.string() + "' " + schemac.string() +
                    " diff --dev-url '" + EngineUrl(Engine::kPostgres) + "' --from empty --to " +
                    (SourceDir() / "schemas/agents.schema").string();
  fs::path entries = cache.path / "schemac/canonical";

  RunResult first = RunShell(run);
  INFO("stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  REQUIRE(Entries(entries).size() == 1);
  MarkNewEntries(entries, {});
  REQUIRE(RunShell(run).out.find("IS 'Read from the cache'") != std::string::npos);  // a hit

  // The module rebuilt: a miss, built again and kept beside the old entry.
  std::set<fs::path> before = Entries(entries);
  CopyWithOtherBuildId(module, bin.path / "libschemac_db.so");
  RunResult rebuilt = RunShell(run);
  INFO("stderr: " << rebuilt.err);
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.out == first.out);
  CHECK(Entries(entries).size() == 2);
  MarkNewEntries(entries, before);
  CHECK(RunShell(run).out.find("IS 'Read from the cache'") != std::string::npos);

  // The executable rebuilt: a miss too.
  before = Entries(entries);
  fs::remove(schemac);
  CopyWithOtherBuildId(SCHEMAC_BINARY, schemac);
  RunResult relinked = RunShell(run);
  INFO("stderr: " << relinked.err);
  CHECK(relinked.exit_code == 0);
  CHECK(relinked.out == first.out);
  CHECK(Entries(entries).size() == 3);
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("diff: an extern table is built as a stand-in and never created, changed or dropped",
          "[pg][diff]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema billing; create table billing.invoices (id int primary key, total int);"
          "create table payments (id int primary key, invoice int references billing.invoices);");
  TempDir dir;
  std::string file = (dir.path / "app.schema").string();
  // billing.invoices is someone else's: declared extern with what the foreign key needs.
  std::ofstream(file) << "extern table billing.invoices {\n  id int primary key\n}\n\n"
                         "table payments {\n  id int primary key\n"
                         "  invoice int? references billing.invoices(id)\n}\n";
  RunResult run = Diff("--from '" + db.url() + "' --to " + file + " --format text");
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "0 to add, 0 to change, 0 to drop\n");
  RunResult fresh = Diff("--from empty --to " + file);
  CHECK(fresh.exit_code == 0);
  CHECK(fresh.out.find("CREATE TABLE IF NOT EXISTS public.payments") != std::string::npos);
  CHECK(fresh.out.find("CREATE TABLE IF NOT EXISTS billing.invoices") == std::string::npos);
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("diff: an enum value renamed by hint is renamed in place, rows follow", "[pg][diff]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create type post_status as enum ('draft', 'live');"
          "create table posts (id int primary key, status post_status not null);"
          "insert into posts values (1, 'live'), (2, 'draft')");
  TempDir dir;
  std::string file = (dir.path / "app.schema").string();
  std::ofstream(file) << "enum post_status ('draft', 'published' renamed from 'live', 'archived')\n"
                         "table posts {\n  id int primary key\n  status post_status\n}\n";
  RunResult up = Diff("--from '" + db.url() + "' --to " + file);
  INFO("stderr: " << up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(up.out.find("ALTER TYPE public.post_status RENAME VALUE 'live' TO 'published'") !=
        std::string::npos);
  CHECK(up.out.find("ADD VALUE IF NOT EXISTS 'archived' AFTER 'published'") != std::string::npos);
  CHECK(up.out.find("CREATE TYPE") == std::string::npos);
  CHECK(up.out.find("to 'published' [NOT_TRANSACTIONAL]\n") != std::string::npos);
  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  pg::RunMigration(*connection, up.out);
  pg::RunMigration(*connection, up.out);  // Twice: the guards hold.
  {
    pqxx::work tx(*connection);
    CHECK(std::string(tx.exec1("select string_agg(status::text, ',' order by id) from posts")[0]
                          .c_str()) == "published,draft");
  }
  RunResult converged = Diff("--from '" + db.url() + "' --to " + file);
  CHECK(converged.exit_code == 0);
  CHECK(converged.out.starts_with("-- schemac migration (up): 0 steps\n"));
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("diff: a migrations directory and a .sql file are sources too", "[pg][diff]") {
  std::string schema = " --to " + Example("agents.schema") + " --format text";
  // migrations/agents holds up.sql and down.sql: only the up file is replayed.
  RunResult replayed = Diff("--from " + (SourceDir() / "migrations/agents").string() + schema);
  INFO("stderr: " << replayed.err);
  CHECK(replayed.exit_code == 0);
  CHECK(replayed.out == "0 to add, 0 to change, 0 to drop\n");
  RunResult sql = Diff("--from " + (SourceDir() / "tests/sql/examples/agents.sql").string() + schema);
  INFO("stderr: " << sql.err);
  CHECK(sql.exit_code == 0);
  CHECK(sql.out == "0 to add, 0 to change, 0 to drop\n");
}

TEST_CASE("diff: timeouts and concurrent indexes as asked", "[pg][diff]") {
  RunResult run = Diff("--from empty --to " + Example("agents.schema") +
                       " --lock-timeout 2s --statement-timeout 1min --concurrent-indexes");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n") !=
        std::string::npos);
  size_t commit = run.out.find("COMMIT;");
  size_t concurrent = run.out.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS");
  REQUIRE(concurrent != std::string::npos);
  CHECK(concurrent > commit);  // In the no-transaction segment after the transaction.
  CHECK(run.out.find("-- schemac:segment no-transaction", commit) < concurrent);
  // Each build after a guard that drops what a failed build of the same name left (invalid).
  CHECK(run.out.find("[NOT_TRANSACTIONAL]\nDO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_index "
                     "WHERE indexrelid = to_regclass(") != std::string::npos);
  CHECK(run.out.find(" AND NOT indisvalid) THEN DROP INDEX public.") != std::string::npos);
}

}  // namespace schemac::testing
