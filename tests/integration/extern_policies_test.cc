// Policies on Supabase's platform tables (storage.objects, storage.buckets, realtime.messages)
// are the project's: declared in `extern table storage.objects { policy ... }`, planned,
// applied, read back, pulled and dropped, while the table itself is never touched, and the
// policies of a platform table the schema does not declare are left alone.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

std::string DevUrl() { return "--dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

constexpr const char* kDeclared =
    "target supabase\n"
    "\n"
    "table notes {\n"
    "  id uuid primary key\n"
    "}\n"
    "\n"
    "extern table storage.objects {\n"
    "  /// Each user reads the files of their own folder.\n"
    "  policy \"own files\" for select to authenticated\n"
    "    using (bucket_id = 'avatars' and owner = (select auth.uid()))\n"
    "  policy \"upload avatars\" for insert to authenticated with check (bucket_id = 'avatars')\n"
    "}\n";

int PolicyCount(ScratchDb& db, const std::string& table) {
  RunResult run = RunSchemac("pull --json --db '" + db.url() + "'");
  REQUIRE(run.exit_code == 0);
  nlohmann::json ir = nlohmann::json::parse(run.out);
  for (const nlohmann::json& t : ir["tables"]) {
    if (t["schema"].get<std::string>() + "." + t["name"].get<std::string>() == table) {
      REQUIRE(t["extern"] == true);
      REQUIRE(t["columns"].empty());
      return t.contains("policies") ? static_cast<int>(t["policies"].size()) : 0;
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("policies on storage.objects are declared, applied, pulled and dropped",
          "[pg][extern-policies]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql());
  TempDir temp;
  WriteFile(temp.path / "schema/public.schema", kDeclared);
  std::string args =
      "--db '" + db.url() + "' --schema " + (temp.path / "schema").string() + " " + DevUrl();

  RunResult plan = RunSchemac("plan " + args);
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  REQUIRE(plan.out.find("+ create policy \"own files\" on storage.objects") != std::string::npos);
  REQUIRE(plan.out.find("+ create policy \"upload avatars\" on storage.objects") !=
          std::string::npos);
  // The platform's table is never created, altered or dropped.
  REQUIRE(plan.out.find("create table storage") == std::string::npos);
  REQUIRE(plan.out.find("row level security") == std::string::npos);

  RunResult apply = RunSchemac("apply --auto-approve " + args);
  INFO(apply.out << apply.err);
  REQUIRE(apply.exit_code == 0);
  REQUIRE(PolicyCount(db, "storage.objects") == 2);
  REQUIRE(RunSchemac("plan --exit-code " + args).exit_code == 0);
  RunResult again = RunSchemac("apply --auto-approve " + args);  // Twice: nothing to do.
  REQUIRE(again.exit_code == 0);
  REQUIRE(again.out.find("No changes") != std::string::npos);

  // Pull writes them in an extern table block; the pulled schema plans clean.
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " +
                              (temp.path / "pulled").string());
  REQUIRE(pull.exit_code == 0);
  std::string pulled = ReadFile(temp.path / "pulled/public.schema");
  REQUIRE(pulled.find("extern table storage.objects {\n  /// Each user reads the files of their "
                      "own folder.\n  policy \"own files\" for select to authenticated") !=
          std::string::npos);
  REQUIRE(pulled.find("storage.buckets") == std::string::npos);  // No policies: not written.
  RunResult round = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " +
                               (temp.path / "pulled").string() + " " + DevUrl());
  INFO(round.out << round.err);
  REQUIRE(round.exit_code == 0);

  // A schema that does not declare the table leaves its policies alone ...
  WriteFile(temp.path / "schema/public.schema",
            "target supabase\n\ntable notes {\n  id uuid primary key\n}\n");
  RunResult undeclared = RunSchemac("plan --exit-code " + args);
  INFO(undeclared.out);
  REQUIRE(undeclared.exit_code == 0);
  // ... and one that declares it without a policy drops them.
  WriteFile(temp.path / "schema/public.schema",
            "target supabase\n\ntable notes {\n  id uuid primary key\n}\n\n"
            "extern table storage.objects {\n"
            "  policy \"upload avatars\" for insert to authenticated with check (bucket_id = "
            "'avatars')\n}\n");
  RunResult drop = RunSchemac("plan " + args);
  INFO(drop.out);
  REQUIRE(drop.out.find("- drop policy \"own files\" on storage.objects") != std::string::npos);
  REQUIRE(drop.out.find("upload avatars") == std::string::npos);
  REQUIRE(RunSchemac("apply --auto-approve " + args).exit_code == 0);
  REQUIRE(PolicyCount(db, "storage.objects") == 1);
  REQUIRE(RunSchemac("plan --exit-code " + args).exit_code == 0);
}

TEST_CASE("a policy on another extern table is refused at its line", "[pg][extern-policies]") {
  TempDir temp;
  WriteFile(temp.path / "s.schema",
            "target supabase\n\nextern table auth.users {\n  id uuid primary key\n"
            "  policy \"p\" for select using (true)\n}\n");
  RunResult check = RunSchemac("check " + (temp.path / "s.schema").string());
  REQUIRE(check.exit_code == 1);
  REQUIRE(check.err.find("s.schema:5:3: error: extern table 'auth.users' declares only columns, "
                         "keys (policies only on storage.objects, storage.buckets and "
                         "realtime.messages)") != std::string::npos);
}

}  // namespace schemac::testing
