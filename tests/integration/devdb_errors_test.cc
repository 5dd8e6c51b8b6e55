// Errors the dev database raises while it builds a schema: each names its object and points at
// its place in the .schema files (file:line:col, the source line, a caret under what the server
// pointed at), independent ones are reported together, and the command exits 1 having changed
// nothing. On the shared PostgreSQL engine (--dev-url), the embedded dev database and PGlite.

#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <string>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// A valid schema; each test breaks some of its lines.
constexpr const char* kSchema =
    "table accounts {\n"                                             // 1
    "  id bigint primary key\n"                                      // 2
    "  owner_id bigint\n"                                            // 3
    "  balance numeric default 0\n"                                  // 4
    "  note text?\n"                                                 // 5
    "  check positive_balance (balance >= 0)\n"                      // 6
    "  index accounts_note (lower(note))\n"                          // 7
    "  rls\n"                                                        // 8
    "  policy \"owners read\" for select using (owner_id = 1)\n"     // 9
    "}\n"                                                            // 10
    "table entries {\n"                                              // 11
    "  id bigint primary key\n"                                      // 12
    "  account_id bigint references accounts(id)\n"                  // 13
    "  amount numeric\n"                                             // 14
    "  check amount_positive (amount > 0)\n"                         // 15
    "}\n";                                                           // 16

// kSchema with each (line, text) of `replaced` in place of its line (1-based).
std::string WithLines(const std::vector<std::pair<int, std::string>>& replaced) {
  std::string out;
  std::string text = kSchema;
  int line = 1;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string current = text.substr(start, end - start);
    for (const auto& [n, bad] : replaced) {
      if (n == line) current = bad;
    }
    out += current + "\n";
    start = end + 1;
    ++line;
  }
  return out;
}

struct Outcome {
  RunResult plan;
  std::string file;  // the schema's path, as the messages print it
};

// `schemac plan` of the schema against a fresh database, building on `dev` ("" for the embedded
// dev database).
Outcome Plan(const std::string& schema, const std::string& dev) {
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::string file = (dir.path / "app.schema").string();
  std::ofstream(file) << schema;
  std::string args = "plan --db '" + db.url() + "' --schema " + file;
  if (!dev.empty()) args += " --dev-url '" + dev + "'";
  return {RunSchemac(args), file};
}

// That `err` reports `message` at line `line` of `file`, at the column of `token` in
// `source_line` (the line as written), then shows that line with a caret under `token` (tildes
// under the rest of it), as `schemac check` does.
void CheckPointsAt(const std::string& err, const std::string& file, int line,
                   const std::string& message, const std::string& source_line,
                   const std::string& token) {
  INFO(err);
  // The first whole-word occurrence of `token` ("owner", not the start of "owners").
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t found = source_line.find(token);
  while (found != std::string::npos &&
         ((found > 0 && word(source_line[found - 1])) ||
          (found + token.size() < source_line.size() && word(source_line[found + token.size()])))) {
    found = source_line.find(token, found + 1);
  }
  REQUIRE(found != std::string::npos);
  size_t col = found + 1;
  std::string where = file + ":" + std::to_string(line) + ":" + std::to_string(col);
  size_t at = err.find(where + ": error: " + message + "\n");
  REQUIRE(at != std::string::npos);
  size_t shown = err.find(source_line + "\n", at);
  REQUIRE(shown != std::string::npos);
  // The snippet's prefix (a gutter) is the same on the caret line.
  size_t line_start = err.rfind('\n', shown) + 1;
  size_t prefix = shown - line_start;
  size_t caret_start = shown + source_line.size() + 1;
  std::string caret = err.substr(caret_start, err.find('\n', caret_start) - caret_start);
  REQUIRE(caret.size() >= prefix + col - 1 + token.size());
  CHECK(caret.substr(prefix + col - 1) == "^" + std::string(token.size() - 1, '~'));
}

}  // namespace

TEST_CASE("dev database errors: a policy typo points at the name in the policy",
          "[pg][devdb-errors]") {
  std::string bad = "  policy \"owners read\" for select using (owner = 1)";
  Outcome run = Plan(WithLines({{9, bad}}), EngineUrl(Engine::kPostgres));
  CHECK(run.plan.exit_code == 1);
  CHECK(run.plan.out.empty());
  CheckPointsAt(run.plan.err, run.file, 9,
                "policy \"owners read\" on public.accounts: column \"owner\" does not exist", bad,
                "owner");
}

TEST_CASE("dev database errors: a check typo points into the check, not at a LINE of SQL",
          "[pg][devdb-errors]") {
  std::string bad = "  check positive_balance (balanse >= 0)";
  Outcome run = Plan(WithLines({{6, bad}}), EngineUrl(Engine::kPostgres));
  CHECK(run.plan.exit_code == 1);
  CHECK(run.plan.err.find("LINE ") == std::string::npos);
  CheckPointsAt(run.plan.err, run.file, 6,
                "check constraint positive_balance on public.accounts: column \"balanse\" does "
                "not exist",
                bad, "balanse");
}

TEST_CASE("dev database errors: far along a long line, past what libpq shows of it",
          "[pg][devdb-errors]") {
  std::string bad =
      "  check positive_balance (balance >= 0 and balance < 1000000000 and balance <> 12345 "
      "and balanse <> 99999)";
  Outcome run = Plan(WithLines({{6, bad}}), EngineUrl(Engine::kPostgres));
  CHECK(run.plan.exit_code == 1);
  CheckPointsAt(run.plan.err, run.file, 6,
                "check constraint positive_balance on public.accounts: column \"balanse\" does "
                "not exist",
                bad, "balanse");
}

TEST_CASE("dev database errors: a default typo, and what depends on its table is not reported",
          "[pg][devdb-errors]") {
  std::string bad_default = "  balance numeric default (zero())";
  std::string bad_index = "  index accounts_note (lowr(note))";
  Outcome run = Plan(WithLines({{4, bad_default}, {7, bad_index}}), EngineUrl(Engine::kPostgres));
  CHECK(run.plan.exit_code == 1);
  CheckPointsAt(run.plan.err, run.file, 4,
                "default of column public.accounts.balance: function zero() does not exist",
                bad_default, "zero");
  // The table was not built: its index (and entries' foreign key to it) were not run, and are
  // counted, not reported as failures of their own.
  CHECK(run.plan.err.find("lowr") == std::string::npos);
  CHECK(run.plan.err.find("does not exist\n") == run.plan.err.rfind("does not exist\n"));
  CHECK(run.plan.err.find("statements that depend on it were not run") != std::string::npos);
}

TEST_CASE("dev database errors: an index expression typo", "[pg][devdb-errors]") {
  std::string bad = "  index accounts_note (lowr(note))";
  Outcome run = Plan(WithLines({{7, bad}}), EngineUrl(Engine::kPostgres));
  CHECK(run.plan.exit_code == 1);
  CheckPointsAt(run.plan.err, run.file, 7,
                "index accounts_note on public.accounts: function lowr(text) does not exist", bad,
                "lowr");
}

TEST_CASE("dev database errors: independent typos are reported together", "[pg][devdb-errors]") {
  std::string bad_policy = "  policy \"owners read\" for select using (owner = 1)";
  std::string bad_check = "  check amount_positive (amont > 0)";
  Outcome run = Plan(WithLines({{9, bad_policy}, {15, bad_check}}), EngineUrl(Engine::kPostgres));
  CHECK(run.plan.exit_code == 1);
  CheckPointsAt(run.plan.err, run.file, 9,
                "policy \"owners read\" on public.accounts: column \"owner\" does not exist",
                bad_policy, "owner");
  CheckPointsAt(run.plan.err, run.file, 15,
                "check constraint amount_positive on public.entries: column \"amont\" does not "
                "exist",
                bad_check, "amont");
  CHECK(run.plan.err.find("\n2 errors\n") != std::string::npos);
}

TEST_CASE("dev database errors: apply and diff report them too, and apply changes nothing",
          "[pg][devdb-errors]") {
  std::string bad = "  policy \"owners read\" for select using (owner = 1)";
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::string file = (dir.path / "app.schema").string();
  std::ofstream(file) << WithLines({{9, bad}});
  std::string dev = " --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  std::string message = "policy \"owners read\" on public.accounts: column \"owner\" does not exist";

  RunResult apply =
      RunSchemac("apply --auto-approve --db '" + db.url() + "' --schema " + file + dev);
  CHECK(apply.exit_code == 1);
  CheckPointsAt(apply.err, file, 9, message, bad, "owner");
  db.Exec("CREATE TABLE probe (id int)");  // the database is as it was: empty
  std::ofstream(dir.path / "nothing.schema") << "table probe {\n  id int?\n}\n";
  RunResult same = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " +
                              (dir.path / "nothing.schema").string() + dev);
  INFO(same.err);
  CHECK(same.exit_code == 0);

  RunResult diff = RunSchemac("diff --from empty --to " + file + dev);
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.empty());
  CheckPointsAt(diff.err, file, 9, message, bad, "owner");
}

TEST_CASE("dev database errors: the embedded dev database points at the typo too",
          "[pg][devdb-errors][embedded]") {
  std::string bad = "  policy \"owners read\" for select using (owner = 1)";
  Outcome run = Plan(WithLines({{9, bad}}), "");
  CHECK(run.plan.exit_code == 1);
  CheckPointsAt(run.plan.err, run.file, 9,
                "policy \"owners read\" on public.accounts: column \"owner\" does not exist", bad,
                "owner");
}

TEST_CASE("dev database errors: PGlite as the dev database points at the typo",
          "[pglite][devdb-errors]") {
  std::string bad = "  check positive_balance (balanse >= 0)";
  ScratchDb dev(Engine::kPglite);  // held empty for the build, as --dev-url
  Outcome run = Plan(WithLines({{6, bad}}), dev.url());
  CHECK(run.plan.exit_code == 1);
  CheckPointsAt(run.plan.err, run.file, 6,
                "check constraint positive_balance on public.accounts: column \"balanse\" does "
                "not exist",
                bad, "balanse");
}

}  // namespace schemac::testing
