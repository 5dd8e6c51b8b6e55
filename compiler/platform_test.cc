#include "compiler/platform.h"

#include <catch2/catch.hpp>

namespace schemac {

TEST_CASE("platform schemas and roles", "[platform]") {
  CHECK(IsSystemSchema("pg_catalog"));
  CHECK(IsSystemSchema("pg_temp_3"));
  CHECK_FALSE(IsSystemSchema("auth"));
  CHECK(IsSupabasePlatformSchema("auth"));
  CHECK(IsSupabasePlatformSchema("supabase_migrations"));
  CHECK(IsSupabasePlatformSchema("information_schema"));
  CHECK_FALSE(IsSupabasePlatformSchema("public"));
  CHECK_FALSE(IsSupabasePlatformSchema("authx"));
  CHECK(IsSupabaseRole("service_role"));
  CHECK_FALSE(IsSupabaseRole("postgres"));
}

TEST_CASE("the platform's extensions are the preinstalled ones, in a platform schema",
          "[platform]") {
  CHECK(IsSupabasePlatformExtension("uuid-ossp", "extensions"));
  CHECK(IsSupabasePlatformExtension("pgcrypto", "extensions"));
  CHECK(IsSupabasePlatformExtension("pg_graphql", "graphql"));
  CHECK_FALSE(IsSupabasePlatformExtension("vector", "extensions"));  // Enabled by the project.
  CHECK_FALSE(IsSupabasePlatformExtension("citext", "extensions"));
  CHECK_FALSE(IsSupabasePlatformExtension("pgcrypto", "public"));  // Installed by the project.
}

TEST_CASE("privileges come in PostgreSQL's order", "[platform]") {
  CHECK(CanonicalPrivileges({"maintain", "update", "select", "bogus"}) ==
        std::vector<std::string>{"select", "update", "maintain"});
  CHECK(CanonicalPrivileges({}).empty());
}

}  // namespace schemac
