// Writes a synthetic Supabase-style schema of N tables for benchmarks: per table about 15
// columns, 2 indexes, 1 foreign key (to the previous table) and 2 policies, plus 3 enums.
//   schemac_gen N [--seed S] > schema.schema
//   schemac_gen N [--seed S] --sql > schema.sql
//   schemac_gen N [--seed S] --sql --changed PERCENT > changed.sql
// The output is deterministic for a given N and seed. With --sql it is the same schema as
// PostgreSQL DDL (constraint and index names are the defaults PostgreSQL and schemac give), to be
// loaded with `psql -v ON_ERROR_STOP=1 -f` into a database that has
// backends/postgres/supabase_env.sql.
//
// With --changed PERCENT (SQL only) it is the same schema with PERCENT% of its tables changed, for
// diff benchmarks: the changed tables are spread evenly (t = (2i+1)N/2k for the k = round(N *
// PERCENT / 100) of them) and each gets a column added, a column's type changed, an index added,
// dropped or redefined (in turn) and the USING of its policy "owner reads" changed. Every other
// byte but the header line is the output without --changed.
//
// With --objects (DSL or SQL, with or without --changed) the schema also has, per 1,000 tables,
// 200 functions, 100 views and 200 triggers, for the benchmark of a plan with and without them
// (tools/bench/bench_objects.sh). The tables are the same: only policies of 50 tables and the
// id default of 20 tables call the new functions.
//   functions: 10 trigger functions (plpgsql, `returns trigger`, updated_at style: they set the
//     row's timestamp on update); 50 policy helpers (sql, stable, security definer, set
//     search_path = '', used in a third policy "helper reads" of tables t % 20 == 1); 20 id
//     makers (sql, volatile, the id default of tables t % 50 == 2); the other 120 RPCs, in turn
//     sql `returns setof` a table (with a default argument, grant execute to authenticated) and
//     plpgsql `returns table (...)`;
//   views: one per 10 tables on a table, every fourth on the view before it (a view on a view),
//     the first one `security_invoker`, the even ones granted to authenticated;
//   triggers: `before update ... for each row` on tables t % 5 == 0, each calling one of the
//     trigger functions.
// The objects consume nothing of the random generator: without them, every table is the same.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// A small deterministic generator (splitmix64), so output does not depend on the library.
struct Rng {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
};

constexpr const char* kTypes[] = {"text",        "text?",   "integer", "bigint?", "boolean",
                                  "timestamptz", "jsonb",   "uuid?",   "numeric(12,2)",
                                  "varchar(80)", "date?",   "text[]",  "status"};

// kTypes as PostgreSQL DDL (the spelling PostgreSQL prints; `?` is the absence of NOT NULL).
constexpr const char* kSqlTypes[] = {"text not null",
                                     "text",
                                     "integer not null",
                                     "bigint",
                                     "boolean not null",
                                     "timestamp with time zone not null",
                                     "jsonb not null",
                                     "uuid",
                                     "numeric(12,2) not null",
                                     "character varying(80) not null",
                                     "date",
                                     "text[] not null",
                                     "public.status not null"};
static_assert(std::size(kTypes) == std::size(kSqlTypes));

constexpr const char* kOwner = "(select auth.uid()) = owner_id";

void Usage() {
  std::fprintf(stderr, "usage: schemac_gen N [--seed S] [--objects] [--sql [--changed PERCENT]]\n");
  std::exit(2);
}

// Type changes of --changed, in order of preference: the first column of the table with one of
// these types (indexes into kSqlTypes) gets the new type. All are accepted by ALTER COLUMN TYPE
// without a USING clause.
struct TypeChange {
  size_t from;
  const char* to;
};
constexpr TypeChange kTypeChanges[] = {
    {2, "bigint not null"},                  // integer -> bigint (default and check kept)
    {9, "text not null"},                    // varchar(80) -> text
    {8, "numeric(14,2) not null"},           // numeric(12,2) -> numeric(14,2)
    {10, "timestamp with time zone"},        // date -> timestamptz
    {0, "character varying(200) not null"},  // text -> varchar(200)
};

// How many objects of each kind --objects adds to N tables (none without it). See the header.
struct Objects {
  long trigger_functions = 0;
  long policy_functions = 0;
  long id_functions = 0;
  long rpc_functions = 0;
  long views = 0;
  bool on = false;

  static Objects For(long tables, bool on) {
    Objects o;
    if (!on) return o;
    o.on = true;
    o.trigger_functions = std::max(1L, tables / 100);
    o.policy_functions = tables / 20;
    o.id_functions = tables / 50;
    o.rpc_functions =
        std::max(0L, tables / 5 - o.trigger_functions - o.policy_functions - o.id_functions);
    o.views = tables / 10;
    return o;
  }
  // The policy helper table t's third policy calls, or -1.
  long PolicyFunction(long t) const {
    return on && t % 20 == 1 && t / 20 < policy_functions ? t / 20 : -1;
  }
  // The id maker of table t's id default, or -1 (gen_random_uuid()).
  long IdFunction(long t) const { return on && t % 50 == 2 && t / 50 < id_functions ? t / 50 : -1; }
  // The trigger function of table t's trigger, or -1 (no trigger).
  long TriggerFunction(long t) const { return on && t % 5 == 0 ? (t / 5) % trigger_functions : -1; }
  // The table RPC k reads, and the table view k reads.
  static long RpcTable(long k, long tables) { return (k * 8 + 3) % tables; }
  static long ViewTable(long k, long tables) { return (k * 10 + 4) % tables; }
};

// The id default of table t.
std::string IdDefault(const Objects& objects, long t) {
  long f = objects.IdFunction(t);
  return f < 0 ? "gen_random_uuid()" : fmt::format("public.new_id_{:03}()", f);
}

// The third policy of table t (calls a policy helper), as a DSL table item or SQL; empty when
// the table has none.
std::string HelperPolicy(const Objects& objects, long t, bool sql) {
  long f = objects.PolicyFunction(t);
  if (f < 0) return "";
  if (sql) {
    return fmt::format(
        "create policy \"helper reads\" on public.t{:05} as permissive for select to "
        "authenticated\n  using ((select public.can_read_{:03}(owner_id)));\n",
        t, f);
  }
  return fmt::format(
      "  policy \"helper reads\" for select to authenticated using ((select "
      "public.can_read_{:03}(owner_id)))\n",
      f);
}

// The functions that come before the tables (trigger functions, policy helpers, id makers),
// as DSL or SQL.
void WriteEarlyFunctions(const Objects& objects, bool sql, std::string& out) {
  for (long k = 0; k < objects.trigger_functions; ++k) {
    out += sql ? fmt::format(
                     "\ncreate function public.touch_{:03}() returns trigger\n"
                     "  language plpgsql\n  as $$\nbegin\n  new.created_at := now();\n"
                     "  return new;\nend;\n$$;\n",
                     k)
               : fmt::format(
                     "\n/// Sets the row's timestamp on update.\n"
                     "function touch_{:03}() returns trigger\n  language plpgsql\n"
                     "  as $$\nbegin\n  new.created_at := now();\n  return new;\nend;\n$$\n",
                     k);
    if (sql) {
      out += fmt::format(
          "comment on function public.touch_{:03}() is 'Sets the row''s timestamp on update.';\n",
          k);
    }
  }
  for (long k = 0; k < objects.policy_functions; ++k) {
    const char* body = "$$ select (select auth.uid()) = owner $$";
    out += sql ? fmt::format(
                     "\ncreate function public.can_read_{:03}(owner uuid) returns boolean\n"
                     "  language sql stable security definer set search_path = ''\n"
                     "  as {};\n",
                     k, body)
               : fmt::format(
                     "\nfunction can_read_{:03}(owner uuid) returns boolean\n"
                     "  language sql\n  stable\n  security definer\n"
                     "  set search_path = ''\n  as {}\n",
                     k, body);
  }
  for (long k = 0; k < objects.id_functions; ++k) {
    out += sql ? fmt::format(
                     "\ncreate function public.new_id_{:03}() returns uuid\n"
                     "  language sql volatile\n  as $$ select gen_random_uuid() $$;\n",
                     k)
               : fmt::format(
                     "\nfunction new_id_{:03}() returns uuid\n  language sql\n"
                     "  volatile\n  as $$ select gen_random_uuid() $$\n",
                     k);
  }
}

// The functions that come after the tables (RPCs on their row types), the views and the
// triggers, as DSL or SQL.
void WriteLateObjects(const Objects& objects, long tables, bool sql, std::string& out) {
  for (long k = 0; k < objects.rpc_functions; ++k) {
    long t = Objects::RpcTable(k, tables);
    if (k % 2 == 0) {
      std::string body = fmt::format(
          "$$ select * from public.t{:05} order by created_at desc limit max_rows $$", t);
      out += sql ? fmt::format(
                       "\ncreate function public.rpc_{:03}(max_rows integer default 20) "
                       "returns setof public.t{:05}\n  language sql stable\n  as {};\n"
                       "grant execute on function public.rpc_{:03}(integer) to "
                       "authenticated;\n",
                       k, t, body, k)
                 : fmt::format(
                       "\nfunction rpc_{:03}(max_rows integer default 20) returns setof "
                       "t{:05}\n  language sql\n  stable\n  grant execute to "
                       "authenticated\n  as {}\n",
                       k, t, body);
    } else {
      std::string body = fmt::format(
          "$$\nbegin\n  return query select r.id, r.created_at from public.t{:05} r\n"
          "    where r.created_at > since;\nend;\n$$",
          t);
      out += fmt::format(
          "\n{}function {}rpc_{:03}(since timestamptz) returns table (id uuid, created_at "
          "timestamptz)\n  language plpgsql\n  stable\n  as {}{}\n",
          sql ? "create " : "", sql ? "public." : "", k, body, sql ? ";" : "");
    }
  }
  for (long k = 0; k < objects.views; ++k) {
    std::string query = k % 4 == 3
                            ? fmt::format("select v.id, v.owner_id from public.v{:05} v", k - 1)
                            : fmt::format(
                                  "select t.id, t.owner_id, t.created_at from public.t{:05} t "
                                  "where t.parent_id is not null",
                                  Objects::ViewTable(k, tables));
    const char* options = k == 0 ? " with (security_invoker)" : "";
    if (sql) {
      out += fmt::format("\ncreate view public.v{:05}{} as {};\n", k, options, query);
      if (k % 2 == 0) out += fmt::format("grant select on public.v{:05} to authenticated;\n", k);
    } else {
      out += fmt::format("\nview v{:05}{} as ({}){}\n", k, options, query,
                         k % 2 == 0 ? " {\n  grant select to authenticated\n}" : "");
    }
  }
  for (long t = 0; t < tables; ++t) {
    long f = objects.TriggerFunction(t);
    if (f < 0) continue;
    out += fmt::format(
        "{}trigger t{:05}_touch before update on {}t{:05} for each row execute function "
        "{}touch_{:03}(){}\n",
        sql ? "create " : "\n", t, sql ? "public." : "", t, sql ? "public." : "", f,
        sql ? ";" : "");
  }
}

// Which tables --changed changes: k = round(tables * percent / 100), spread evenly. Returns, per
// table, -1 when unchanged, else its rank among the changed tables (which picks its variants).
std::vector<long> ChangedTables(long tables, double percent) {
  std::vector<long> rank(static_cast<size_t>(tables), -1);
  long k = std::lround(static_cast<double>(tables) * percent / 100.0);
  k = std::clamp(k, 0L, tables);
  for (long i = 0; i < k; ++i) rank[static_cast<size_t>((2 * i + 1) * tables / (2 * k))] = i;
  return rank;
}

// The same schema as SQL: consumes the generator exactly as the DSL output does, so both describe
// the same tables for a given N and seed. `changed_percent` < 0: no --changed.
void WriteSql(Rng& rng, long tables, uint64_t seed, double changed_percent, const Objects& objects,
              std::string& out) {
  std::vector<long> changed_rank(static_cast<size_t>(tables), -1);
  if (changed_percent >= 0) {
    changed_rank = ChangedTables(tables, changed_percent);
    out += fmt::format("-- generated by schemac_gen {} --seed {}{} --sql --changed {}\n", tables,
                       seed, objects.on ? " --objects" : "", changed_percent);
  } else {
    out += fmt::format("-- generated by schemac_gen {} --seed {}{} --sql\n", tables, seed,
                       objects.on ? " --objects" : "");
  }
  out += "-- needs: backends/postgres/supabase_env.sql\n\n";
  out += "create type public.status as enum ('draft', 'active', 'archived', 'deleted');\n";
  out += "create type public.priority as enum ('low', 'normal', 'high');\n";
  out += "create type public.channel as enum ('web', 'mobile', 'api');\n";
  WriteEarlyFunctions(objects, /*sql=*/true, out);
  for (long t = 0; t < tables; ++t) {
    std::string name = fmt::format("t{:05}", t);
    std::string checks;
    long rank = changed_rank[static_cast<size_t>(t)];
    bool changed = rank >= 0;
    out += fmt::format("\ncreate table public.{} (\n", name);
    out += fmt::format("  id         uuid not null default {},\n", IdDefault(objects, t));
    out += "  owner_id   uuid not null,\n";
    out += "  parent_id  uuid,\n";
    // Types first (the generator is consumed in the same order as before), so a changed table
    // can pick the column whose type it changes.
    size_t extra = 10 + rng.Below(3);
    std::vector<size_t> types(extra);
    for (size_t c = 0; c < extra; ++c) types[c] = rng.Below(std::size(kTypes));
    size_t retyped = extra;
    const char* retyped_to = nullptr;
    for (const TypeChange& change : kTypeChanges) {
      if (!changed || retyped < extra) break;
      for (size_t c = 0; c < extra; ++c) {
        if (types[c] == change.from) {
          retyped = c;
          retyped_to = change.to;
          break;
        }
      }
    }
    for (size_t c = 0; c < extra; ++c) {
      size_t type = types[c];
      out += fmt::format("  c{:02}        {}", c, c == retyped ? retyped_to : kSqlTypes[type]);
      if (std::strcmp(kTypes[type], "integer") == 0) {
        out += " default 0";
        checks += fmt::format("  constraint {}_c{:02}_check check (c{:02} >= 0),\n", name, c, c);
      }
      if (std::strcmp(kTypes[type], "boolean") == 0) out += " default false";
      if (std::strcmp(kTypes[type], "status") == 0) out += " default 'draft'";
      out += ",\n";
    }
    out += "  created_at timestamp with time zone not null default now(),\n";
    // Last, where ALTER TABLE ... ADD COLUMN puts it on the unchanged side.
    if (changed) {
      out += rank % 2 == 0 ? "  note       text,\n" : "  score      integer not null default 0,\n";
    }
    out += checks;
    out += fmt::format("  constraint {}_pkey primary key (id),\n", name);
    out += fmt::format(
        "  constraint {}_owner_id_fkey foreign key (owner_id) references auth.users (id) "
        "on delete cascade",
        name);
    if (t > 0) {
      out += fmt::format(
          ",\n  constraint {}_parent_id_fkey foreign key (parent_id) references public.t{:05} (id) "
          "on delete set null",
          name, t - 1);
    }
    out += "\n);\n";
    out += fmt::format("comment on table public.{} is 'Synthetic table {}.';\n", name, t);
    // Changed tables, in turn: an index redefined (same name, ascending), one dropped, one added.
    int index_change = changed ? static_cast<int>(rank % 3) : -1;
    out += fmt::format(
        "create index {0}_owner_created on public.{0} using btree (owner_id, created_at{1});\n",
        name, index_change == 0 ? "" : " desc");
    if (index_change != 1) {
      out += fmt::format(
          "create index {0}_parent_id_idx on public.{0} using btree (parent_id) "
          "where (parent_id is not null);\n",
          name);
    }
    if (index_change == 2) {
      out += fmt::format(
          "create index {0}_created_at_idx on public.{0} using btree (created_at);\n", name);
    }
    out += fmt::format("alter table public.{} enable row level security;\n", name);
    out += fmt::format(
        "grant select, insert, update, delete on table public.{} to authenticated;\n", name);
    out += fmt::format(
        "create policy \"owner reads\" on public.{} as permissive for select to authenticated\n"
        "  using ({});\n",
        name, changed ? "((select auth.uid()) = owner_id) or (parent_id is null)" : kOwner);
    out += fmt::format(
        "create policy \"owner writes\" on public.{} as permissive for all to authenticated\n"
        "  using ({}) with check ({});\n",
        name, kOwner, kOwner);
    out += HelperPolicy(objects, t, /*sql=*/true);
  }
  if (objects.on) out += '\n';
  WriteLateObjects(objects, tables, /*sql=*/true, out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) Usage();
  long tables = std::strtol(argv[1], nullptr, 10);
  if (tables <= 0) Usage();
  uint64_t seed = 1;
  bool sql = false;
  bool with_objects = false;
  double changed_percent = -1;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--sql") == 0) {
      sql = true;
    } else if (std::strcmp(argv[i], "--objects") == 0) {
      with_objects = true;
    } else if (std::strcmp(argv[i], "--changed") == 0 && i + 1 < argc) {
      char* end = nullptr;
      changed_percent = std::strtod(argv[++i], &end);
      if (*end != '\0' || !(changed_percent >= 0 && changed_percent <= 100)) Usage();
    } else {
      Usage();
    }
  }
  if (changed_percent >= 0 && !sql) Usage();
  Rng rng{seed};
  Objects objects = Objects::For(tables, with_objects);
  std::string out;
  out.reserve(static_cast<size_t>(tables) * 1500);
  if (sql) {
    WriteSql(rng, tables, seed, changed_percent, objects, out);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  out += fmt::format("-- generated by schemac_gen {} --seed {}{}\ntarget supabase\n\n", tables,
                     seed, objects.on ? " --objects" : "");
  out += "enum status ('draft', 'active', 'archived', 'deleted')\n";
  out += "enum priority ('low', 'normal', 'high')\n";
  out += "enum channel ('web', 'mobile', 'api')\n";
  WriteEarlyFunctions(objects, /*sql=*/false, out);
  for (long t = 0; t < tables; ++t) {
    std::string name = fmt::format("t{:05}", t);
    out += fmt::format("\n/// Synthetic table {}.\ntable {} {{\n", t, name);
    out += fmt::format("  id         uuid primary key default {}\n", IdDefault(objects, t));
    out += "  owner_id   uuid references auth.users(id) on delete cascade\n";
    if (t > 0) {
      out += fmt::format("  parent_id  uuid? references t{:05}(id) on delete set null\n", t - 1);
    } else {
      out += "  parent_id  uuid?\n";
    }
    size_t extra = 10 + rng.Below(3);
    for (size_t c = 0; c < extra; ++c) {
      const char* type = kTypes[rng.Below(std::size(kTypes))];
      out += fmt::format("  c{:02}        {}", c, type);
      if (std::strcmp(type, "integer") == 0) out += fmt::format(" default 0 check (c{:02} >= 0)", c);
      if (std::strcmp(type, "boolean") == 0) out += " default false";
      if (std::strcmp(type, "status") == 0) out += " default 'draft'";
      out += '\n';
    }
    out += "  created_at timestamptz default now()\n\n";
    out += fmt::format("  index {}_owner_created (owner_id, created_at desc)\n", name);
    out += "  index (parent_id) where (parent_id is not null)\n\n";
    out += "  rls\n";
    out += "  grant select, insert, update, delete to authenticated\n";
    out += "  policy \"owner reads\" for select to authenticated using ((select auth.uid()) = owner_id)\n";
    out += "  policy \"owner writes\" for all to authenticated\n";
    out += "    using ((select auth.uid()) = owner_id) with check ((select auth.uid()) = owner_id)\n";
    out += HelperPolicy(objects, t, /*sql=*/false);
    out += "}\n";
  }
  WriteLateObjects(objects, tables, /*sql=*/false, out);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
