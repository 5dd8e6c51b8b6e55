// `schemac pull` as a user runs it, against the test engines: where the output goes, and a
// one-line error naming the cause, with the password masked, for every kind of bad URL.

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

RunResult Pull(const std::string& args) { return RunSchemac("pull " + args); }

// host and port of a postgresql://user@host:port/db URL.
std::string HostPort(const std::string& url) {
  size_t at = url.find('@');
  size_t slash = url.find('/', at);
  return url.substr(at + 1, slash - at - 1);
}

void RequireOneLineError(const RunResult& run, const std::string& cause) {
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 1);
  REQUIRE(run.out.empty());
  REQUIRE(run.err.find("hunter2") == std::string::npos);
  REQUIRE(run.err.find(cause) != std::string::npos);
  REQUIRE(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("pull writes to stdout, to a .schema file, or one file per schema", "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema billing; create table accounts (id int primary key);"
          "create table billing.invoices (id int primary key, account int references accounts)");
  TempDir temp;
  const fs::path& dir = temp.path;

  RunResult out = Pull("--db '" + db.url() + "'");
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  REQUIRE(out.out.find("table accounts {") != std::string::npos);
  REQUIRE(out.out.find("table billing.invoices {") != std::string::npos);

  RunResult file = Pull("--db '" + db.url() + "' --out " + (dir / "all.schema").string());
  REQUIRE(file.exit_code == 0);
  REQUIRE(ReadFile(dir / "all.schema") == out.out);

  RunResult split = Pull("--db '" + db.url() + "' --out " + (dir / "schema").string());
  REQUIRE(split.exit_code == 0);
  REQUIRE(split.err == "wrote 2 files to " + (dir / "schema").string() + "\n");
  REQUIRE(ReadFile(dir / "schema/public.schema").find("table accounts") != std::string::npos);
  std::string billing = ReadFile(dir / "schema/billing.schema");
  REQUIRE(billing.starts_with("schema billing\n"));
  REQUIRE(billing.find("account integer? references accounts(id)") != std::string::npos);

  // What pull writes is what `schemac check` accepts and `schemac fmt` leaves alone.
  std::string check = std::string(SCHEMAC_BINARY) + " check -q " + (dir / "schema").string() +
                      " && " + SCHEMAC_BINARY + " fmt --check " + (dir / "schema").string();
  REQUIRE(std::system(check.c_str()) == 0);

  RunResult only = Pull("--db '" + db.url() + "' --schema billing");
  REQUIRE(only.exit_code == 0);
  REQUIRE(only.out.find("table billing.invoices {") != std::string::npos);
  // accounts is outside what was read: declared extern (and only so), from the referencing
  // column.
  REQUIRE(only.out.find("\ntable accounts {") == std::string::npos);
  REQUIRE(only.out.find("extern table accounts {\n  id integer primary key\n}") !=
          std::string::npos);

  RunResult excluded = Pull("--db '" + db.url() + "' --exclude-schema billing");
  REQUIRE(excluded.exit_code == 0);
  REQUIRE(excluded.out.find("invoices") == std::string::npos);
  REQUIRE(excluded.out.find("table accounts {") != std::string::npos);

  RunResult json = Pull("--db '" + db.url() + "' --json");
  REQUIRE(json.exit_code == 0);
  INFO(json.out);
  nlohmann::json ir = nlohmann::json::parse(json.out);  // the whole output is JSON
  CHECK(ir.at("schemas") == nlohmann::json::array({"billing"}));
  std::vector<std::string> tables;
  for (const nlohmann::json& table : ir.at("tables")) {
    tables.push_back(table.at("schema").get<std::string>() + "." +
                     table.at("name").get<std::string>());
  }
  std::sort(tables.begin(), tables.end());
  CHECK(tables == std::vector<std::string>{"billing.invoices", "public.accounts"});
  for (const nlohmann::json& table : ir.at("tables")) {
    if (table.at("name") != "invoices") continue;
    REQUIRE(table.at("foreign_keys").size() == 1);
    const nlohmann::json& fk = table.at("foreign_keys")[0];
    CHECK(fk.at("name") == "invoices_account_fkey");
    CHECK(fk.at("columns") == nlohmann::json::array({"account"}));
    CHECK(fk.at("references") ==
          nlohmann::json::parse(R"({"schema": "public", "name": "accounts", "columns": ["id"]})"));
  }
}

TEST_CASE("pull: bad URLs fail in one line that names the cause and hides the password",
          "[pg][pull]") {
  std::string url = EngineUrl(Engine::kPostgres);
  std::string host_port = HostPort(url);

  SECTION("unreachable host") {
    RequireOneLineError(Pull("--db 'postgresql://app:hunter2@127.0.0.1:1/x?connect_timeout=3'"),
                        "cannot connect to postgresql://app:***@127.0.0.1:1/x");
  }
  SECTION("wrong password") {
    ScratchDb db(Engine::kPostgres);
    db.Exec("do $$ begin if not exists (select 1 from pg_roles where rolname = "
            "'schemac_pw_user') then create role schemac_pw_user login password 'right'; "
            "end if; end $$");
    RequireOneLineError(
        Pull("--db 'postgresql://schemac_pw_user:hunter2@" + host_port + "/postgres'"),
        "password authentication failed for user \"schemac_pw_user\"");
  }
  SECTION("database that does not exist") {
    RequireOneLineError(Pull("--db 'postgresql://postgres:hunter2@" + host_port + "/nosuchdb'"),
                        "database \"nosuchdb\" does not exist");
  }
  SECTION("missing privileges") {
    ScratchDb db(Engine::kPostgres);
    db.Exec("do $$ begin if not exists (select 1 from pg_roles where rolname = "
            "'schemac_no_connect') then create role schemac_no_connect login; end if; end $$");
    pqxx::connection admin{url};
    pqxx::nontransaction n{admin};
    std::string name = db.url().substr(db.url().rfind('/') + 1);
    name = name.substr(0, name.find('?'));
    n.exec("revoke connect on database " + n.quote_name(name) + " from public");
    RequireOneLineError(Pull("--db 'postgresql://schemac_no_connect:hunter2@" + host_port + "/" +
                                 name + "'"),
                        "permission denied for database");
  }
  SECTION("not a URL") {
    RequireOneLineError(Pull("--db 'postgresql://app:hunter2@[::1'"), "cannot connect");
  }
}

namespace {

// Every entry under `dir` (hidden ones included), with each file's content.
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    std::string name = fs::relative(entry.path(), dir).string();
    out[name] = entry.is_symlink()        ? "-> " + fs::read_symlink(entry.path()).string()
                : entry.is_regular_file() ? ReadFile(entry.path())
                                          : "(directory)";
  }
  return out;
}

}  // namespace

TEST_CASE("pull --out DIR removes the files of dropped schemas and leaves other files alone",
          "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema billing; create table accounts (id int primary key);"
          "create table billing.invoices (id int primary key)");
  TempDir temp;
  const fs::path dir = temp.path / "schema";
  RunResult first = Pull("--db '" + db.url() + "' --out " + dir.string());
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  REQUIRE(fs::exists(dir / "billing.schema"));

  // What pull did not write: left as it is, whatever its name.
  WriteFile(dir / "README.md", "hand-written\n");
  WriteFile(dir / ".gitkeep", "");
  WriteFile(dir / "notes.schema.bak", "old\n");
  fs::create_directories(dir / "sub");
  WriteFile(dir / "sub" / "old.schema", "schema kept\n");
  fs::create_symlink("README.md", dir / "link.schema");
  fs::permissions(dir / "public.schema", fs::perms(0600));
  std::map<std::string, std::string> before = Snapshot(dir);

  db.Exec("drop schema billing cascade; create table extra (id int primary key)");
  RunResult second = Pull("--db '" + db.url() + "' --out " + dir.string());
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(second.err == "wrote 1 file to " + dir.string() +
                          "; removed billing.schema (no longer in the database)\n");
  std::map<std::string, std::string> after = Snapshot(dir);
  CHECK_FALSE(after.count("billing.schema"));
  CHECK(after["public.schema"].find("table extra {") != std::string::npos);
  CHECK(fs::status(dir / "public.schema").permissions() == fs::perms(0600));
  // Everything else is as it was, and no staging directory is left.
  before.erase("billing.schema");
  before.erase("public.schema");
  after.erase("public.schema");
  CHECK(after == before);

  // The directory now describes the database: nothing to recreate.
  // (a subdirectory's .schema files and a symlink named .schema are read as part of it)
  fs::remove_all(dir / "sub");
  fs::remove(dir / "link.schema");
  RunResult plan = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + dir.string() +
                              " --dev-url '" + EngineUrl(Engine::kPostgres) + "'");
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
}

TEST_CASE("pull --out DIR: a failure while swapping the files in puts the old ones back",
          "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema billing; create schema zeta; create table accounts (id int primary "
          "key); create table billing.invoices (id int primary key); create table zeta.z (id int)");
  TempDir temp;
  const fs::path dir = temp.path / "schema";
  fs::create_directories(dir / "zeta.schema");  // In the way of the last file: its rename fails.
  WriteFile(dir / "billing.schema", "schema billing\n");
  WriteFile(dir / "public.schema", "table old {\n  id integer primary key\n}\n");
  WriteFile(dir / "gone.schema", "schema gone\n");
  WriteFile(dir / "zeta.schema" / "keep.txt", "mine\n");
  std::map<std::string, std::string> before = Snapshot(dir);

  RunResult run = Pull("--db '" + db.url() + "' --out " + dir.string());
  CHECK(run.exit_code == 1);
  CHECK(run.err.starts_with("schemac: error: cannot replace " + (dir / "zeta.schema").string() +
                            ": "));
  CHECK(run.err.ends_with("; " + dir.string() + " is as it was\n"));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  // billing.schema and public.schema were replaced before the failure: they are back.
  CHECK(Snapshot(dir) == before);
}

TEST_CASE("pull --out DIR with --schema or --exclude-schema leaves the other schemas' files",
          "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema billing; create table accounts (id int primary key);"
          "create table billing.invoices (id int primary key)");
  TempDir temp;
  const fs::path dir = temp.path / "schema";
  RunResult all = Pull("--db '" + db.url() + "' --out " + dir.string());
  REQUIRE(all.exit_code == 0);
  std::map<std::string, std::string> before = Snapshot(dir);
  REQUIRE(before.count("public.schema") == 1);
  REQUIRE(before.count("billing.schema") == 1);

  // Only billing is read: public.schema is not pull's to remove this time.
  RunResult only = Pull("--db '" + db.url() + "' --schema billing --out " + dir.string());
  INFO(only.err);
  CHECK(only.exit_code == 0);
  CHECK(only.err == "wrote 1 file to " + dir.string() + "\n");
  CHECK(Snapshot(dir) == before);

  // billing left out, and gone from the database: its file stays; public's is rewritten.
  db.Exec("drop schema billing cascade");
  RunResult rest = Pull("--db '" + db.url() + "' --exclude-schema billing --out " + dir.string());
  INFO(rest.err);
  CHECK(rest.exit_code == 0);
  CHECK(Snapshot(dir) == before);

  // Read whole, the dropped schema's file goes, and pull says so.
  RunResult whole = Pull("--db '" + db.url() + "' --out " + dir.string());
  CHECK(whole.err == "wrote 1 file to " + dir.string() +
                         "; removed billing.schema (no longer in the database)\n");
  CHECK(Snapshot(dir).count("billing.schema") == 0);
}

TEST_CASE("pull --out DIR: a schema's name cannot put its file outside DIR or hide it",
          "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema \"../up\"; create table \"../up\".a (id int primary key);"
          "create schema \"x/y\"; create table \"x/y\".b (id int primary key);"
          "create schema \".dot%\"; create table \".dot%\".c (id int primary key)");
  TempDir temp;
  const fs::path dir = temp.path / "out" / "schema";
  RunResult run = Pull("--db '" + db.url() + "' --out " + dir.string());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::map<std::string, std::string> files = Snapshot(temp.path);
  std::vector<std::string> names;
  for (const auto& [name, content] : files) names.push_back(name);
  CHECK(names == std::vector<std::string>{"out", "out/schema", "out/schema/%2E.%2Fup.schema",
                                          "out/schema/%2Edot%25.schema",
                                          "out/schema/public.schema", "out/schema/x%2Fy.schema"});
  CHECK(files["out/schema/x%2Fy.schema"].starts_with("schema \"x/y\"\n"));
  // The directory reads back as the database.
  RunResult plan = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " +
                              dir.string() + " --dev-url '" + EngineUrl(Engine::kPostgres) + "'");
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
}

TEST_CASE("pull --out DIR on a disk that fills up leaves DIR exactly as it was",
          "[pg][pull][mount]") {
  ScratchDb db(Engine::kPostgres);
  // About 150 KB of .schema text: more than the 64 KiB disk below holds.
  db.Exec("create schema billing; create table billing.invoices (id int primary key);"
          "do $$ begin for i in 1..700 loop execute format('create table t%s (id int primary "
          "key, name text not null, created_at timestamptz not null default now(), body text, "
          "score numeric(10,2), flag boolean not null default false)', i); end loop; end $$");
  RunResult whole = Pull("--db '" + db.url() + "'");
  REQUIRE(whole.exit_code == 0);
  REQUIRE(whole.out.size() > 100 * 1024);

  // DIR holds an earlier pull (public.schema, and a schema dropped since) and other files.
  std::string script =
      "dir=\"$SMALL_DISK/schema\"; mkdir -p \"$dir/sub\"\n"
      "printf 'table old {\\n  id integer primary key\\n}\\n' >\"$dir/public.schema\"\n"
      "printf 'schema gone\\n' >\"$dir/gone.schema\"\n"
      "printf 'hand-written\\n' >\"$dir/README.md\"; : >\"$dir/.gitkeep\"\n"
      "printf 'x\\n' >\"$dir/sub/a.schema\"\n"
      "list() { (cd \"$dir\" && find . | sort && find . -type f -exec md5sum {} + | sort); }\n"
      "list >\"$SMALL_DISK.before\"\n" +
      std::string(SCHEMAC_BINARY) + " pull --db '" + db.url() + "' --out \"$dir\"\n"
      "echo \"exit $?\"\n"
      "list >\"$SMALL_DISK.after\"\n"
      "if cmp -s \"$SMALL_DISK.before\" \"$SMALL_DISK.after\"; then echo unchanged; else "
      "diff \"$SMALL_DISK.before\" \"$SMALL_DISK.after\"; fi\n"
      "rm -f \"$SMALL_DISK.before\" \"$SMALL_DISK.after\"\n";
  RunResult run = RunWithSmallDisk(script, 64);
  INFO("stdout: " << run.out);
  CHECK(run.err.starts_with("schemac: error: cannot write "));
  CHECK(run.err.find("No space left on device") != std::string::npos);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.out == "exit 1\nunchanged\n");
}

TEST_CASE("database commands that print fail in one line when stdout cannot be written",
          "[pg][stdout]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create table accounts (id int primary key)");
  TempDir temp;
  std::string schema = (temp.path / "s.schema").string();
  WriteFile(schema, "table accounts {\n  id integer primary key\n  name text?\n}\n");
  std::string dev = " --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  std::string url = "'" + db.url() + "'";
  for (const std::string& args :
       {"pull --db " + url, "pull --json --db " + url,
        // A lost migration is an error, 1 (with --exit-code, 2 would mean "changes").
        "diff --from empty --to " + schema + dev,
        "diff --from " + url + " --to " + schema + " --format text" + dev,
        "plan --db " + url + " --schema " + schema + dev,
        "plan --exit-code --format sql --db " + url + " --schema " + schema + dev,
        "apply --auto-approve --db " + url + " --schema " + schema + dev,
        "types --db " + url, "doctor" + dev, std::string("help diff")}) {
    RunResult run = RunShell(std::string("{ NO_COLOR=1 ") + SCHEMAC_BINARY + " " + args +
                             " >/dev/full; }");
    INFO("schemac " << args);
    CHECK(run.exit_code == 1);
    CHECK(run.err ==
          "schemac: error: cannot write to standard output: No space left on device\n");
  }
  // apply showed no plan, so it applied nothing.
  RunResult plan = RunSchemac("plan --exit-code --db " + url + " --schema " + schema + dev);
  CHECK(plan.exit_code == 2);
}

}  // namespace schemac::testing
