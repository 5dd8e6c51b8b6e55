// Hazards against real servers, on every version the [pg] tests run on (15, and 17 and 18 as
// "pg17:"/"pg18:"): each hazard rule of the diff (DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK,
// AUTHZ_CHANGE, NOT_TRANSACTIONAL, BLOCKS_WRITES) on schemas built on that server, DATA_LOSS steps
// refused without --allow-destructive; and a narrowing type change (text to varchar(3)) refused by
// apply with the rows intact, its changed rows counted by plan and apply before anything runs.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

constexpr const char* kBefore = R"(target supabase
extension citext
enum mood ('calm', 'happy')
enum gone_mood ('x')
enum shrink ('a', 'b', 'c')

table gone {
  id bigint primary key
}

table old_name {
  id bigint primary key
}

table t {
  id               bigint primary key
  dropped          text
  narrow_text      text
  narrow_numeric   numeric(10,6)
  narrow_ts        timestamp
  narrow_float     float8
  widen_int        integer
  narrow_int       bigint
  shrink_precision numeric(12,2)
  widen_varchar    varchar(3)
  widen_numeric    numeric(10,2)
  to_text          varchar(3)
  day              date
  made_generated   bigint
  regenerated      bigint generated always as (id * 2) stored
  now_required     text?
  becomes_identity bigint
  checked          integer check (checked > 0)
}

table t2 {
  id bigint primary key

  index t2_gone_idx (id)
  rls
  policy "p_alter" for select to authenticated using (true)
  policy "p_drop" for select to anon using (true)
  grant select, insert to authenticated
}
)";

constexpr const char* kAfter = R"(target supabase
enum mood ('calm', 'happy', 'sad')
enum shrink ('a', 'c')

table new_name renamed from old_name {
  id bigint primary key
}

table t {
  id               bigint primary key
  narrow_text      varchar(3)
  narrow_numeric   numeric(10,2)
  narrow_ts        date
  narrow_float     real
  widen_int        bigint
  narrow_int       integer
  shrink_precision numeric(10,2)
  widen_varchar    varchar(10)
  widen_numeric    numeric(12,2)
  to_text          text
  day              timestamp
  made_generated   bigint generated always as (id * 2) stored
  regenerated      bigint generated always as (id * 3) stored
  now_required     text
  becomes_identity bigint identity always
  checked          integer check (checked > 1)
  added_generated  bigint generated always as (id * 4) stored

  index (widen_int)
  rls
  policy "p_new" for select to authenticated using (true)
  grant select to anon
}

table t2 {
  id bigint primary key

  t_id bigint? references t(id)

  rls force
  policy "p_alter" for select to authenticated using (false)
  grant select to authenticated
}

table fresh {
  id    bigint primary key
  t_id  bigint? references t(id)
  other bigint? references fresh_other(id)
}

table fresh_other {
  id bigint primary key
}
)";

// Each rule as the plan shows it: "mark description  [HAZARDS]" (the hazards exactly).
const char* const kDataLoss[] = {
    "- drop extension citext  [DATA_LOSS]",
    "- drop enum public.gone_mood  [DATA_LOSS]",
    "- drop table public.gone  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
    "- drop column public.t.dropped  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
    // A plain column turned generated, a generation expression changed: dropped and added.
    "- drop column public.t.made_generated  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
    "- drop column public.t.regenerated  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
    // Casts that truncate or round silently.
    "~ change type of public.t.narrow_text from text to character varying(3)  "
    "[DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.narrow_numeric from numeric(10,6) to numeric(10,2)  "
    "[DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.narrow_ts from timestamp without time zone to date  "
    "[DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.narrow_float from double precision to real  "
    "[DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
};

const char* const kOthers[] = {
    // TABLE_REWRITE without data loss: widening, or a cast PostgreSQL refuses on overflow.
    "~ change type of public.t.widen_int from integer to bigint  "
    "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.narrow_int from bigint to integer  "
    "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.shrink_precision from numeric(12,2) to numeric(10,2)  "
    "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.day from date to timestamp without time zone  "
    "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "+ add column public.t.made_generated (bigint)  [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "+ add column public.t.added_generated (bigint)  [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    "~ recreate enum public.shrink with new values  [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
    // Changed in the catalog only: the lock, no rewrite.
    "~ change type of public.t.widen_varchar from character varying(3) to character "
    "varying(10)  [ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.widen_numeric from numeric(10,2) to numeric(12,2)  "
    "[ACCESS_EXCLUSIVE_LOCK]",
    "~ change type of public.t.to_text from character varying(3) to text  "
    "[ACCESS_EXCLUSIVE_LOCK]",
    // ACCESS_EXCLUSIVE_LOCK.
    "~ rename table public.old_name to new_name  [ACCESS_EXCLUSIVE_LOCK]",
    "~ set not null on public.t.now_required  [ACCESS_EXCLUSIVE_LOCK]",
    "~ make public.t.becomes_identity an identity column  [ACCESS_EXCLUSIVE_LOCK]",
    "- drop check t_checked_check on public.t  [ACCESS_EXCLUSIVE_LOCK]",
    "+ add check t_checked_check on public.t  [ACCESS_EXCLUSIVE_LOCK]",
    "~ validate check t_checked_check on public.t",
    "- drop index t2_gone_idx on public.t2  [ACCESS_EXCLUSIVE_LOCK]",
    // BLOCKS_WRITES: a foreign key, on both of its tables until the commit, unless both are new.
    "+ add foreign key t2_t_id_fkey on public.t2  [BLOCKS_WRITES]",
    "~ validate foreign key t2_t_id_fkey on public.t2",
    "+ add foreign key fresh_t_id_fkey on public.fresh  [BLOCKS_WRITES]",
    "+ add foreign key fresh_other_fkey on public.fresh",
    // AUTHZ_CHANGE.
    "~ enable row level security on public.t  [AUTHZ_CHANGE]",
    "~ force row level security on public.t2  [AUTHZ_CHANGE]",
    "+ create policy \"p_new\" on public.t  [AUTHZ_CHANGE]",
    "~ alter policy \"p_alter\" on public.t2  [AUTHZ_CHANGE]",
    "- drop policy \"p_drop\" on public.t2  [AUTHZ_CHANGE]",
    "~ grant on public.t to anon  [AUTHZ_CHANGE]",
    "~ revoke on public.t2 from authenticated  [AUTHZ_CHANGE]",
    // NOT_TRANSACTIONAL.
    "+ add value 'sad' to enum public.mood  [NOT_TRANSACTIONAL]",
    "+ create index t_widen_int_idx on public.t  [NOT_TRANSACTIONAL]",
};

bool HasLine(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

std::string Scalar(const std::string& url, const std::string& sql) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::read_transaction tx(*connection);
  pqxx::row row = tx.exec1(sql);
  return row[0].is_null() ? "NULL" : row[0].c_str();
}

}  // namespace

TEST_CASE("every hazard rule holds on this server version, DATA_LOSS steps refused",
          "[pg][hazards]") {
  TempDir dir;
  WriteFile(dir.path / "before.schema", kBefore);
  WriteFile(dir.path / "after.schema", kAfter);
  std::string args = "diff --dev-url '" + EngineUrl(Engine::kPostgres) + "' --from '" +
                     (dir.path / "before.schema").string() + "' --to '" +
                     (dir.path / "after.schema").string() +
                     "' --allow-enum-recreate --concurrent-indexes --format text";
  INFO("server " << ExpectedServerMajor());
  RunResult plan = RunSchemac(args + " --allow-destructive");
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  for (const char* line : kDataLoss) {
    INFO(line);
    CHECK(HasLine(plan.out, line));
  }
  for (const char* line : kOthers) {
    INFO(line);
    CHECK(HasLine(plan.out, line));
  }

  // Without --allow-destructive: each DATA_LOSS step refused by name, and nothing else.
  RunResult refused = RunSchemac(args);
  INFO(refused.err);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  size_t refusals = 0;
  for (const char* line : kDataLoss) {
    std::string description(line + 2, std::string(line).find("  [") - 2);
    INFO(description);
    CHECK(HasLine(refused.err,
                  "schemac: error: refused (DATA_LOSS, pass --allow-destructive): " + description));
    ++refusals;
  }
  CHECK(static_cast<size_t>(std::count(refused.err.begin(), refused.err.end(), '\n')) == refusals);

  // A NOT NULL constraint of its own (PostgreSQL 18) renamed: ALTER TABLE, under the lock.
  if (ExpectedServerMajor() >= 18) {
    WriteFile(dir.path / "before.schema", "table n {\n  a text\n  not null a_set (a)\n}\n");
    WriteFile(dir.path / "after.schema", "table n {\n  a text\n  not null a_given (a)\n}\n");
    RunResult renamed = RunSchemac(args);
    INFO(renamed.out << renamed.err);
    CHECK(renamed.exit_code == 0);
    CHECK(HasLine(renamed.out,
                  "~ alter the not null constraint of public.n.a  [ACCESS_EXCLUSIVE_LOCK]"));
  }
}

TEST_CASE("a narrowing type change is refused with the rows intact, and plan and apply count them",
          "[pg][hazards][plan]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(
      "create table notes (id bigint primary key, body text not null);"
      "insert into notes values (1, 'abcdef'), (2, 'ab'), (3, 'xyz')");
  TempDir dir;
  WriteFile(dir.path / "app.schema",
            "table notes {\n  id bigint primary key\n  body varchar(3)\n}\n");
  std::string args = "--db '" + db.url() + "' --schema '" + (dir.path / "app.schema").string() +
                     "' --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  const std::string step = "change type of public.notes.body from text to character varying(3)";

  RunResult plan = RunSchemac("plan " + args);
  INFO(plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out ==
        "public.notes\n"
        "  ~ " +
            step +
            "  [DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]\n"
            "0 to add, 1 to change, 0 to drop\n"
            "Rows the DATA_LOSS type changes would change (counted now):\n"
            "  " +
            step +
            ": 1 row would change\n"
            "Steps marked DATA_LOSS need --allow-destructive to be applied.\n");
  RunResult json = RunSchemac("plan --format json " + args);
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  REQUIRE(parsed["steps"].size() == 1);
  CHECK(parsed["steps"][0]["description"] == step);
  CHECK(parsed["steps"][0]["rows_changed"] ==
        nlohmann::json({{"count", 1}, {"exact", true}, {"text", "1 row would change"}}));

  RunResult refused = RunSchemac("apply --auto-approve " + args);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(refused.err == "schemac: error: refused (DATA_LOSS, pass --allow-destructive): " + step +
                           "\n"
                           "Rows the DATA_LOSS type changes would change (counted now):\n"
                           "  " +
                           step +
                           ": 1 row would change\n"
                           "schemac: nothing was applied\n");
  CHECK(Scalar(db.url(), "select string_agg(body, ',' order by id) from notes") == "abcdef,ab,xyz");
  CHECK(Scalar(db.url(),
               "select format_type(atttypid, atttypmod) from pg_attribute where "
               "attrelid = 'notes'::regclass and attname = 'body'") == "text");

  RunResult applied = RunSchemac("apply --auto-approve --allow-destructive " + args);
  INFO(applied.err);
  CHECK(applied.exit_code == 0);
  CHECK(applied.out.find("  " + step + ": 1 row would change\n") != std::string::npos);
  CHECK(applied.out.ends_with("Applied 1 steps.\n"));
  CHECK(Scalar(db.url(), "select string_agg(body, ',' order by id) from notes") == "abc,ab,xyz");
}

TEST_CASE("the count of changed rows is bounded, survives failing casts, odd names and locks",
          "[pg][hazards][plan]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(
      "create table \"Odd \"\"Notes\" (id bigint primary key, \"Body Text\" text not null, "
      "price numeric(10,6) not null);"
      "insert into \"Odd \"\"Notes\" select i, repeat('x', 4), case when i <= 2 then "
      "1.123456 else 1.5 end from generate_series(1, 10050) i;"
      "create table held (id bigint primary key, v numeric(10,6) not null);"
      "insert into held values (1, 1.123456), (2, 1.5);"
      "create table big (id bigint primary key, amount numeric(14,2) not null);"
      "insert into big values (1, 99999999999.50), (2, 2.5)");
  TempDir dir;
  WriteFile(dir.path / "app.schema",
            "table \"Odd \"\"Notes\" {\n  id bigint primary key\n  \"Body Text\" varchar(3)\n"
            "  price numeric(10,2)\n}\n"
            "table held {\n  id bigint primary key\n  v numeric(10,2)\n}\n"
            "table big {\n  id bigint primary key\n  amount integer\n}\n");
  std::string args = "plan --db '" + db.url() + "' --schema '" +
                     (dir.path / "app.schema").string() + "' --dev-url '" +
                     EngineUrl(Engine::kPostgres) + "'";
  const std::string table = "public.Odd \"Notes";  // As the plan names it.
  RunResult plan = RunSchemac(args);
  INFO(plan.out << plan.err);
  // 99999999999.50 does not fit an integer: the data refuses the plan (data_check_test.cc).
  CHECK(plan.exit_code == 1);
  CHECK(plan.err.find("schemac: error: the data refuses change type of public.big.amount from "
                      "numeric(14,2) to integer: 1 row cannot be converted (for example id=1): "
                      "integer out of range\n") != std::string::npos);
  CHECK(plan.out.find("  change type of " + table +
                      ".Body Text from text to character "
                      "varying(3): more than 10000 rows would change\n") != std::string::npos);
  // numeric(14,2) to integer rounds (DATA_LOSS), and 99999999999.50 does not fit at all.
  CHECK(plan.out.find("  change type of public.big.amount from numeric(14,2) to integer: "
                      "unknown: some rows cannot be converted (integer out of range)\n") !=
        std::string::npos);
  // 1.500000 stays 1.50; 1.123456 becomes 1.12.
  CHECK(plan.out.find("  change type of " + table +
                      ".price from numeric(10,6) to numeric(10,2): "
                      "2 rows would change\n") != std::string::npos);
  CHECK(plan.out.find("  change type of public.held.v from numeric(10,6) to numeric(10,2): "
                      "1 row would change\n") != std::string::npos);
  RunResult json = RunSchemac(args + " --format json");
  INFO(json.err);
  REQUIRE(json.exit_code == 1);  // Refused by the data, the JSON printed all the same.
  nlohmann::json steps = nlohmann::json::parse(json.out)["steps"];
  REQUIRE(steps.size() == 4);
  auto rows_changed = [&](const std::string& description) {
    for (const nlohmann::json& step : steps) {
      if (step["description"] == description) return step["rows_changed"];
    }
    FAIL("no step " << description);
    return nlohmann::json();
  };
  CHECK(rows_changed("change type of " + table + ".Body Text from text to character varying(3)") ==
        nlohmann::json(
            {{"count", 10000}, {"exact", false}, {"text", "more than 10000 rows would change"}}));
  nlohmann::json failed =
      rows_changed("change type of public.big.amount from numeric(14,2) to integer");
  CHECK(failed["count"].is_null());
  CHECK(failed["exact"] == false);

  // A table locked elsewhere: the count gives up at its statement timeout instead of waiting.
  std::unique_ptr<pqxx::connection> holder = pg::Connect(db.url());
  pqxx::work lock(*holder);
  lock.exec("lock table held in access exclusive mode");
  RunResult locked = RunSchemac(args);
  INFO(locked.out << locked.err);
  CHECK(locked.exit_code == 1);  // public.big, as above.
  // The data check of the locked table is not made, and says so.
  CHECK(locked.out.find("  change type of public.held.v from numeric(10,6) to numeric(10,2): not "
                        "checked: a lock on the table was not granted in time") !=
        std::string::npos);
  CHECK(locked.out.find("  change type of public.held.v from numeric(10,6) to numeric(10,2): "
                        "unknown (count timed out)\n") != std::string::npos);
  CHECK(locked.out.find(".price from numeric(10,6) to numeric(10,2): 2 rows would change\n") !=
        std::string::npos);
  lock.abort();
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("a plain column turned generated is DATA_LOSS on every server version",
          "[pg][hazards][plan]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(
      "create table notes (id bigint primary key, cents bigint not null, total bigint not null);"
      "insert into notes values (1, 5, 99)");
  TempDir dir;
  WriteFile(dir.path / "app.schema",
            "table notes {\n  id bigint primary key\n  cents bigint\n"
            "  total bigint generated always as (cents * 2) stored\n}\n");
  std::string args = "apply --auto-approve --db '" + db.url() + "' --schema '" +
                     (dir.path / "app.schema").string() + "' --dev-url '" +
                     EngineUrl(Engine::kPostgres) + "'";
  INFO("server " << ExpectedServerMajor());
  RunResult refused = RunSchemac(args);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err ==
        "schemac: error: refused (DATA_LOSS, pass --allow-destructive): drop column "
        "public.notes.total\nschemac: nothing was applied\n");
  CHECK(Scalar(db.url(), "select total from notes") == "99");

  RunResult applied = RunSchemac(args + " --allow-destructive");
  INFO(applied.err);
  CHECK(applied.exit_code == 0);
  CHECK(HasLine(applied.out,
                "  - drop column public.notes.total  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]"));
  CHECK(HasLine(
      applied.out,
      "  + add column public.notes.total (bigint)  [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]"));
  CHECK(Scalar(db.url(), "select total from notes") == "10");
}

}  // namespace schemac::testing
