// No password, or any part of one, in what any command prints about a URL it cannot use: every
// form libpq reads (and some it refuses) across every command that takes a URL, run as a user
// runs them. The message must still say what is wrong.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <vector>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// Letters no message holds by chance, three in a row.
constexpr const char* kPassword = "Qz7Kx9Wv3Jq";

struct Form {
  std::string name;
  std::string url;
  /// The password as written and as meant (percent-decoded, unescaped): no 3 characters in a
  /// row of either may be printed.
  std::vector<std::string> secrets;
  /// What the message says is wrong (any one of these).
  std::vector<std::string> causes;
};

std::string ShellQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// host:port of a postgresql://user@host:port/db URL.
std::string HostPort(const std::string& url) {
  size_t at = url.find('@');
  return url.substr(at + 1, url.find('/', at) - at - 1);
}

std::vector<Form> Forms() {
  const std::string p = kPassword;
  const std::string refused = "Connection refused";
  // Nothing listens on port 1: refused at once.
  std::string host_port = HostPort(EngineUrl(Engine::kPostgres));
  std::string host = host_port.substr(0, host_port.find(':'));
  std::string port = host_port.substr(host_port.find(':') + 1);
  std::vector<std::string> not_a_url = {"missing \"=\" after \"***\" in connection info string",
                                        "is neither a file nor a PostgreSQL URL"};
  return {
      {"URL", "postgresql://app:" + p + "@127.0.0.1:1/x", {p}, {refused}},
      {"postgres:// scheme", "postgres://app:" + p + "@127.0.0.1:1/x", {p}, {refused}},
      {"percent-encoded",
       "postgresql://app:Qz7Kx%409Wv3Jq@127.0.0.1:1/x",
       {"Qz7Kx%409Wv3Jq", "Qz7Kx@9Wv3Jq"},
       {refused}},
      {"bad percent-encoding",
       "postgresql://app:" + p + "%zz@127.0.0.1:1/x",
       {p + "%zz"},
       {"invalid percent-encoded token: \"***\""}},
      // libpq's message names "%00" itself: the parts around it are the password's.
      {"%00",
       "postgresql://app:Qz7Kx%009Wv3Jq@127.0.0.1:1/x",
       {"Qz7Kx%0", "009Wv3Jq"},
       {"forbidden value %00 in percent-encoded value: \"***\""}},
      {"unescaped @",
       "postgresql://app:Qz7Kx@9Wv3Jq@127.0.0.1:1/x",
       {"Qz7Kx@9Wv3Jq"},
       {"could not translate host name \"***\""}},
      {"unescaped /",
       "postgresql://app:Qz7Kx/9Wv3Jq@127.0.0.1:1/x",
       {"Qz7Kx/9Wv3Jq"},
       {"invalid integer value \"***\" for connection option \"port\""}},
      {"several hosts", "postgresql://app:" + p + "@127.0.0.1:1,127.0.0.1:2/x", {p}, {refused}},
      {"?password=", "postgresql://127.0.0.1:1/x?user=app&password=" + p, {p}, {refused}},
      {"?sslpassword=", "postgresql://app@127.0.0.1:1/x?sslpassword=" + p, {p}, {refused}},
      {"percent-encoded key", "postgresql://127.0.0.1:1/x?pass%77ord=" + p, {p}, {refused}},
      {"upper-case scheme", "POSTGRESQL://app:" + p + "@127.0.0.1:1/x", {p}, not_a_url},
      {"no scheme", "app:" + p + "@127.0.0.1:1/x", {p}, not_a_url},
      {"other scheme", "mysql://app:" + p + "@127.0.0.1:1/x", {p}, not_a_url},
      {"key=value", "host=127.0.0.1 port=1 user=app password=" + p + " dbname=x", {p}, {refused}},
      {"password = x", "host=127.0.0.1 port=1 password = " + p + " dbname=x", {p}, {refused}},
      {"quoted value",
       "host=127.0.0.1 port=1 password='Qz7Kx 9Wv\\'3Jq' dbname=x",
       {"Qz7Kx 9Wv\\'3Jq", "Qz7Kx 9Wv'3Jq"},
       {refused}},
      {"sslpassword=", "host=127.0.0.1 port=1 sslpassword=" + p + " dbname=x", {p}, {refused}},
      {"URL as dbname",
       "dbname=postgresql://app:" + p + "@127.0.0.1:1/x host=127.0.0.1 port=1",
       {p},
       {refused}},
      {"no such database",
       "postgresql://postgres:" + p + "@" + host_port + "/nosuchdb",
       {p},
       {"database \"nosuchdb\" does not exist"}},
      {"bad option",
       "host=" + host + " port=" + port + " password=" + p + " sslmode=bogus",
       {p},
       {"invalid sslmode value: \"bogus\""}},
  };
}

struct Command {
  std::string name;
  std::string args;  ///< `URL` stands for the quoted URL; without it, DATABASE_URL is set.
  std::string env = "";
};

std::vector<Command> Commands(const std::string& schema) {
  return {
      {"pull --db", "pull --db URL"},
      {"plan --db", "plan --schema empty --db URL"},
      {"plan, DATABASE_URL", "plan --schema empty"},
      {"apply --db", "apply --auto-approve --schema empty --db URL"},
      {"diff --from", "diff --from URL --to empty"},
      {"diff --to", "diff --from empty --to URL"},
      {"diff --dev-url", "diff --from empty --to " + schema + " --dev-url URL"},
      {"types --db", "types --db URL"},
      // Without engines of its own, doctor reports only on --dev-url.
      {"doctor --dev-url", "doctor --dev-url URL",
       "SCHEMAC_PG_BINDIR=/nonexistent SCHEMAC_PGLITE_PREFIX=/nonexistent"},
  };
}

}  // namespace

TEST_CASE("no command prints a password, or part of one, in any form", "[pg][masking]") {
  TempDir dir;
  std::ofstream(dir.path / "app.schema") << "table notes {\n  id int primary key\n}\n";
  std::vector<Form> forms = Forms();
  std::vector<Command> commands = Commands((dir.path / "app.schema").string());
  REQUIRE(forms.size() >= 20);
  for (const Command& command : commands) {
    for (const Form& form : forms) {
      INFO(command.name << ", " << form.name << ": " << form.url);
      std::string args = command.args;
      std::string env = command.env;
      std::string quoted = ShellQuoted(form.url);
      if (size_t at = args.find("URL"); at != std::string::npos) {
        args.replace(at, 3, quoted);
      } else {
        env += " DATABASE_URL=" + quoted;
      }
      // No canonical form from the cache: --dev-url is connected to.
      RunResult run = RunShell("cd " + dir.path.string() + " && SCHEMAC_NO_CACHE=1 NO_COLOR=1 " +
                               env + " " + SCHEMAC_BINARY + " " + args);
      std::string printed = run.out + run.err;
      INFO("printed: " << printed);
      CHECK(run.exit_code == 1);
      for (const std::string& secret : form.secrets) {
        for (size_t i = 0; i + 3 <= secret.size(); ++i) {
          INFO("part: " << secret.substr(i, 3));
          CHECK(printed.find(secret.substr(i, 3)) == std::string::npos);
        }
      }
      CHECK(std::any_of(form.causes.begin(), form.causes.end(), [&](const std::string& cause) {
        return printed.find(cause) != std::string::npos;
      }));
      // One line on stderr: `schemac: error: ...`.
      CHECK(run.err.starts_with("schemac: error: "));
      CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    }
  }
}

}  // namespace schemac::testing
