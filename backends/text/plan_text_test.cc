// The plan as text and as JSON, on a small plan built by hand: the exact bytes `plan` and
// `diff --format text|json` print.

#include "backends/text/plan_text.h"

#include <catch2/catch.hpp>

namespace schemac::text {

namespace {

// Four steps over three groups: one of each mark, and each kind of hazard colour (DATA_LOSS in
// red, others in yellow). Built by hand, so each step's hazards are what the plan stage would
// have set (compiler/plan.h: Finalize); the renderers print them as they are.
plan::Plan SmallPlan() {
  plan::Plan plan;
  plan::Step schema;
  schema.kind = plan::StepKind::kCreateSchema;
  schema.name = "app";
  plan.steps.push_back(schema);
  plan::Step value;
  value.kind = plan::StepKind::kAddEnumValue;
  value.table = {"public", "mood"};
  value.value = "ok";
  value.name = "sad";
  value.hazards = plan::kNotTransactional;
  plan.steps.push_back(value);
  plan::Step rls;
  rls.kind = plan::StepKind::kSetRls;
  rls.hazards = plan::kAuthzChange;
  rls.table = {"public", "users"};
  rls.on = true;
  plan.steps.push_back(rls);
  plan::Step drop;
  drop.kind = plan::StepKind::kDropColumn;
  drop.hazards = plan::kDataLoss | plan::kAccessExclusiveLock;
  drop.table = {"public", "users"};
  drop.name = "legacy";
  plan.steps.push_back(drop);
  return plan;
}

}  // namespace

TEST_CASE("plan text: grouped by table, one mark and hazards per step", "[text]") {
  CHECK(PlanText(SmallPlan(), false, true) ==
        "schemas, extensions\n"
        "  + create schema app\n"
        "public.mood\n"
        "  + add value 'ok' to enum public.mood  [NOT_TRANSACTIONAL]\n"
        "public.users\n"
        "  ~ enable row level security on public.users  [AUTHZ_CHANGE]\n"
        "  - drop column public.users.legacy  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]\n"
        "2 to add, 1 to change, 1 to drop\n");
}

TEST_CASE("plan text: ungrouped, as diff --format text prints it", "[text]") {
  CHECK(PlanText(SmallPlan(), false, false) ==
        "+ create schema app\n"
        "+ add value 'ok' to enum public.mood  [NOT_TRANSACTIONAL]\n"
        "~ enable row level security on public.users  [AUTHZ_CHANGE]\n"
        "- drop column public.users.legacy  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]\n"
        "2 to add, 1 to change, 1 to drop\n");
  CHECK(PlanText({}, false, false) == "0 to add, 0 to change, 0 to drop\n");
}

TEST_CASE("plan text: in colour, DATA_LOSS red and other hazards yellow", "[text]") {
  CHECK(PlanText(SmallPlan(), true, true) ==
        "\033[1mschemas, extensions\033[0m\n"
        "  \033[32m+\033[0m create schema app\n"
        "\033[1mpublic.mood\033[0m\n"
        "  \033[32m+\033[0m add value 'ok' to enum public.mood  "
        "\033[33m[NOT_TRANSACTIONAL]\033[0m\n"
        "\033[1mpublic.users\033[0m\n"
        "  \033[33m~\033[0m enable row level security on public.users  "
        "\033[33m[AUTHZ_CHANGE]\033[0m\n"
        "  \033[31m-\033[0m drop column public.users.legacy  "
        "\033[31m[DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]\033[0m\n"
        "2 to add, 1 to change, 1 to drop\n");
}

TEST_CASE("plan json: each step's description, hazards, SQL and row count", "[text]") {
  std::vector<backends::RowCount> rows = {
      {3, 10000, false, "more than 10000 rows would change"},
      {2, std::nullopt, false, "unknown (count timed out)"},
  };
  CHECK(PlanJson(SmallPlan(), false, rows) ==
        R"json({
  "steps": [
    {
      "description": "create schema app",
      "hazards": [],
      "sql": "CREATE SCHEMA IF NOT EXISTS app;\n"
    },
    {
      "description": "add value 'ok' to enum public.mood",
      "hazards": [
        "NOT_TRANSACTIONAL"
      ],
      "sql": "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ok' AFTER 'sad';\n"
    },
    {
      "description": "enable row level security on public.users",
      "hazards": [
        "AUTHZ_CHANGE"
      ],
      "sql": "ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;\n",
      "rows_changed": {
        "count": null,
        "exact": false,
        "text": "unknown (count timed out)"
      }
    },
    {
      "description": "drop column public.users.legacy",
      "hazards": [
        "DATA_LOSS",
        "ACCESS_EXCLUSIVE_LOCK"
      ],
      "sql": "ALTER TABLE IF EXISTS public.users DROP COLUMN IF EXISTS legacy;\n",
      "rows_changed": {
        "count": 10000,
        "exact": false,
        "text": "more than 10000 rows would change"
      }
    }
  ]
}
)json");
  CHECK(PlanJson({}, false) == "{\n  \"steps\": []\n}\n");
}

TEST_CASE("plan text and json: the step's own hazards, and CONCURRENTLY in the JSON's SQL", "[text]") {
  plan::Plan plan;
  plan::Step index;
  index.kind = plan::StepKind::kCreateIndex;
  index.table = {"public", "users"};
  index.name = "users_name_idx";
  index.index.name = "users_name_idx";
  ir::IndexKey key;
  key.column = "name";
  index.index.keys = {key};
  plan.steps.push_back(index);
  CHECK(PlanText(plan, false, false) == "+ create index users_name_idx on public.users\n"
                                        "1 to add, 0 to change, 0 to drop\n");
  plan.steps[0].hazards = plan::kNotTransactional;  // As planned with concurrent indexes.
  CHECK(PlanText(plan, false, false) ==
        "+ create index users_name_idx on public.users  [NOT_TRANSACTIONAL]\n"
        "1 to add, 0 to change, 0 to drop\n");
  CHECK(PlanJson(plan, true).find("\"NOT_TRANSACTIONAL\"") != std::string::npos);
  CHECK(PlanJson(plan, true).find("CONCURRENTLY") != std::string::npos);
  CHECK(PlanJson(plan, false).find("CONCURRENTLY") == std::string::npos);
}

}  // namespace schemac::text
